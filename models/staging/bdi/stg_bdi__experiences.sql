-- Expériences professionnelles déclarées retenues : sans doublon exact ni ligne en quarantaine.
with

base as (
    select * from {{ ref('base_bdi__experiences') }}
),

final as (
    select
        no_declaration,
        code_profession,
        version_cnp,
        mois_experience
    from base
    where
        not est_doublon
        and motif_quarantaine is null
)

select * from final
