-- Diagnostic annuel des professions retenu : sans doublon exact ni ligne en quarantaine.
with

base as (
    select * from {{ ref('base_referentiels__diagnostics_professions') }}
),

final as (
    select
        annee,
        version_cnp,
        code_profession,
        niveau_competence,
        feer,
        diagnostic
    from base
    where
        not est_doublon
        and motif_quarantaine is null
)

select * from final
