-- Rencontres Accompagnement Québec retenues : sans doublon exact ni ligne en quarantaine.
with

base as (
    select * from {{ ref('base_powerapp__aq_rencontres') }}
),

final as (
    select
        id_rencontre,
        id_arrima,
        date_rencontre,
        type_rencontre,
        statut_rencontre,
        matricule_agent
    from base
    where
        not est_doublon
        and motif_quarantaine is null
)

select * from final
