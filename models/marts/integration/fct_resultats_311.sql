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
    {{ compter_personnes_par_fenetre('evaluations', 'id_arrima', 'date_rencontre', 'date_rencontre') }}
),

final as (
    {{ completer_resultats('3.1.1', 'valeurs') }}
)

select * from final
