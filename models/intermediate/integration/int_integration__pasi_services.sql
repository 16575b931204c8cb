-- 3.1.2 : tous les services PASI retenus au staging, CERIGES et GSI réunis et harmonisés
-- (sexe H -> M, statut CERIGES -> situation statutaire GSI, volet -> 1 à 4), avec le motif
-- d'écart de chaque ligne hors du périmètre de l'indicateur :
--   « hors periode du systeme » : ligne CERIGES datée après le 2023-06-30, ou ligne GSI datée
--                                 avant le 2023-07-01 (bascule CERIGES -> GSI);
--   « volet hors PASI »         : code de volet autre que V1, V1A, V2, V3, V4 (CERIGES) ou
--                                 1 à 4 (GSI).
-- Aucune ligne n'est filtrée ici : les retenues et les écartées en sont deux sous-ensembles.
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
        code_service,
        date_service <= cast('2023-06-30' as date) as est_dans_periode_systeme
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
        case when volet in ('1', '2', '3', '4') then volet end as volet_pasi,
        date_service,
        type_service as code_service,
        date_service >= cast('2023-07-01' as date) as est_dans_periode_systeme
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
        code_service,
        case
            when not est_dans_periode_systeme then 'hors periode du systeme'
            when volet_pasi is null then 'volet hors PASI'
        end as motif_ecart
    from unies
)

select * from final
