-- Règle protégée (fiches PS 5.2.1 et PS 3.1.3 : production trimestrielle, cumul depuis le
-- 1er avril) : le cumul trimestriel au 31 mars égale la valeur de l'année financière, et les
-- cumuls d'une année ne décroissent pas (5.2.1 en personnes, 3.1.3 en participations évaluées).
with

resultats as (
    select
        indicateur_id,
        periode,
        granularite,
        date_fin,
        valeur,
        denominateur,
        coalesce(denominateur, valeur) as effectif
    from {{ ref('fct_resultats_521') }}

    union all

    select
        indicateur_id,
        periode,
        granularite,
        date_fin,
        valeur,
        denominateur,
        coalesce(denominateur, valeur) as effectif
    from {{ ref('fct_resultats_313') }}
),

annuelles as (
    select * from resultats
    where granularite = 'annuelle'
),

cumuls as (
    select
        *,
        lag(effectif) over (partition by indicateur_id, periode order by date_fin) as effectif_precedent
    from resultats
    where granularite = 'cumul_trimestriel'
),

ecarts_annuels as (
    select
        cumuls.indicateur_id,
        cumuls.periode,
        cumuls.date_fin,
        cumuls.indicateur_id || ' ' || cumuls.periode
        || ' : le cumul au 31 mars diffère de la valeur annuelle.' as message
    from cumuls
    inner join annuelles
        on
            cumuls.indicateur_id = annuelles.indicateur_id
            and cumuls.periode = annuelles.periode
            and cumuls.date_fin = annuelles.date_fin
    where
        cumuls.effectif <> annuelles.effectif
        or coalesce(cumuls.valeur, -1) <> coalesce(annuelles.valeur, -1)
),

decroissances as (
    select
        indicateur_id,
        periode,
        date_fin,
        indicateur_id || ' ' || periode || ' : le cumul au ' || cast(date_fin as {{ dbt.type_string() }})
        || ' est plus petit que le cumul du trimestre précédent.' as message
    from cumuls
    where effectif < effectif_precedent
),

final as (
    select * from ecarts_annuels
    union all
    select * from decroissances
)

select * from final
