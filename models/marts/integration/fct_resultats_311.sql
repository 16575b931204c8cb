-- 3.1.1 Participants AQ : personnes distinctes (id_arrima) ayant eu une évaluation des besoins
-- admissible (int_integration__aq_evaluations) dans la fenêtre; cumuls mensuels depuis le
-- 1er avril et année financière.
with

evaluations as (
    select * from {{ ref('int_integration__aq_evaluations') }}
),

final as (
    {{ resultats_denombrement('3.1.1', 'evaluations', 'id_arrima', 'date_rencontre') }}
)

select * from final
