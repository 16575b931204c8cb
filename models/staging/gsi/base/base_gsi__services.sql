-- Toutes les lignes brutes de gsi_services.csv (services PASI du nouveau système), typées, avec
-- les doublons exacts et les lignes invalides marqués (motif de quarantaine). Rien n'est filtré
-- ici. Périmètre du PASI (docs/decisions_methodologiques.md, 3.1.2) : une ligne datée avant la
-- bascule vers GSI (2023-07-01) est mise de côté avec le motif « hors periode du systeme », un
-- code de volet autre que 1, 2, 3, 4 avec le motif « volet hors PASI ».
{% set relation = source('gsi', 'gsi_services') %}

with

source as (
    select * from {{ relation }}
),

marquees as (
    select
        *,
        {{ est_doublon_extrait(relation) }} as est_doublon
    from source
),

typees as (
    select
        est_doublon,
        {{ nettoyer_texte('id_personne') }} as id_personne,
        {{ nettoyer_texte('id_arrima') }} as id_arrima,
        {{ nettoyer_texte('nom') }} as nom,
        {{ nettoyer_texte('prenom') }} as prenom,
        {{ nettoyer_texte('date_naissance') }} as date_naissance_texte,
        {{ convertir_date('date_naissance') }} as date_naissance,
        {{ nettoyer_code('sexe') }} as sexe,
        {{ nettoyer_code('pays_naissance') }} as pays_naissance,
        {{ nettoyer_code('situation_statutaire') }} as situation_statutaire,
        {{ nettoyer_texte('date_arrivee') }} as date_arrivee_texte,
        {{ convertir_date('date_arrivee') }} as date_arrivee,
        {{ nettoyer_code('id_organisme') }} as id_organisme,
        {{ normaliser_code_largeur('region_administrative', 2) }} as region_administrative,
        {{ nettoyer_code('volet') }} as volet,
        {{ nettoyer_texte('date_service') }} as date_service_texte,
        {{ convertir_date('date_service') }} as date_service,
        {{ nettoyer_texte('type_service') }} as type_service
    from marquees
),

controlees as (
    select
        *,
        case
            when id_personne is null then 'id_personne manquant'
            when date_service is null then 'date_service invalide'
            when date_naissance is null then 'date_naissance invalide'
            when date_naissance < cast('1900-01-01' as date) or date_naissance > {{ date_extraction() }}
                then 'date_naissance invraisemblable'
            when date_arrivee_texte is not null and date_arrivee is null
                then 'date_arrivee invalide'
            when sexe is null or sexe not in ('F', 'M', 'X') then 'sexe inconnu'
            when
                situation_statutaire is not null
                and situation_statutaire not in (
                    'RESIDENT_PERMANENT', 'RESIDENT_TEMPORAIRE', 'DEMANDEUR_ASILE', 'REFUGIE',
                    'CITOYEN_CANADIEN', 'AUTRE'
                )
                then 'situation_statutaire inconnue'
            when
                region_administrative is not null
                and region_administrative not in ({{ codes_regions() }})
                then 'region_administrative inconnue'
            when date_service < {{ date_bascule_gsi() }} then 'hors periode du systeme'
            when volet is null or volet not in ('1', '2', '3', '4') then 'volet hors PASI'
        end as motif_quarantaine
    from typees
),

final as (
    select * from controlees
)

select * from final
