-- Toutes les lignes brutes de arrima_clients.csv, typées, avec les doublons exacts et les
-- lignes invalides marqués (motif de quarantaine). Rien n'est filtré ici.
{% set relation = source('arrima', 'arrima_clients') %}

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
        {{ nettoyer_texte('id_arrima') }} as id_arrima,
        {{ nettoyer_texte('nom') }} as nom,
        {{ nettoyer_texte('prenom') }} as prenom,
        {{ nettoyer_texte('date_naissance') }} as date_naissance_texte,
        {{ convertir_date('date_naissance') }} as date_naissance,
        {{ nettoyer_code('sexe') }} as sexe,
        {{ nettoyer_code('pays_naissance') }} as pays_naissance,
        {{ nettoyer_code('categorie_immigration') }} as categorie_immigration,
        {{ nettoyer_texte('date_arrivee_quebec') }} as date_arrivee_quebec_texte,
        {{ convertir_date('date_arrivee_quebec') }} as date_arrivee_quebec,
        {{ normaliser_code_largeur('region_administrative', 2) }} as region_administrative
    from marquees
),

controlees as (
    select
        *,
        case
            when id_arrima is null then 'id_arrima manquant'
            when date_naissance is null then 'date_naissance invalide'
            when date_naissance < cast('1900-01-01' as date) or date_naissance > {{ date_extraction() }}
                then 'date_naissance invraisemblable'
            when date_arrivee_quebec_texte is not null and date_arrivee_quebec is null
                then 'date_arrivee_quebec invalide'
            when sexe is null or sexe not in ('F', 'M', 'X') then 'sexe inconnu'
            when
                categorie_immigration is not null
                and categorie_immigration not in (
                    'TRAVAILLEUR_QUALIFIE', 'REGROUPEMENT_FAMILIAL', 'REFUGIE', 'DEMANDEUR_ASILE',
                    'TRAVAILLEUR_TEMPORAIRE', 'ETUDIANT_ETRANGER', 'AUTRE'
                )
                then 'categorie_immigration inconnue'
            when
                region_administrative is not null
                and region_administrative not in ({{ codes_regions() }})
                then 'region_administrative inconnue'
        end as motif_quarantaine
    from typees
),

final as (
    select * from controlees
)

select * from final
