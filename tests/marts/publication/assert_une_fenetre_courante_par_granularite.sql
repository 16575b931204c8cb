-- Pour chaque indicateur et chaque granularité publiée, exactement une fenêtre est la fenêtre
-- courante (celle qui contient date_extraction), et c'est la dernière publiée (la plus
-- récente date de fin) de sa granularité.
with

resultats as (
    select * from {{ ref('fct_resultats_indicateurs') }}
),

par_granularite as (
    select
        indicateur_id,
        granularite,
        sum(case when est_fenetre_courante then 1 else 0 end) as nb_courantes,
        max(date_fin) as derniere_date_fin,
        max(case when est_fenetre_courante then date_fin end) as date_fin_courante
    from resultats
    group by
        indicateur_id,
        granularite
),

final as (
    select * from par_granularite
    where
        nb_courantes != 1
        or date_fin_courante != derniere_date_fin
)

select * from final
