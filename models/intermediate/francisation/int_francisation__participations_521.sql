-- Participations aux cours de français retenues pour 5.2.1 (une ligne par inscription) :
-- inscription ni annulée ni en désistement, au moins une journée complète de formation, cours
-- d'un programme normé du Ministère (ref_cours.programme_norme = 'O'), personne immigrante
-- (macro est_personne_immigrante : pays de naissance, sinon statut d'immigration) connue de
-- l'extrait des personnes; tous réseaux et toutes formules.
-- Un sigle absent de ref_cours ne compte pas : le test de dérive
-- intimm_sigle_cours_present_dans_ref_cours (stg_intimm__inscriptions) en donne le nombre.
-- Chaque participation compte dans toute fenêtre que chevauche [date_debut_cours, date_fin_cours]
-- (appliqué dans les marts).
with

inscriptions as (
    select * from {{ ref('stg_intimm__inscriptions') }}
),

personnes as (
    select * from {{ ref('int_francisation__personnes') }}
),

cours as (
    select * from {{ ref('stg_referentiels__cours') }}
),

participations as (
    -- Un ABANDON après au moins une journée compte; une inscription réactivée après un
    -- désistement porte son statut courant et compte aussi.
    select * from inscriptions
    where
        statut_inscription not in ('ANNULEE', 'DESISTEMENT')
        and jours_presence >= 1
),

participations_immigrantes as (
    -- Jointures internes : une inscription d'un no_client absent de l'extrait des personnes, ou
    -- d'un sigle absent du référentiel des cours, n'est pas comptée.
    select
        participations.no_inscription,
        participations.no_client,
        participations.sigle_cours,
        cours.type_programme,
        participations.reseau,
        participations.intensite,
        participations.formule,
        participations.type_prestataire,
        participations.region_prestataire,
        participations.type_inscription,
        participations.statut_inscription,
        participations.jours_presence,
        participations.date_debut_cours,
        participations.date_fin_cours,
        personnes.sexe,
        personnes.pays_naissance,
        personnes.continent_naissance,
        personnes.statut_immigration,
        personnes.groupe_scolarite,
        {{ age_a_la_date('personnes.date_naissance', 'participations.date_debut_cours') }}
            as age_debut_cours
    from participations
    inner join personnes
        on participations.no_client = personnes.no_client
    inner join cours
        on participations.sigle_cours = cours.sigle_cours
    where
        cours.est_programme_norme
        and {{ est_personne_immigrante('personnes.pays_naissance', 'personnes.statut_immigration') }}
),

final as (
    select
        *,
        -- Début de la toute première participation de la personne, tout l'historique des
        -- extraits confondu (nouveaux inscrits).
        min(date_debut_cours) over (partition by no_client) as date_premiere_participation
    from participations_immigrantes
)

select * from final
