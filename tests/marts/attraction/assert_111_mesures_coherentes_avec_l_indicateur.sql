-- Règle protégée (1.1.1 compte des DI; les candidats distincts sont une mesure complémentaire) :
-- pour chaque fenêtre publiée de l'indicateur, la mesure candidats_distincts existe et ne
-- dépasse jamais le nombre de DI admissibles (un candidat a au moins une DI); la mesure
-- di_methode_reference existe pour chaque fenêtre annuelle et seulement pour elles.
with

resultats as (
    select * from {{ ref('fct_resultats_111') }}
),

mesures as (
    select * from {{ ref('fct_mesures_111') }}
),

candidats as (
    select * from mesures
    where mesure = 'candidats_distincts'
),

reference as (
    select * from mesures
    where mesure = 'di_methode_reference'
),

anomalies as (
    select
        resultats.periode,
        resultats.granularite,
        resultats.date_fin,
        case
            when candidats.mesure is null then 'mesure candidats_distincts absente'
            when candidats.valeur > resultats.valeur then 'plus de candidats distincts que de DI admissibles'
        end as anomalie
    from resultats
    left join candidats
        on
            resultats.periode = candidats.periode
            and resultats.granularite = candidats.granularite
            and resultats.date_fin = candidats.date_fin

    union all

    select
        resultats.periode,
        resultats.granularite,
        resultats.date_fin,
        'mesure di_methode_reference absente' as anomalie
    from resultats
    left join reference
        on
            resultats.periode = reference.periode
            and resultats.date_fin = reference.date_fin
    where
        resultats.granularite = 'annuelle'
        and reference.mesure is null

    union all

    select
        periode,
        granularite,
        date_fin,
        'mesure di_methode_reference publiée hors d''une fenêtre annuelle' as anomalie
    from reference
    where granularite <> 'annuelle'
),

final as (
    {{ messages_anomalies_fenetres('1.1.1', 'anomalies') }}
)

select * from final
