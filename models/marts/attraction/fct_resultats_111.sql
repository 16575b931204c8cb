-- Indicateur 1.1.1 : candidats distincts (no_candidat) ayant déposé au moins une déclaration
-- d'intérêt admissible dans la fenêtre (année civile et cumuls mensuels depuis le 1er janvier).
-- Une DI est un événement ponctuel à sa date de dépôt.
with

fenetres as (
    {{ fenetres_indicateur('1.1.1') }}
),

declarations as (
    select * from {{ ref('int_attraction__declarations_evaluees') }}
    where est_admissible
),

valeurs as (
    {{ compter_personnes_par_fenetre('declarations', 'no_candidat', 'date_depot', 'date_depot') }}
),

final as (
    {{ completer_resultats('1.1.1', 'valeurs') }}
)

select * from final
