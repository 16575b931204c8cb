-- Services en reconnaissance des compétences retenus pour 2.2.1, une ligne par service, avec
-- la personne (cle_personne) et la période d'activité [date_debut, date_fin_effective] :
--   accompagnement_crrc : accompagnements ARRIMA du prestataire CRRC (Qualifications Québec
--                         exclu); date_fin vide -> date_extraction (en cours);
--   accompagnement_ddrc : participants des projets de recrutement DDRC; même règle de fin;
--   aide_paffarc        : aides PAFFARC ACCORDEE (refusées et annulées exclues), événement
--                         ponctuel à date_decision.
-- Personne : id_arrima pour ARRIMA (une ligne dont l'id_arrima est absent de arrima_clients
-- n'est pas comptée); pour DDRC, le client ARRIMA de même clé nominative, sinon la clé.
-- Seules les personnes immigrantes comptent (macro est_personne_immigrante, sans statut
-- d'immigration : ni ARRIMA ni DDRC n'en ont). Pays de naissance : celui du client ARRIMA (même
-- vide) pour une personne qui a un dossier ARRIMA; sinon celui du participant DDRC, établi par
-- personne (clé nominative) : un pays hors Canada l'emporte sur `CAN`, un pays connu sur un
-- pays vide, pour qu'une personne inscrite à plusieurs projets ait un seul statut.
with

accompagnements as (
    select * from {{ ref('stg_arrima__rc_accompagnements') }}
),

aides as (
    select * from {{ ref('stg_arrima__paffarc_aides') }}
),

clients as (
    select * from {{ ref('stg_arrima__clients') }}
),

participants_ddrc as (
    select * from {{ ref('int_reconnaissance_competences__participants_ddrc') }}
),

pays_participants_ddrc as (
    select
        cle_personne,
        coalesce(
            max(case when pays_naissance <> 'CAN' then pays_naissance end),
            max(pays_naissance)
        ) as pays_naissance
    from participants_ddrc
    where id_arrima is null
    group by cle_personne
),

services_arrima as (
    -- Accompagnements CRRC (Qualifications Québec exclu) et aides PAFFARC accordées : services
    -- d'un client ARRIMA, rattachés à leur personne une seule fois (services_clients_arrima).
    select
        'accompagnement_crrc' as type_service,
        id_accompagnement as id_service,
        id_arrima,
        date_debut,
        coalesce(date_fin, {{ date_extraction() }}) as date_fin_effective,
        code_profession,
        version_cnp
    from accompagnements
    where prestataire = 'CRRC'

    union all

    select
        'aide_paffarc' as type_service,
        id_aide as id_service,
        id_arrima,
        date_decision as date_debut,
        date_decision as date_fin_effective,
        code_profession,
        version_cnp
    from aides
    where statut_aide = 'ACCORDEE'
),

services_clients_arrima as (
    -- Personne : le client ARRIMA (un id_arrima absent de arrima_clients n'est pas compté).
    select
        services_arrima.type_service,
        services_arrima.id_service,
        'arrima:' || services_arrima.id_arrima as cle_personne,
        services_arrima.id_arrima,
        clients.pays_naissance,
        services_arrima.date_debut,
        services_arrima.date_fin_effective,
        services_arrima.code_profession,
        services_arrima.version_cnp
    from services_arrima
    inner join clients
        on services_arrima.id_arrima = clients.id_arrima
),

accompagnements_ddrc as (
    -- Participant rapproché d'un client ARRIMA : pays de naissance du client; sinon, celui de
    -- la personne DDRC.
    select
        'accompagnement_ddrc' as type_service,
        participants_ddrc.id_ligne_ddrc as id_service,
        participants_ddrc.cle_personne,
        participants_ddrc.id_arrima,
        case
            when participants_ddrc.id_arrima is not null then clients.pays_naissance
            else pays_participants_ddrc.pays_naissance
        end as pays_naissance,
        participants_ddrc.date_debut,
        coalesce(participants_ddrc.date_fin, {{ date_extraction() }}) as date_fin_effective,
        participants_ddrc.code_profession,
        participants_ddrc.version_cnp
    from participants_ddrc
    left join clients
        on participants_ddrc.id_arrima = clients.id_arrima
    left join pays_participants_ddrc
        on participants_ddrc.cle_personne = pays_participants_ddrc.cle_personne
),

unionees as (
    select * from services_clients_arrima
    union all
    select * from accompagnements_ddrc
),

final as (
    select
        type_service,
        id_service,
        cle_personne,
        id_arrima,
        pays_naissance,
        cast(date_debut as date) as date_debut,
        cast(date_fin_effective as date) as date_fin_effective,
        code_profession,
        version_cnp
    from unionees
    where {{ est_personne_immigrante('pays_naissance') }}
)

select * from final
