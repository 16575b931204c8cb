-- Évaluations Intimm retenues : sans doublon exact ni ligne en quarantaine. `niveau` est le
-- niveau atteint sur l'Échelle québécoise (1-12), vide quand le résultat est `NE`.
with

base as (
    select * from {{ ref('base_intimm__evaluations') }}
),

final as (
    select
        no_inscription,
        competence,
        type_evaluation,
        resultat,
        case when resultat <> 'NE' then niveau end as niveau,
        resultat = 'NE' as est_non_evalue,
        date_evaluation
    from base
    where
        not est_doublon
        and motif_quarantaine is null
)

select * from final
