-- 5.2.1 Nombre de personnes immigrantes participant aux cours de français : personnes
-- distinctes (no_client) ayant au moins une participation qui chevauche la fenêtre, pour
-- l'année financière et chaque cumul trimestriel depuis le 1er avril.
with

participations as (
    select * from {{ ref('int_francisation__participations_521') }}
),

final as (
    {{ resultats_denombrement('5.2.1', 'participations', 'no_client', 'date_debut_cours', 'date_fin_cours') }}
)

select * from final
