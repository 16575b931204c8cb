-- Dimension des modalités de ventilation pour le schéma en étoile de Power BI : une ligne par
-- cle_modalite (« <dimension>|<modalite> »), dérivée des cellules publiées (aucune modalité
-- n'est saisie à la main : les pays, régions et cours viennent de leurs référentiels).
-- Libellés selon la source déclarée pour la dimension (seed libelles_dimensions) :
--   liste  : seed libelles_modalites (vocabulaire fermé; un code absent reste sans libellé et
--            fait échouer le test not_null);
--   pays   : ref_pays (ISO 3166-1); un code inconnu devient « Pays inconnu (XYZ) » (test warn);
--   region : ref_regions_administratives; un code inconnu devient « Région inconnue (XX) »;
--   cours  : titre du référentiel des cours, suivi du sigle;
--   niveau : niveaux cibles d'un cours, code `co7_po8` publié « CO 7 / PO 8 », rangé par niveau;
--   texte  : la modalité est déjà un texte lisible (langue, direction, profession, année,
--            code du prestataire...).
-- Les modalités communes (oui, non, inconnu) ont leur libellé sous la dimension « * » du seed.
-- ordre : clé de tri, la même pour un même libellé dans toutes les dimensions (tri par
-- colonne de Power BI) : rang du seed (1-99), régions par code (101-117), pays par nom
-- (1001-1249), puis textes dans l'ordre des octets UTF-8, le même dans DuckDB et PostgreSQL
-- (à partir de 20001; une initiale accentuée se range après Z), `inconnu` en dernier (99999).
with

cellules as (
    select * from {{ ref('int_publication__ventilations') }}
),

dimensions as (
    select * from {{ ref('libelles_dimensions') }}
),

libelles as (
    select * from {{ ref('libelles_modalites') }}
),

pays as (
    select * from {{ ref('ref_pays') }}
),

regions as (
    select * from {{ ref('ref_regions_administratives') }}
),

cours as (
    select * from {{ ref('stg_referentiels__cours') }}
),

modalites as (
    select distinct
        dimension,
        modalite
    from cellules
),

regions_rangees as (
    select
        code_region,
        nom_region,
        cast(row_number() over (order by code_region) as integer) as rang
    from regions
),

sources as (
    select
        modalites.dimension,
        modalites.modalite,
        dimensions.libelle_dimension,
        dimensions.ordre as ordre_dimension,
        dimensions.source_libelles,
        coalesce(propres.libelle_modalite, communs.libelle_modalite) as libelle_liste,
        coalesce(propres.ordre, communs.ordre) as ordre_liste,
        pays.nom_pays,
        pays.ordre as ordre_pays,
        regions_rangees.nom_region,
        regions_rangees.rang as rang_region,
        cours.titre_cours
    from modalites
    left join dimensions
        on modalites.dimension = dimensions.dimension
    left join libelles as propres
        on
            modalites.dimension = propres.dimension
            and modalites.modalite = propres.modalite
    left join libelles as communs
        on
            communs.dimension = '*'
            and modalites.modalite = communs.modalite
    left join pays
        on
            dimensions.source_libelles = 'pays'
            and modalites.modalite = pays.code_pays
    left join regions_rangees
        on
            dimensions.source_libelles = 'region'
            and modalites.modalite = regions_rangees.code_region
    left join cours
        on
            dimensions.source_libelles = 'cours'
            and modalites.modalite = cours.sigle_cours
),

libellees as (
    select
        *,
        case
            when libelle_liste is not null then libelle_liste
            when source_libelles = 'pays'
                then coalesce(nom_pays, {{ dbt.concat(["'Pays inconnu ('", 'modalite', "')'"]) }})
            when source_libelles = 'region'
                then coalesce(nom_region, {{ dbt.concat(["'Région inconnue ('", 'modalite', "')'"]) }})
            when source_libelles = 'cours'
                then coalesce({{ dbt.concat(['titre_cours', "' ('", 'modalite', "')'"]) }}, modalite)
            when source_libelles = 'niveau'
                then replace(replace(modalite, 'co', 'CO '), '_po', ' / PO ')
            when source_libelles = 'texte' then modalite
        end as libelle_modalite
    from sources
),

ordonnees as (
    select
        *,
        case
            when ordre_liste is not null then ordre_liste
            when ordre_pays is not null then 1000 + ordre_pays
            when rang_region is not null then 100 + rang_region
            when source_libelles = 'niveau' and modalite != 'inconnu'
                then
                    300
                    + 13 * cast({{ dbt.split_part("replace(modalite, 'co', '')", "'_'", 1) }} as integer)
                    + cast(replace({{ dbt.split_part('modalite', "'_'", 2) }}, 'po', '') as integer)
            when libelle_modalite is not null
                then 20000 + dense_rank() over (order by {{ texte_tri_binaire('libelle_modalite') }})
        end as ordre
    from libellees
),

final as (
    select
        {{ cle_modalite('dimension', 'modalite') }} as cle_modalite,
        dimension,
        libelle_dimension,
        cast(ordre_dimension as integer) as ordre_dimension,
        modalite,
        libelle_modalite,
        cast(ordre as integer) as ordre
    from ordonnees
)

select * from final
