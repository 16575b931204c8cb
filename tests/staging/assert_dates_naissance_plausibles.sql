-- Règle protégée (contrat des extraits, dates de naissance; validation « l'année de
-- date_naissance est plausible ») : une date de naissance invraisemblable (avant 1900 ou
-- après la date d'extraction) est mise en quarantaine par le modèle base_ (motif
-- « date_naissance invraisemblable ») et ne sort jamais du staging : elle fausserait l'âge des
-- ventilations.

with

arrima as (
    select
        'arrima_clients.csv' as fichier,
        date_naissance
    from {{ ref('stg_arrima__clients') }}
),

bdi as (
    select
        'bdi_declarations.csv' as fichier,
        date_naissance
    from {{ ref('stg_bdi__declarations') }}
),

ceriges as (
    select
        'ceriges_services.csv' as fichier,
        date_naissance
    from {{ ref('stg_ceriges__services') }}
),

ddrc as (
    select
        'ddrc_projets_recrutement.xlsx' as fichier,
        date_naissance
    from {{ ref('stg_ddrc__participants') }}
),

gsi as (
    select
        'gsi_services.csv' as fichier,
        date_naissance
    from {{ ref('stg_gsi__services') }}
),

intimm as (
    select
        'intimm_personnes.csv' as fichier,
        date_naissance
    from {{ ref('stg_intimm__personnes') }}
),

naissances as (
    select * from arrima
    union all
    select * from bdi
    union all
    select * from ceriges
    union all
    select * from ddrc
    union all
    select * from gsi
    union all
    select * from intimm
),

final as (
    select
        fichier,
        date_naissance,
        'Fichier ' || fichier || ' : date de naissance ' || cast(date_naissance as {{ dbt.type_string() }})
        || ' hors de 1900 .. date d''extraction sortie du staging (quarantaine manquante).' as message
    from naissances
    where date_naissance < cast('1900-01-01' as date) or date_naissance > {{ date_extraction() }}
)

select * from final
