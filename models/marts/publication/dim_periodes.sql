-- Dimension des périodes (fenêtres de calcul publiées) pour le schéma en étoile de Power BI :
-- une ligne par cle_periode, la clé que portent tous les faits. Seules les fenêtres commencées
-- à date_extraction sont publiées (comme dans les faits). Libellés lisibles en français et
-- ordre de tri chronologique (dans une année : mois, trimestre, puis l'année entière).
with

periodes as (
    select * from {{ ref('int_calendrier__periodes') }}
    where est_commencee
),

mois_situes as (
    select
        *,
        cast(extract(month from date_debut) as integer) as no_mois_debut,
        cast(extract(month from date_debut_sous_periode) as integer) as no_mois_debut_sous_periode,
        cast(extract(month from date_fin) as integer) as no_mois_fin,
        case granularite
            when 'cumul_mensuel' then 1
            when 'cumul_trimestriel' then 2
            else 3
        end as rang_granularite
    from periodes
),

libellees as (
    select
        {{ cle_periode('periode', 'granularite', 'date_fin') }} as cle_periode,
        type_periode,
        case type_periode
            when 'civile' then 'Année civile'
            else 'Année financière'
        end as libelle_type_periode,
        periode,
        granularite,
        case granularite
            when 'annuelle' then 'Annuelle'
            when 'cumul_trimestriel' then 'Cumul trimestriel'
            else 'Cumul mensuel'
        end as libelle_granularite,
        sous_periode,
        rang,
        case granularite
            when 'annuelle' then {{ dbt.concat([
                "case type_periode when 'civile' then 'Année civile ' else 'Année financière ' end",
                'periode',
            ]) }}
            when 'cumul_trimestriel' then {{ dbt.concat([
                'periode', "' '", 'sous_periode', "' (cumul '",
                nom_mois('no_mois_debut', abrege=true), "'–'", nom_mois('no_mois_fin', abrege=true), "')'",
            ]) }}
            else {{ dbt.concat([
                'periode', "' cumul à '", nom_mois('no_mois_fin'), "' ('", 'sous_periode', "')'",
            ]) }}
        end as libelle_periode,
        case granularite
            when 'annuelle' then 'Année complète'
            when 'cumul_trimestriel' then {{ dbt.concat([
                'sous_periode', "' ('",
                nom_mois('no_mois_debut_sous_periode', abrege=true), "'–'", nom_mois('no_mois_fin', abrege=true), "')'",
            ]) }}
            else {{ dbt.concat([
                'sous_periode', "' ('", nom_mois('no_mois_fin'), "')'",
            ]) }}
        end as libelle_sous_periode,
        date_debut,
        date_fin,
        date_debut_sous_periode,
        periode_complete,
        {{ est_fenetre_courante('date_debut', 'date_fin') }} as est_fenetre_courante,
        cast(row_number() over (
            order by {{ texte_tri_binaire('type_periode') }}, date_debut, date_fin, rang_granularite
        ) as integer) as ordre
    from mois_situes
),

final as (
    select
        cle_periode,
        type_periode,
        libelle_type_periode,
        periode,
        granularite,
        libelle_granularite,
        sous_periode,
        rang,
        libelle_periode,
        libelle_sous_periode,
        date_debut,
        date_fin,
        date_debut_sous_periode,
        periode_complete,
        est_fenetre_courante,
        ordre
    from libellees
)

select * from final
