-- Services PASI de CERIGES retenus : sans doublon exact ni ligne en quarantaine (donc datés
-- avant le 2023-07-01, volets V1, V1A, V2, V3, V4). Codes d'origine conservés (sexe H/F/X,
-- statut RP/RT/..., volet V1A...); l'harmonisation avec GSI se fait en intermédiaire.
with

base as (
    select * from {{ ref('base_ceriges__services') }}
),

final as (
    select
        no_dossier,
        nom,
        prenom,
        date_naissance,
        sexe,
        pays_naissance,
        statut,
        date_arrivee,
        code_organisme,
        region_administrative,
        volet,
        date_service,
        code_service
    from base
    where
        not est_doublon
        and motif_quarantaine is null
)

select * from final
