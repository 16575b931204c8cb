-- Règle protégée (3.1.1, shared/regles-indicateurs.md) : une évaluation retenue est une
-- rencontre EVALUATION_BESOINS TENUE, avec une inscription AQ admissible (O), non ANNULEE, dont
-- la date_inscription précède ou égale la date de la rencontre. Échoue pour toute évaluation
-- retenue qui contredit la règle (données réelles de l'entrepôt).
with

evaluations as (
    select * from {{ ref('int_integration__aq_evaluations') }}
),

rencontres as (
    select * from {{ ref('stg_powerapp__aq_rencontres') }}
),

inscriptions as (
    select * from {{ ref('stg_arrima__aq_inscriptions') }}
),

controlees as (
    select
        evaluations.id_rencontre,
        evaluations.id_inscription_aq,
        case
            when rencontres.id_rencontre is null then 'rencontre introuvable'
            when rencontres.type_rencontre <> 'EVALUATION_BESOINS'
                then 'rencontre qui n''est pas une évaluation des besoins'
            when rencontres.statut_rencontre <> 'TENUE' then 'rencontre non tenue'
            when inscriptions.id_inscription_aq is null then 'inscription introuvable'
            when inscriptions.id_arrima <> rencontres.id_arrima then 'inscription d''une autre personne'
            when inscriptions.admissible <> 'O' then 'inscription non admissible'
            when inscriptions.statut_inscription = 'ANNULEE' then 'inscription annulée'
            when inscriptions.date_inscription > rencontres.date_rencontre
                then 'inscription postérieure à la rencontre'
        end as anomalie
    from evaluations
    left join rencontres
        on evaluations.id_rencontre = rencontres.id_rencontre
    left join inscriptions
        on evaluations.id_inscription_aq = inscriptions.id_inscription_aq
),

final as (
    select
        id_rencontre,
        id_inscription_aq,
        anomalie,
        '3.1.1 : l''évaluation ' || id_rencontre || ' est retenue malgré : ' || anomalie || '.' as message
    from controlees
    where anomalie is not null
)

select * from final
