-- 3.1.2 : services PASI retenus au staging (CERIGES jusqu'au 2023-06-30, GSI à partir du
-- 2023-07-01, volets du PASI), les deux systèmes réunis et harmonisés : sexe H -> M, statut
-- CERIGES -> situation statutaire GSI (RP -> RESIDENT_PERMANENT...), volet V1/V1A -> 1,
-- V2 -> 2, V3 -> 3, V4 -> 4. Chaque ligne porte sa clé nominative (nom, prénom, date de
-- naissance normalisés); la clé de la personne est celle de son dossier
-- (int_integration__pasi_dossiers).
with

ceriges as (
    select * from {{ ref('stg_ceriges__services') }}
),

gsi as (
    select * from {{ ref('stg_gsi__services') }}
),

services_ceriges as (
    select
        'CERIGES' as systeme_source,
        no_dossier as id_dossier,
        cast(null as {{ dbt.type_string() }}) as id_arrima,
        nom,
        prenom,
        date_naissance,
        case when sexe = 'H' then 'M' else sexe end as sexe,
        pays_naissance,
        case statut
            when 'RP' then 'RESIDENT_PERMANENT'
            when 'RT' then 'RESIDENT_TEMPORAIRE'
            when 'DA' then 'DEMANDEUR_ASILE'
            when 'RF' then 'REFUGIE'
            when 'CC' then 'CITOYEN_CANADIEN'
            when 'AU' then 'AUTRE'
        end as situation_statutaire,
        date_arrivee,
        code_organisme,
        region_administrative,
        volet as volet_source,
        case
            when volet in ('V1', 'V1A') then '1'
            when volet = 'V2' then '2'
            when volet = 'V3' then '3'
            when volet = 'V4' then '4'
        end as volet_pasi,
        date_service,
        code_service
    from ceriges
),

services_gsi as (
    select
        'GSI' as systeme_source,
        id_personne as id_dossier,
        id_arrima,
        nom,
        prenom,
        date_naissance,
        sexe,
        pays_naissance,
        situation_statutaire,
        date_arrivee,
        id_organisme as code_organisme,
        region_administrative,
        volet as volet_source,
        volet as volet_pasi,
        date_service,
        type_service as code_service
    from gsi
),

unies as (
    select * from services_ceriges
    union all
    select * from services_gsi
),

final as (
    select
        systeme_source,
        id_dossier,
        id_arrima,
        nom,
        prenom,
        date_naissance,
        {{ cle_nominative("coalesce(nom, '')", "coalesce(prenom, '')", 'date_naissance') }}
            as cle_nominative,
        sexe,
        pays_naissance,
        situation_statutaire,
        date_arrivee,
        code_organisme,
        region_administrative,
        volet_source,
        volet_pasi,
        date_service,
        {{ annee_financiere('date_service') }} as annee_financiere,
        code_service
    from unies
)

select * from final
