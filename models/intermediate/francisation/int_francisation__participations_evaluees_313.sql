-- Participations évaluées de 3.1.3 (l'unité est la participation, pas la personne) : session
-- TERMINEE d'un cours de programme normé, destiné aux 9 ans de scolarité ou plus, avec
-- évaluation sommative finale et niveaux cibles CO et PO fixés, donné par le personnel du MIFI,
-- suivie par une personne immigrante (macro est_personne_immigrante : pays de naissance, sinon
-- statut d'immigration), avec un niveau sommatif final numérique en CO et en PO.
-- Réussite : CO >= niveau cible CO et PO >= niveau cible PO. Fenêtre : celle de date_fin_cours
-- (appliquée dans les marts).
-- Attributs des ventilations de la fiche : année de naissance, situation statutaire
-- (statut_immigration), lieu de formation (code_prestataire) et niveau du cours (niveaux cibles
-- CO et PO, code stable `co<cible CO>_po<cible PO>`, p. ex. `co7_po7`).
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

evaluations as (
    select * from {{ ref('int_francisation__evaluations_sommatives') }}
),

participations_retenues as (
    -- Jointures internes : un cours absent du référentiel ou une personne absente de
    -- l'extrait des personnes exclut la participation.
    select
        inscriptions.no_inscription,
        inscriptions.no_client,
        inscriptions.sigle_cours,
        cours.titre_cours,
        inscriptions.code_prestataire,
        inscriptions.region_prestataire,
        inscriptions.date_debut_cours,
        inscriptions.date_fin_cours,
        cours.niveau_cible_co,
        cours.niveau_cible_po,
        'co' || {{ dbt.cast('cours.niveau_cible_co', dbt.type_string()) }}
        || '_po' || {{ dbt.cast('cours.niveau_cible_po', dbt.type_string()) }} as niveau_cours,
        {{ dbt.cast('cast(extract(year from personnes.date_naissance) as integer)', dbt.type_string()) }}
            as annee_naissance,
        personnes.sexe,
        personnes.groupe_scolarite,
        personnes.pays_naissance,
        personnes.langue_maternelle,
        personnes.statut_immigration,
        personnes.categorie_immigration
    from inscriptions
    inner join cours
        on inscriptions.sigle_cours = cours.sigle_cours
    inner join personnes
        on inscriptions.no_client = personnes.no_client
    where
        inscriptions.statut_inscription = 'TERMINEE'
        and inscriptions.est_enseignant_mifi
        and cours.est_programme_norme
        and cours.est_scolarite_9_ans_plus
        and cours.a_evaluation_sommative_finale
        and cours.niveau_cible_co is not null
        and cours.niveau_cible_po is not null
        and {{ est_personne_immigrante('personnes.pays_naissance', 'personnes.statut_immigration') }}
),

participations_evaluees as (
    -- Une compétence orale NE (non évaluée) ou sans évaluation sommative finale exclut la
    -- participation du calcul.
    select
        participations_retenues.*,
        evaluation_co.niveau as niveau_co,
        evaluation_po.niveau as niveau_po
    from participations_retenues
    inner join evaluations as evaluation_co
        on
            participations_retenues.no_inscription = evaluation_co.no_inscription
            and evaluation_co.competence = 'CO'
    inner join evaluations as evaluation_po
        on
            participations_retenues.no_inscription = evaluation_po.no_inscription
            and evaluation_po.competence = 'PO'
    where
        evaluation_co.niveau is not null
        and evaluation_po.niveau is not null
),

final as (
    select
        *,
        niveau_co >= niveau_cible_co and niveau_po >= niveau_cible_po as est_reussite
    from participations_evaluees
)

select * from final
