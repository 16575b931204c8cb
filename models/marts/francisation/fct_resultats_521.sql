-- 5.2.1 Nombre de personnes immigrantes participant aux cours de français : personnes
-- distinctes (no_client) ayant au moins une participation qui chevauche la fenêtre, pour
-- l'année financière et chaque cumul trimestriel depuis le 1er avril.
with

fenetres as (
    {{ fenetres_indicateur('5.2.1') }}
),

participations as (
    select * from {{ ref('int_francisation__participations_521') }}
),

valeurs as (
    select
        fenetres.periode,
        fenetres.granularite,
        fenetres.date_debut,
        fenetres.date_fin,
        cast(count(distinct participations.no_client) as double) as valeur,
        cast(null as double) as numerateur,
        cast(null as double) as denominateur
    from fenetres
    left join participations
        on {{ chevauche_fenetre('participations.date_debut_cours', 'participations.date_fin_cours') }}
    group by
        fenetres.periode,
        fenetres.granularite,
        fenetres.date_debut,
        fenetres.date_fin
),

final as (
    {{ completer_resultats('5.2.1', 'valeurs') }}
)

select * from final
