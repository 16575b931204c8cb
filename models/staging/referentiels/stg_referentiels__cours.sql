-- Référentiel des cours retenu (une ligne par sigle) : sans doublon exact ni ligne en
-- quarantaine; indicateurs O/N convertis en booléens.
with

base as (
    select * from {{ ref('base_referentiels__cours') }}
),

final as (
    select
        sigle_cours,
        titre_cours,
        type_programme,
        programme_norme_code = 'O' as est_programme_norme,
        scolarite_9_ans_plus_code = 'O' as est_scolarite_9_ans_plus,
        evaluation_sommative_finale_code = 'O' as a_evaluation_sommative_finale,
        niveau_cible_co,
        niveau_cible_po
    from base
    where
        not est_doublon
        and motif_quarantaine is null
)

select * from final
