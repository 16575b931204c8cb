-- Règle protégée (fiche PS 5.2.1, ventilations : une personne compte une fois par modalité;
-- les modalités ne s'additionnent pas forcément au total) : aucune cellule de ventilation ne
-- dépasse le nombre total de personnes distinctes de l'année.
with

resultats as (
    select * from {{ ref('fct_resultats_521') }}
),

ventilations as (
    select * from {{ ref('int_francisation__ventilations_521') }}
),

final as (
    select
        ventilations.periode,
        ventilations.dimension,
        ventilations.modalite,
        ventilations.valeur,
        resultats.valeur as total_annuel,
        '5.2.1 ' || ventilations.periode || ' : la modalité ' || ventilations.dimension || ' = '
        || ventilations.modalite || ' compte plus de personnes que le total annuel.' as message
    from ventilations
    inner join resultats
        on
            ventilations.periode = resultats.periode
            and resultats.granularite = 'annuelle'
    where ventilations.valeur > resultats.valeur
)

select * from final
