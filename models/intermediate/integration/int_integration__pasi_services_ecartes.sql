-- 3.1.2 : services PASI valides mais écartés de l'indicateur, avec leur motif (« hors periode
-- du systeme » : ligne du mauvais côté de la bascule CERIGES -> GSI du 2023-07-01; « volet
-- hors PASI » : code de volet inconnu). Comptés et consultables ici; signalés par les tests
-- assert_312_lignes_hors_periode_signalees et assert_312_volets_inconnus_signales.
with

services as (
    select * from {{ ref('int_integration__pasi_services') }}
),

final as (
    select
        systeme_source,
        id_dossier,
        date_service,
        annee_financiere,
        volet_source,
        code_service,
        code_organisme,
        region_administrative,
        motif_ecart
    from services
    where motif_ecart is not null
)

select * from final
