-- Dimension des périodes (fenêtres de calcul) pour le schéma en étoile de Power BI.
with

periodes as (
    select * from {{ ref('int_calendrier__periodes') }}
),

final as (
    select
        type_periode,
        periode,
        granularite,
        sous_periode,
        rang,
        date_debut,
        date_fin,
        date_debut_sous_periode,
        periode_complete,
        est_commencee
    from periodes
)

select * from final
