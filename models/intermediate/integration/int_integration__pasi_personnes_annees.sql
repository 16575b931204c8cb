-- 3.1.2 : une ligne par personne et année financière de service PASI, avec ses caractéristiques
-- pour les ventilations, prises au dernier service de l'année (date_service la plus récente) :
-- sexe, situation statutaire, pays de naissance, groupe d'âge (âge à ce service) et durée de
-- séjour (années complètes depuis date_arrivee à ce service). Nouvel inscrit : aucun service
-- PASI retenu dans une année financière antérieure, dans tout l'historique des extraits.
with

services as (
    select * from {{ ref('int_integration__pasi_participations') }}
),

annees as (
    select
        *,
        {{ annee_debut_financiere('date_service') }} as annee_debut
    from services
),

ordonnees as (
    select
        *,
        row_number() over (
            partition by cle_personne, annee_financiere
            order by
                date_service desc,
                systeme_source desc,
                id_dossier asc,
                volet_source asc,
                code_service asc,
                code_organisme asc,
                region_administrative asc,
                sexe asc,
                situation_statutaire asc,
                pays_naissance asc,
                date_arrivee asc
        ) as rang_service,
        min(annee_debut) over (partition by cle_personne) as premiere_annee_debut
    from annees
),

derniers_services as (
    select
        cle_personne,
        annee_financiere,
        annee_debut,
        date_service as date_dernier_service,
        sexe,
        situation_statutaire,
        pays_naissance,
        date_naissance,
        date_arrivee,
        {{ age_a_la_date('date_naissance', 'date_service') }} as age,
        {{ age_a_la_date('date_arrivee', 'date_service') }} as annees_sejour,
        annee_debut = premiere_annee_debut as est_nouvel_inscrit
    from ordonnees
    where rang_service = 1
),

final as (
    select
        cle_personne,
        annee_financiere,
        date_dernier_service,
        sexe,
        situation_statutaire,
        pays_naissance,
        age,
        case
            when age is null or age < 0 then null
            when age < 18 then 'moins de 18'
            when age < 25 then '18-24'
            when age < 45 then '25-44'
            when age < 65 then '45-64'
            else '65+'
        end as groupe_age,
        annees_sejour,
        case
            when annees_sejour is null then null
            when date_arrivee > date_dernier_service then 'pas encore arrivé'
            when annees_sejour < 1 then 'moins de 1 an'
            when annees_sejour < 5 then '1-4 ans'
            else '5 ans et plus'
        end as duree_sejour,
        est_nouvel_inscrit
    from derniers_services
)

select * from final
