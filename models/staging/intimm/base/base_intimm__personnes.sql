-- Toutes les lignes brutes de intimm_personnes.csv, typées, avec les doublons exacts et les
-- lignes invalides marqués (motif de quarantaine). Rien n'est filtré ici.
{% set relation = source('intimm', 'intimm_personnes') %}

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
        {{ nettoyer_texte('no_client') }} as no_client,
        {{ nettoyer_texte('date_naissance') }} as date_naissance_texte,
        {{ convertir_date('date_naissance') }} as date_naissance,
        {{ nettoyer_code('sexe') }} as sexe_source,
        {{ nettoyer_code('pays_naissance') }} as pays_naissance,
        {{ nettoyer_texte('langue_maternelle') }} as langue_maternelle,
        {{ nettoyer_code('statut_immigration') }} as statut_immigration,
        {{ nettoyer_texte('categorie_immigration') }} as categorie_immigration,
        {{ nettoyer_texte('annees_scolarite') }} as annees_scolarite_texte,
        {{ convertir_entier('annees_scolarite') }} as annees_scolarite
    from marquees
),

harmonisees as (
    select
        *,
        -- Sexe : le code H d'Intimm est harmonisé en M (valeurs publiées F, M, X).
        case sexe_source
            when 'H' then 'M'
            when 'F' then 'F'
            when 'X' then 'X'
        end as sexe
    from typees
),

controlees as (
    select
        *,
        case
            when no_client is null then 'no_client manquant'
            when date_naissance_texte is not null and date_naissance is null
                then 'date_naissance invalide'
            when date_naissance < cast('1900-01-01' as date) or date_naissance > {{ date_extraction() }}
                then 'date_naissance invraisemblable'
            when sexe_source is not null and sexe is null then 'sexe inconnu'
            when
                statut_immigration is not null
                and statut_immigration not in (
                    'RESIDENT_PERMANENT', 'RESIDENT_TEMPORAIRE', 'DEMANDEUR_ASILE', 'REFUGIE',
                    'CITOYEN_CANADIEN'
                )
                then 'statut_immigration inconnu'
            when annees_scolarite_texte is not null and annees_scolarite is null
                then 'annees_scolarite invalide'
            when annees_scolarite < 0 then 'annees_scolarite negative'
        end as motif_quarantaine
    from harmonisees
),

final as (
    select * from controlees
)

select * from final
