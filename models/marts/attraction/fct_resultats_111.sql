-- Indicateur 1.1.1 : déclarations d'intérêt (DI) admissibles distinctes (no_declaration)
-- déposées dans la fenêtre (année civile et cumuls mensuels depuis le 1er janvier). L'unité est
-- celle de la fiche (« Nombre de déclarations d'intérêt déposées »); le nombre de candidats
-- distincts est une mesure complémentaire (fct_mesures_111). Une DI est un événement ponctuel
-- à sa date de dépôt.
with

declarations as (
    select * from {{ ref('int_attraction__declarations_evaluees') }}
    where est_admissible
),

final as (
    {{ resultats_denombrement('1.1.1', 'declarations', 'no_declaration', 'date_depot') }}
)

select * from final
