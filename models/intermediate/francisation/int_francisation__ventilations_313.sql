-- Cellules des ventilations annuelles de 3.1.3 (non supprimées; contrôle de la divulgation à
-- la publication) : réussites, participations évaluées et proportion par modalité de chaque
-- dimension de la fiche. L'unité reste la participation (comme l'indicateur) : chaque
-- participation tombe dans une seule modalité par dimension, toutes les dimensions sont donc
-- exclusives (numérateurs et dénominateurs s'additionnent au total). nb_personnes : personnes
-- distinctes derrière les participations évaluées de la cellule (seuil de divulgation).
-- Dimensions de la fiche, toutes publiées : sexe, niveau de scolarité, pays de naissance, langue
-- maternelle, année de naissance, catégorie d'immigration, situation statutaire, lieu de
-- formation (code du prestataire), région du prestataire, nom du cours et niveau du cours
-- (niveaux cibles CO et PO, code `co7_po7`). « Déclaration de connaissance du français lors de
-- l'admission » n'existe dans aucun extrait : elle ne peut pas être publiée.
-- Une dimension, un vocabulaire : la catégorie d'immigration (libellé Intimm) est publiée sous
-- les codes de 3.1.1 (ARRIMA), le cours sous son sigle (comme 5.2.1; titre dans dim_modalites).
{%- set dimensions = {
    'sexe': 'sexe',
    'scolarite': 'groupe_scolarite',
    'pays_naissance': 'pays_naissance',
    'langue_maternelle': 'langue_maternelle',
    'annee_naissance': 'annee_naissance',
    'categorie_immigration': 'code_categorie_immigration',
    'statut_immigration': 'statut_immigration',
    'lieu_formation': 'code_prestataire',
    'region_prestataire': 'region_prestataire',
    'sigle_cours': 'sigle_cours',
    'niveau_cours': 'niveau_cours',
} %}

with

participations as (
    select * from {{ ref('int_francisation__participations_evaluees_313') }}
),

participations_fenetres as (
    {{ activites_par_fenetre_annuelle(
        '3.1.3', 'participations', expression_debut='date_fin_cours', colonnes=['participations.*']
    ) }}
),

participations_annee as (
    select
        *,
        case categorie_immigration
            when 'Travailleur qualifié' then 'TRAVAILLEUR_QUALIFIE'
            when 'Regroupement familial' then 'REGROUPEMENT_FAMILIAL'
            when 'Réfugié pris en charge par l''État' then 'REFUGIE'
            when 'Demandeur d''asile' then 'DEMANDEUR_ASILE'
            when 'Travailleur étranger temporaire' then 'TRAVAILLEUR_TEMPORAIRE'
            when 'Étudiant étranger' then 'ETUDIANT_ETRANGER'
            when 'Autre' then 'AUTRE'
            else categorie_immigration
        end as code_categorie_immigration
    from participations_fenetres
),

longue as (
    {{ depivoter_dimensions(
        'participations_annee', dimensions, cle_personne='no_client',
        colonnes_supplementaires=['no_inscription', 'est_reussite'],
    ) }}
),

cellules as (
    select
        {{ colonnes_cle_cellule() }},
        cast(count(distinct case when est_reussite then no_inscription end) as {{ type_double() }})
            as numerateur,
        cast(count(distinct no_inscription) as {{ type_double() }}) as denominateur,
        cast(count(distinct cle_personne) as {{ type_double() }}) as nb_personnes
    from longue
    group by 1, 2, 3, 4, 5, 6
),

final as (
    {{ finaliser_cellules(
        '3.1.3', 'cellules', dimensions.keys() | list, expression_valeur='numerateur / denominateur'
    ) }}
)

select * from final
