-- Inscriptions à Accompagnement Québec retenues : sans doublon exact ni ligne en quarantaine.
with

base as (
    select * from {{ ref('base_arrima__aq_inscriptions') }}
),

final as (
    select
        id_inscription_aq,
        id_arrima,
        date_inscription,
        admissible,
        lieu_service,
        statut_inscription,
        direction_regionale
    from base
    where
        not est_doublon
        and motif_quarantaine is null
)

select * from final
