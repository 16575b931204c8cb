-- Dimension des indicateurs pour le schéma en étoile de Power BI : une ligne par indicateur,
-- avec le référentiel de la fiche (noms, objectif, unité, période, fréquence, direction
-- porteuse), ses cibles annuelles en colonnes (les quatre années du Plan stratégique 2023-2027,
-- dans l'ordre des périodes; nb_cibles et son test signalent une cinquième) et sa donnée de
-- référence.

with

indicateurs as (
    select * from {{ ref('indicateurs') }}
),

cibles as (
    select * from {{ ref('cibles_indicateurs') }}
),

reference as (
    select * from {{ ref('donnees_reference') }}
),

cibles_rangees as (
    select
        indicateur_id,
        periode,
        cible,
        row_number() over (partition by indicateur_id order by {{ texte_tri_binaire('periode') }}) as rang
    from cibles
),

cibles_en_colonnes as (
    select
        indicateur_id,
        max(case when rang = 1 then periode end) as periode_cible_1,
        max(case when rang = 1 then cible end) as cible_1,
        max(case when rang = 2 then periode end) as periode_cible_2,
        max(case when rang = 2 then cible end) as cible_2,
        max(case when rang = 3 then periode end) as periode_cible_3,
        max(case when rang = 3 then cible end) as cible_3,
        max(case when rang = 4 then periode end) as periode_cible_4,
        max(case when rang = 4 then cible end) as cible_4,
        count(*) as nb_cibles
    from cibles_rangees
    group by indicateur_id
),

final as (
    select
        indicateurs.indicateur_id,
        indicateurs.nom_complet,
        indicateurs.nom_abrege,
        indicateurs.objectif,
        indicateurs.type_periode,
        case indicateurs.type_periode
            when 'civile' then 'Année civile (1er janvier au 31 décembre)'
            else 'Année financière (1er avril au 31 mars)'
        end as libelle_type_periode,
        indicateurs.frequence_production,
        indicateurs.granularite_cumul,
        indicateurs.unite,
        case indicateurs.unite
            when 'personnes' then 'Personnes'
            when 'declarations' then 'Déclarations d''intérêt'
            when 'proportion' then 'Proportion'
        end as libelle_unite,
        indicateurs.systemes_sources,
        indicateurs.direction_porteuse,
        indicateurs.date_production_rag,
        cibles_en_colonnes.periode_cible_1,
        cast(cibles_en_colonnes.cible_1 as {{ type_double() }}) as cible_1,
        cibles_en_colonnes.periode_cible_2,
        cast(cibles_en_colonnes.cible_2 as {{ type_double() }}) as cible_2,
        cibles_en_colonnes.periode_cible_3,
        cast(cibles_en_colonnes.cible_3 as {{ type_double() }}) as cible_3,
        cibles_en_colonnes.periode_cible_4,
        cast(cibles_en_colonnes.cible_4 as {{ type_double() }}) as cible_4,
        cast(coalesce(cibles_en_colonnes.nb_cibles, 0) as integer) as nb_cibles,
        reference.periode as periode_reference,
        cast(reference.valeur as {{ type_double() }}) as valeur_reference,
        reference.methode as methode_reference,
        cast(
            row_number() over (order by {{ texte_tri_binaire('indicateurs.indicateur_id') }})
            as integer
        ) as ordre
    from indicateurs
    left join cibles_en_colonnes
        on indicateurs.indicateur_id = cibles_en_colonnes.indicateur_id
    left join reference
        on indicateurs.indicateur_id = reference.indicateur_id
)

select * from final
