-- Toutes les lignes brutes de ref_diagnostics_professions.csv, typées, avec les doublons
-- exacts et les lignes invalides marqués (motif de quarantaine). Rien n'est filtré ici.
-- Le niveau de compétence (CNP 2016) ou le FÉER (CNP 2021) est obligatoire pour sa version :
-- sans lui, le seuil de français de la profession ne peut pas être fixé.
{% set relation = source('referentiels_bdi', 'ref_diagnostics_professions') %}

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
        {{ convertir_entier('annee') }} as annee,
        {{ nettoyer_code('version_cnp') }} as version_cnp,
        {{ nettoyer_code('code_profession') }} as code_profession,
        {{ nettoyer_code('niveau_competence') }} as niveau_competence,
        {{ nettoyer_code('feer') }} as feer,
        {{ nettoyer_code('diagnostic') }} as diagnostic
    from marquees
),

controlees as (
    select
        *,
        case
            when annee is null then 'annee invalide'
            when version_cnp is null or version_cnp not in ('2016', '2021') then 'version_cnp inconnue'
            when code_profession is null or not {{ est_code_cnp_valide('code_profession', 'version_cnp') }}
                then 'code_profession invalide'
            when
                diagnostic is null
                or diagnostic not in ('DEFICIT', 'LEGER_DEFICIT', 'EQUILIBRE', 'SURPLUS')
                then 'diagnostic inconnu'
            when
                version_cnp = '2016'
                and (niveau_competence is null or niveau_competence not in ('0', 'A', 'B', 'C', 'D'))
                then 'niveau_competence inconnu'
            when
                version_cnp = '2021'
                and (feer is null or feer not in ('0', '1', '2', '3', '4', '5'))
                then 'feer inconnu'
        end as motif_quarantaine
    from typees
),

final as (
    select * from controlees
)

select * from final
