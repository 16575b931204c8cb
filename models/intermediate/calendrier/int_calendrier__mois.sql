-- Un mois par ligne, du 1er janvier de var('premiere_annee') au 31 décembre de l'année qui
-- suit date_extraction : la trame de toutes les périodes publiées.
with

mois as (
    {{ dbt.date_spine(
        'month',
        "cast('" ~ var('premiere_annee') ~ "-01-01' as date)",
        "cast('" ~ ((valeur_date_extraction()[:4] | int) + 2) ~ "-01-01' as date)",
    ) }}
),

final as (
    select cast(date_month as date) as date_mois
    from mois
)

select * from final
