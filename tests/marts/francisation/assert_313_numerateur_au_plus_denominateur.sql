-- Règle protégée (fiche PS 3.1.3 : proportion des participations évaluées ayant atteint les
-- niveaux cibles) : les réussites sont un sous-ensemble des participations évaluées, donc
-- 0 <= numérateur <= dénominateur et la valeur, quand elle existe, est entre 0 et 1; elle est
-- vide exactement quand le dénominateur est nul.
with

resultats as (
    select
        periode,
        granularite,
        date_fin,
        cast(null as {{ dbt.type_string() }}) as dimension,
        cast(null as {{ dbt.type_string() }}) as modalite,
        valeur,
        numerateur,
        denominateur
    from {{ ref('fct_resultats_313') }}

    union all

    select
        periode,
        granularite,
        date_fin,
        dimension,
        modalite,
        valeur,
        numerateur,
        denominateur
    from {{ ref('fct_ventilations_indicateurs') }}
    where indicateur_id = '3.1.3' and not est_supprimee
),

final as (
    select
        *,
        '3.1.3 ' || periode || ' (' || granularite || ', ' || coalesce(dimension, 'total') || ' '
        || coalesce(modalite, '') || ') : numérateur, dénominateur ou valeur incohérents.' as message
    from resultats
    where
        numerateur < 0
        or numerateur > denominateur
        or (denominateur > 0 and (valeur is null or valeur < 0 or valeur > 1))
        or (denominateur = 0 and valeur is not null)
)

select * from final
