-- Indicateur 1.1.1 : déclarations d'intérêt (DI) admissibles distinctes (no_declaration)
-- déposées dans la fenêtre (année civile et cumuls mensuels depuis le 1er janvier). L'unité est
-- celle de la fiche (« Nombre de déclarations d'intérêt déposées »); le nombre de candidats
-- distincts est une mesure complémentaire (fct_mesures_111). Une DI est un événement ponctuel
-- à sa date de dépôt.
with

fenetres as (
    {{ fenetres_indicateur('1.1.1') }}
),

declarations as (
    select * from {{ ref('int_attraction__declarations_evaluees') }}
    where est_admissible
),

valeurs as (
    {{ compter_personnes_par_fenetre('declarations', 'no_declaration', 'date_depot', 'date_depot') }}
),

final as (
    {{ completer_resultats('1.1.1', 'valeurs') }}
)

select * from final
