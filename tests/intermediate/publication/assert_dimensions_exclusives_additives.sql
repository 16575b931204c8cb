-- Règle protégée : drapeau dimension_exclusive (contrôle de la divulgation). Une dimension
-- déclarée exclusive range chaque unité dans une seule modalité : ses cellules (avant
-- suppression) s'additionnent exactement au total annuel publié de l'indicateur (valeur pour un
-- dénombrement, numérateur pour une proportion). Sinon la suppression complémentaire, qui
-- repose sur cette additivité, ne protégerait pas les cellules. Une ligne par écart.
with

cellules as (
    select * from {{ ref('int_publication__ventilations') }}
),

resultats as (
    select * from {{ ref('fct_resultats_indicateurs') }}
),

sommes as (
    select
        indicateur_id,
        periode,
        granularite,
        date_fin,
        dimension,
        sum(valeur) as somme_valeurs,
        sum(numerateur) as somme_numerateurs
    from cellules
    where dimension_exclusive
    group by
        indicateur_id,
        periode,
        granularite,
        date_fin,
        dimension
),

final as (
    select
        sommes.indicateur_id,
        sommes.periode,
        sommes.dimension,
        sommes.somme_valeurs,
        sommes.somme_numerateurs,
        resultats.valeur as total_valeur,
        resultats.numerateur as total_numerateur
    from sommes
    inner join resultats
        on
            sommes.indicateur_id = resultats.indicateur_id
            and sommes.periode = resultats.periode
            and sommes.granularite = resultats.granularite
            and sommes.date_fin = resultats.date_fin
    where
        resultats.est_produite
        and (
            (resultats.denominateur is null and sommes.somme_valeurs != resultats.valeur)
            or (resultats.denominateur is not null and sommes.somme_numerateurs != resultats.numerateur)
        )
)

select * from final
