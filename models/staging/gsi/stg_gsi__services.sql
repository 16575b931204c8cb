-- Services PASI de GSI retenus : sans doublon exact ni ligne en quarantaine (donc datés à partir
-- du 2023-07-01, volets 1 à 4).
with

base as (
    select * from {{ ref('base_gsi__services') }}
),

final as (
    select
        id_personne,
        id_arrima,
        nom,
        prenom,
        date_naissance,
        sexe,
        pays_naissance,
        situation_statutaire,
        date_arrivee,
        id_organisme,
        region_administrative,
        volet,
        date_service,
        type_service
    from base
    where
        not est_doublon
        and motif_quarantaine is null
)

select * from final
