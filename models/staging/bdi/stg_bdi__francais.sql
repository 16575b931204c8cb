-- Preuves de connaissance du français retenues : sans doublon exact ni ligne en quarantaine.
with

base as (
    select * from {{ ref('base_bdi__francais') }}
),

final as (
    select
        no_declaration,
        type_preuve,
        niveau_comprehension_orale,
        niveau_production_orale
    from base
    where
        not est_doublon
        and motif_quarantaine is null
)

select * from final
