-- Services en reconnaissance des compétences retenus pour 2.2.1, une ligne par service, avec
-- la personne (cle_personne) et la période d'activité [date_debut, date_fin_effective] :
--   accompagnement_crrc : accompagnements ARRIMA du prestataire CRRC (Qualifications Québec
--                         exclu); date_fin vide -> date_extraction (en cours);
--   accompagnement_ddrc : participants des projets de recrutement DDRC; même règle de fin;
--   aide_paffarc        : aides PAFFARC ACCORDEE (refusées et annulées exclues), événement
--                         ponctuel à date_decision.
-- Personne : id_arrima pour ARRIMA (une ligne dont l'id_arrima est absent de arrima_clients
-- n'est pas comptée); pour DDRC, le client ARRIMA de même clé nominative, sinon la clé.
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

accompagnements_crrc as (
    select
        'accompagnement_crrc' as type_service,
        accompagnements.id_accompagnement as id_service,
        'arrima:' || accompagnements.id_arrima as cle_personne,
        accompagnements.id_arrima,
        accompagnements.date_debut,
        coalesce(accompagnements.date_fin, {{ date_extraction() }}) as date_fin_effective,
        accompagnements.code_profession,
        accompagnements.version_cnp
    from accompagnements
    inner join clients
        on accompagnements.id_arrima = clients.id_arrima
    where accompagnements.prestataire = 'CRRC'
),

aides_accordees as (
    select
        'aide_paffarc' as type_service,
        aides.id_aide as id_service,
        'arrima:' || aides.id_arrima as cle_personne,
        aides.id_arrima,
        aides.date_decision as date_debut,
        aides.date_decision as date_fin_effective,
        aides.code_profession,
        aides.version_cnp
    from aides
    inner join clients
        on aides.id_arrima = clients.id_arrima
    where aides.statut_aide = 'ACCORDEE'
),

accompagnements_ddrc as (
    select
        'accompagnement_ddrc' as type_service,
        id_ligne_ddrc as id_service,
        cle_personne,
        id_arrima,
        date_debut,
        coalesce(date_fin, {{ date_extraction() }}) as date_fin_effective,
        code_profession,
        version_cnp
    from participants_ddrc
),

unionees as (
    select * from accompagnements_crrc
    union all
    select * from aides_accordees
    union all
    select * from accompagnements_ddrc
),

final as (
    select
        type_service,
        id_service,
        cle_personne,
        id_arrima,
        cast(date_debut as date) as date_debut,
        cast(date_fin_effective as date) as date_fin_effective,
        code_profession,
        version_cnp
    from unionees
)

select * from final
