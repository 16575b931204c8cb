-- 3.1.1 Participants AQ : personnes distinctes (id_arrima) ayant eu une évaluation des besoins
-- admissible (int_integration__aq_evaluations) dans la fenêtre; cumuls mensuels depuis le
-- 1er avril et année financière.
with

fenetres as (
    {{ fenetres_indicateur('3.1.1') }}
),

evaluations as (
    select * from {{ ref('int_integration__aq_evaluations') }}
),

valeurs as (
    select
        fenetres.periode,
        fenetres.granularite,
        fenetres.date_debut,
        fenetres.date_fin,
        cast(count(distinct evaluations.id_arrima) as double) as valeur,
        cast(null as double) as numerateur,
        cast(null as double) as denominateur
    from fenetres
    left join evaluations
        on {{ chevauche_fenetre('evaluations.date_rencontre', 'evaluations.date_rencontre') }}
    group by
        fenetres.periode,
        fenetres.granularite,
        fenetres.date_debut,
        fenetres.date_fin
),

final as (
    {{ completer_resultats('3.1.1', 'valeurs') }}
)

select * from final
