-- Règle protégée (fiche PS 5.2.1, mise en garde : l'indicateur est très sensible aux
-- changements normatifs et à la conjoncture; variations annuelles historiques de -11,3 % à
-- +19,9 %) : d'une année à l'autre, une fenêtre terminée de 5.2.1 (année ou cumul
-- trimestriel) ne varie pas de plus de var('seuil_variation_annuelle_521', 0.25) par rapport à
-- la même fenêtre de l'année précédente. Au-delà, la méthode ou les extraits ont peut-être
-- dérivé. Test de dérive : avertissement.
{{ config(severity='warn') }}

with

resultats as (
    select * from {{ ref('fct_resultats_521') }}
),

comparees as (
    select
        courante.periode,
        courante.granularite,
        courante.date_fin,
        courante.valeur,
        precedente.valeur as valeur_annee_precedente,
        courante.valeur / precedente.valeur - 1 as variation
    from resultats as courante
    inner join resultats as precedente
        on
            courante.granularite = precedente.granularite
            and precedente.date_fin = {{ dbt.dateadd('year', -1, 'courante.date_fin') }}
    where
        -- Fenêtres terminées seulement : un cumul en cours n'est pas comparable.
        courante.periode_complete
        and courante.est_produite
        and precedente.est_produite
        and precedente.valeur > 0
),

final as (
    select
        periode,
        granularite,
        date_fin,
        valeur,
        valeur_annee_precedente,
        variation,
        '5.2.1 ' || periode || ' (' || granularite || ' au '
        || cast(date_fin as {{ dbt.type_string() }}) || ') : '
        || cast(valeur as {{ dbt.type_string() }}) || ' personnes contre '
        || cast(valeur_annee_precedente as {{ dbt.type_string() }})
        || ' un an plus tôt, variation au-delà du seuil de '
        || '{{ (var("seuil_variation_annuelle_521", 0.25) * 100) | round(1) }} %.' as message
    from comparees
    where abs(variation) > {{ var('seuil_variation_annuelle_521', 0.25) }}
)

select * from final
