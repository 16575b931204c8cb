-- 3.1.2 : services PASI retenus pour l'indicateur (volets 1 à 4, CERIGES jusqu'au 2023-06-30,
-- GSI à partir du 2023-07-01), chacun rattaché à la personne (cle_personne) de son dossier.
with

services as (
    select * from {{ ref('int_integration__pasi_services') }}
),

dossiers as (
    select * from {{ ref('int_integration__pasi_dossiers') }}
),

final as (
    select
        dossiers.cle_personne,
        services.systeme_source,
        services.id_dossier,
        services.date_service,
        services.annee_financiere,
        services.volet_source,
        services.volet_pasi,
        services.code_service,
        services.code_organisme,
        services.region_administrative,
        services.sexe,
        services.pays_naissance,
        services.situation_statutaire,
        services.date_arrivee,
        dossiers.date_naissance
    from services
    inner join dossiers
        on
            services.systeme_source = dossiers.systeme_source
            and services.id_dossier = dossiers.id_dossier
)

select * from final
