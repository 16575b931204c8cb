-- Aides financières PAFFARC retenues : sans doublon exact ni ligne en quarantaine. Tous les
-- statuts sont gardés ici (seules les aides ACCORDEE comptent pour 2.2.1, en intermédiaire).
with

base as (
    select * from {{ ref('base_arrima__paffarc_aides') }}
),

final as (
    select
        id_aide,
        id_arrima,
        date_decision,
        statut_aide,
        montant_accorde,
        code_profession,
        version_cnp
    from base
    where
        not est_doublon
        and motif_quarantaine is null
)

select * from final
