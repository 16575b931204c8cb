-- 3.1.2 Participants services PASI : cellules des ventilations annuelles, non supprimées
-- (contrôle de la divulgation à la publication). Fiche : volet, sexe, situation
-- statutaire, âge, durée de séjour, pays de naissance, région administrative, nouveaux
-- inscrits). Volet et région : chaque modalité des services de l'année (une personne compte
-- une fois par modalité : dimensions non exclusives). Autres dimensions : caractéristiques au
-- dernier service de l'année (int_integration__pasi_personnes_annees), une seule modalité par
-- personne : dimensions exclusives. La situation statutaire est publiée sous la dimension
-- statut_immigration, mêmes codes que 5.2.1 (une dimension, un vocabulaire).
with

services as (
    select * from {{ ref('int_integration__pasi_participations') }}
),

personnes_annees as (
    select * from {{ ref('int_integration__pasi_personnes_annees') }}
),

-- « not materialized » (DuckDB et PostgreSQL; macro cte_non_materialisee, sans objet sur Spark),
-- comme pour 5.2.1 : ces deux CTE (personne × caractéristiques de la fenêtre) sont lues une fois
-- par dimension; DuckDB les matérialisait en mémoire, sans pouvoir déborder sur disque, et
-- manquait de mémoire à l'échelle 10 dans la limite du projet. Non matérialisées, chaque branche
-- relit les tables pasi_participations et pasi_personnes_annees (calculées une fois) jointes aux
-- fenêtres.
services_annuels {{ cte_non_materialisee() }} (
    {{ activites_par_fenetre_annuelle('3.1.2', 'services', expression_debut='date_service', colonnes=[
        'services.cle_personne',
        'services.volet_pasi',
        'services.region_administrative',
    ]) }}
),

personnes_fenetres {{ cte_non_materialisee() }} (
    {{ activites_par_fenetre_annuelle(
        '3.1.2', 'personnes_annees', jointure='fenetres.periode = personnes_annees.annee_financiere', colonnes=[
            'personnes_annees.cle_personne',
            'personnes_annees.sexe',
            'personnes_annees.situation_statutaire',
            'personnes_annees.groupe_age',
            'personnes_annees.duree_sejour',
            'personnes_annees.pays_naissance',
            "case when personnes_annees.est_nouvel_inscrit then 'oui' else 'non' end as nouvel_inscrit",
        ]
    ) }}
),

longue as (
    {{ depivoter_dimensions('services_annuels', {
        'volet': 'volet_pasi',
        'region_administrative': 'region_administrative',
    }) }}

    union all

    {{ depivoter_dimensions('personnes_fenetres', {
        'sexe': 'sexe',
        'statut_immigration': 'situation_statutaire',
        'groupe_age': 'groupe_age',
        'duree_sejour': 'duree_sejour',
        'pays_naissance': 'pays_naissance',
        'nouvel_inscrit': 'nouvel_inscrit',
    }) }}
),

final as (
    {{ compter_ventilations('3.1.2', 'longue', dimensions_exclusives=[
        'sexe', 'statut_immigration', 'groupe_age', 'duree_sejour', 'pays_naissance', 'nouvel_inscrit',
    ]) }}
)

select * from final
