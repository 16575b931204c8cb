-- Rapprochement des participants DDRC (classeur Excel, sans identifiant ARRIMA) avec les clients
-- ARRIMA sur la clé nominative normalisée (nom, prénom, date de naissance; macro
-- cle_nominative) : un participant dont la clé égale celle d'un client ARRIMA est ce client;
-- sinon, sa personne est sa clé nominative (les participants non rapprochés sont ainsi
-- dédoublonnés entre eux par la même clé).
-- Si plusieurs clients ARRIMA partagent une clé (homonymes nés le même jour), le plus petit
-- id_arrima est retenu pour ne pas dupliquer le participant; le cas est compté et signalé par
-- un test d'avertissement.
with

participants as (
    select * from {{ ref('stg_ddrc__participants') }}
),

clients as (
    select * from {{ ref('stg_arrima__clients') }}
),

clients_par_cle as (
    select
        cle_nominative,
        min(id_arrima) as id_arrima,
        count(*) as nb_clients_arrima
    from clients
    group by cle_nominative
),

rapproches as (
    select
        participants.id_ligne_ddrc,
        participants.projet,
        participants.no_ligne_excel,
        participants.cle_nominative,
        participants.pays_naissance,
        participants.code_profession,
        participants.version_cnp,
        participants.date_debut,
        participants.date_fin,
        clients_par_cle.id_arrima,
        coalesce(clients_par_cle.nb_clients_arrima, 0) as nb_clients_arrima
    from participants
    left join clients_par_cle
        on participants.cle_nominative = clients_par_cle.cle_nominative
),

final as (
    select
        id_ligne_ddrc,
        projet,
        no_ligne_excel,
        cle_nominative,
        pays_naissance,
        code_profession,
        version_cnp,
        date_debut,
        date_fin,
        id_arrima,
        id_arrima is not null as est_rapproche_arrima,
        nb_clients_arrima,
        case
            when id_arrima is not null then 'arrima:' || id_arrima
            else 'ddrc:' || cle_nominative
        end as cle_personne
    from rapproches
)

select * from final
