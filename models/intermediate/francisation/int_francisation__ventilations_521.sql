-- Cellules des ventilations annuelles de 5.2.1 (non supprimées; contrôle de la divulgation à
-- la publication) : personnes distinctes par modalité de chaque dimension. Une personne compte
-- une fois par modalité; celle qui a suivi des cours de plusieurs types compte dans chacun :
-- les dimensions du cours ne sont pas exclusives. Les dimensions de la personne (une valeur
-- par personne et par année) le sont. Chaque dimension est une colonne de
-- int_francisation__participations_annuelles_521.
{%- set dimensions = [
    'type_programme', 'sigle_cours', 'formule', 'intensite', 'type_prestataire',
    'region_prestataire', 'type_inscription', 'scolarite', 'sexe', 'groupe_age',
    'statut_immigration', 'pays_naissance', 'continent_naissance', 'nouvel_inscrit',
] %}
{%- set dimensions_exclusives = [
    'scolarite', 'sexe', 'groupe_age', 'statut_immigration', 'pays_naissance', 'continent_naissance',
    'nouvel_inscrit',
] %}

with

-- « not materialized » (DuckDB et PostgreSQL; macro cte_non_materialisee, sans objet sur Spark) :
-- ces CTE sont lues une fois par dimension; DuckDB matérialisait en mémoire une CTE lue
-- plusieurs fois, et manquait de mémoire à l'échelle 10 (6,4 millions de participations).
-- Non matérialisées, chaque branche relit la table.
participations_annuelles {{ cte_non_materialisee() }} (
    select * from {{ ref('int_francisation__participations_annuelles_521') }}
),

participations {{ cte_non_materialisee() }} (
    select
        *,
        groupe_scolarite as scolarite
    from participations_annuelles
),

longue as (
    {{ depivoter_dimensions('participations', dimensions, cle_personne='no_client') }}
),

final as (
    {{ compter_ventilations('5.2.1', 'longue', dimensions_exclusives) }}
)

select * from final
