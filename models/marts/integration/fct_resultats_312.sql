-- 3.1.2 Participants services PASI : personnes uniques (cle_personne, union des volets 1 à 4,
-- CERIGES jusqu'au 2023-06-30 puis GSI) ayant reçu un service dans la fenêtre; cumuls
-- trimestriels depuis le 1er avril et année financière. Le cumul au T2 2023-2024 est publié
-- non produit (seed periodes_non_produites, via completer_resultats).
with

services as (
    select * from {{ ref('int_integration__pasi_participations') }}
),

final as (
    {{ resultats_denombrement('3.1.2', 'services', 'cle_personne', 'date_service') }}
)

select * from final
