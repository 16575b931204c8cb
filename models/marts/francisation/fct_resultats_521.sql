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
    {{ compter_personnes_par_fenetre('participations', 'no_client', 'date_debut_cours', 'date_fin_cours') }}
),

final as (
    {{ completer_resultats('5.2.1', 'valeurs') }}
)

select * from final
