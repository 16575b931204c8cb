-- Évaluation sommative finale qui fait foi, par inscription et compétence : la plus récente
-- (date_evaluation), puis le plus haut niveau en cas d'égalité de date. Si celle qui fait foi
-- est `NE`, la compétence n'est pas évaluée (niveau vide). Les évaluations formatives sont
-- ignorées.
with

evaluations as (
    select * from {{ ref('stg_intimm__evaluations') }}
),

sommatives_classees as (
    select
        no_inscription,
        competence,
        date_evaluation,
        resultat,
        niveau,
        est_non_evalue,
        row_number() over (
            partition by no_inscription, competence
            order by date_evaluation desc, niveau desc nulls last
        ) as rang
    from evaluations
    where type_evaluation = 'SOMMATIVE_FINALE'
),

final as (
    select
        no_inscription,
        competence,
        date_evaluation,
        resultat,
        niveau,
        est_non_evalue
    from sommatives_classees
    where rang = 1
)

select * from final
