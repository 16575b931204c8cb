-- 3.1.1 : évaluations des besoins admissibles d'Accompagnement Québec. Une ligne par rencontre
-- EVALUATION_BESOINS au statut TENUE d'un client ARRIMA connu, pour laquelle la personne a une
-- inscription AQ admissible (O), non ANNULEE, datée au plus tard le jour de la rencontre.
-- Inscription rattachée à la rencontre (lieu de service, DR) : la plus récente de ces
-- inscriptions admissibles (celle en vigueur à la rencontre); égalité : le plus petit identifiant.
with

rencontres as (
    select * from {{ ref('stg_powerapp__aq_rencontres') }}
),

inscriptions as (
    select * from {{ ref('stg_arrima__aq_inscriptions') }}
),

clients as (
    select * from {{ ref('stg_arrima__clients') }}
),

evaluations_tenues as (
    select
        id_rencontre,
        id_arrima,
        date_rencontre
    from rencontres
    where
        type_rencontre = 'EVALUATION_BESOINS'
        and statut_rencontre = 'TENUE'
),

inscriptions_admissibles as (
    select
        id_inscription_aq,
        id_arrima,
        date_inscription,
        lieu_service,
        direction_regionale
    from inscriptions
    where
        admissible = 'O'
        and statut_inscription <> 'ANNULEE'
),

appariees as (
    select
        evaluations_tenues.id_rencontre,
        evaluations_tenues.id_arrima,
        evaluations_tenues.date_rencontre,
        inscriptions_admissibles.id_inscription_aq,
        inscriptions_admissibles.date_inscription,
        inscriptions_admissibles.lieu_service,
        inscriptions_admissibles.direction_regionale,
        row_number() over (
            partition by evaluations_tenues.id_rencontre
            order by
                inscriptions_admissibles.date_inscription desc,
                inscriptions_admissibles.id_inscription_aq asc
        ) as rang_inscription
    from evaluations_tenues
    inner join inscriptions_admissibles
        on
            evaluations_tenues.id_arrima = inscriptions_admissibles.id_arrima
            and evaluations_tenues.date_rencontre >= inscriptions_admissibles.date_inscription
),

evaluations_admissibles as (
    select
        appariees.id_rencontre,
        appariees.id_arrima,
        appariees.date_rencontre,
        appariees.id_inscription_aq,
        appariees.date_inscription,
        appariees.lieu_service,
        appariees.direction_regionale,
        clients.categorie_immigration,
        clients.region_administrative
    from appariees
    -- Une rencontre d'un id_arrima absent des clients ARRIMA retenus n'est pas comptée.
    inner join clients
        on appariees.id_arrima = clients.id_arrima
    where appariees.rang_inscription = 1
),

premieres as (
    select
        *,
        min(date_rencontre) over (partition by id_arrima) as date_premiere_evaluation
    from evaluations_admissibles
),

final as (
    select
        id_rencontre,
        id_arrima,
        date_rencontre,
        {{ annee_financiere('date_rencontre') }} as annee_financiere,
        id_inscription_aq,
        date_inscription,
        lieu_service,
        direction_regionale,
        categorie_immigration,
        region_administrative,
        date_premiere_evaluation,
        date_rencontre = date_premiere_evaluation as est_premiere_evaluation
    from premieres
)

select * from final
