-- Participations 5.2.1 rattachées à chaque année financière publiée qu'elles chevauchent (une
-- ligne par participation et par année), avec les attributs annuels de la personne qui servent
-- aux ventilations :
--   groupe_age     : âge au début du cours de la dernière participation de l'année (la plus
--                    récente date_debut_cours);
--   nouvel_inscrit : `oui` si la personne n'a aucune participation dans une année financière
--                    antérieure (sa première participation commence dans l'année).
with

participations as (
    select * from {{ ref('int_francisation__participations_521') }}
),

participations_annee as (
    {{ activites_par_fenetre_annuelle(
        '5.2.1', 'participations', expression_debut='date_debut_cours', expression_fin='date_fin_cours', colonnes=[
            'participations.no_inscription',
            'participations.no_client',
            'participations.date_debut_cours',
            'participations.date_fin_cours',
            'participations.date_premiere_participation',
            'participations.type_programme',
            'participations.sigle_cours',
            'participations.formule',
            'participations.intensite',
            'participations.type_prestataire',
            'participations.region_prestataire',
            'participations.type_inscription',
            'participations.groupe_scolarite',
            'participations.sexe',
            'participations.statut_immigration',
            'participations.pays_naissance',
            'participations.continent_naissance',
            'first_value(participations.age_debut_cours) over ('
            ~ ' partition by fenetres.periode, participations.no_client'
            ~ ' order by participations.date_debut_cours desc, participations.no_inscription desc'
            ~ ') as age_derniere_participation',
        ]
    ) }}
),

final as (
    select
        *,
        case
            when age_derniere_participation is null then null
            when age_derniere_participation < 16 then 'moins de 16'
            when age_derniere_participation <= 24 then '16-24'
            when age_derniere_participation <= 44 then '25-44'
            when age_derniere_participation <= 64 then '45-64'
            else '65+'
        end as groupe_age,
        case
            when date_premiere_participation >= date_debut then 'oui'
            else 'non'
        end as nouvel_inscrit
    from participations_annee
)

select * from final
