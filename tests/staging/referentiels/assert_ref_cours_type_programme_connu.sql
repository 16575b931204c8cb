-- Règle protégée (fiche PS 5.2.1, ventilation par type de programme : général FIA/FIPA,
-- spécialisé FRT, en ligne FEL, milieu de travail FMT, autre) : chaque cours du référentiel a
-- un type de programme connu. Un nouveau type signale un changement de l'offre de cours à
-- intégrer aux ventilations. Test de dérive : avertissement.
{{ config(severity='warn') }}

with

cours as (
    select * from {{ ref('stg_referentiels__cours') }}
),

final as (
    select
        sigle_cours,
        type_programme,
        'Cours ' || sigle_cours || ' : type de programme « ' || coalesce(type_programme, 'vide')
        || ' » hors de la liste FIA, FIPA, FRT, FEL, FMT, AUTRE.' as message
    from cours
    where type_programme is null or type_programme not in ('FIA', 'FIPA', 'FRT', 'FEL', 'FMT', 'AUTRE')
)

select * from final
