-- Toutes les lignes brutes de ceriges_services.csv (services PASI de l'ancien système), typées
-- (dates JJ/MM/AAAA), avec les doublons exacts et les lignes invalides marqués (motif de
-- quarantaine). Rien n'est filtré ici. Périmètre du PASI (docs/decisions_methodologiques.md,
-- 3.1.2) : une ligne datée à partir de la bascule vers GSI (2023-07-01) est mise de côté avec le
-- motif « hors periode du systeme », un code de volet autre que V1, V1A, V2, V3, V4 avec le
-- motif « volet hors PASI ».
{% set relation = source('ceriges', 'ceriges_services') %}

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
        {{ nettoyer_texte('no_dossier') }} as no_dossier,
        {{ nettoyer_texte('nom') }} as nom,
        {{ nettoyer_texte('prenom') }} as prenom,
        {{ nettoyer_texte('date_naissance') }} as date_naissance_texte,
        {{ convertir_date('date_naissance', 'JJ/MM/AAAA') }} as date_naissance,
        {{ nettoyer_code('sexe') }} as sexe,
        {{ nettoyer_code('pays_naissance') }} as pays_naissance,
        {{ nettoyer_code('statut') }} as statut,
        {{ nettoyer_texte('date_arrivee') }} as date_arrivee_texte,
        {{ convertir_date('date_arrivee', 'JJ/MM/AAAA') }} as date_arrivee,
        {{ nettoyer_code('code_organisme') }} as code_organisme,
        {{ normaliser_code_largeur('region_administrative', 2) }} as region_administrative,
        {{ nettoyer_code('volet') }} as volet,
        {{ nettoyer_texte('date_service') }} as date_service_texte,
        {{ convertir_date('date_service', 'JJ/MM/AAAA') }} as date_service,
        {{ nettoyer_code('code_service') }} as code_service
    from marquees
),

controlees as (
    select
        *,
        case
            when no_dossier is null then 'no_dossier manquant'
            when date_service is null then 'date_service invalide'
            when date_naissance is null then 'date_naissance invalide'
            when date_naissance < cast('1900-01-01' as date) or date_naissance > {{ date_extraction() }}
                then 'date_naissance invraisemblable'
            when date_arrivee_texte is not null and date_arrivee is null
                then 'date_arrivee invalide'
            when sexe is null or sexe not in ('H', 'F', 'X') then 'sexe inconnu'
            when
                statut is not null
                and statut not in ('RP', 'RT', 'DA', 'RF', 'CC', 'AU')
                then 'statut inconnu'
            when
                region_administrative is not null
                and region_administrative not in ({{ codes_regions() }})
                then 'region_administrative inconnue'
            when date_service >= {{ date_bascule_gsi() }} then 'hors periode du systeme'
            when volet is null or volet not in ('V1', 'V1A', 'V2', 'V3', 'V4') then 'volet hors PASI'
        end as motif_quarantaine
    from typees
),

final as (
    select * from controlees
)

select * from final
