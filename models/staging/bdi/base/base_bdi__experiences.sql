-- Toutes les lignes brutes de bdi_experiences.csv, typées, avec les doublons exacts et les
-- lignes invalides marqués (motif de quarantaine). Rien n'est filtré ici.
with

source as (
    select * from {{ source('bdi', 'bdi_experiences') }}
),

marquees as (
    select
        *,
        {{ est_doublon_exact(['no_declaration', 'code_profession', 'version_cnp', 'mois_experience']) }}
            as est_doublon
    from source
),

typees as (
    select
        est_doublon,
        {{ nettoyer_texte('no_declaration') }} as no_declaration,
        {{ nettoyer_code('code_profession') }} as code_profession,
        {{ nettoyer_code('version_cnp') }} as version_cnp,
        {{ convertir_entier('mois_experience') }} as mois_experience
    from marquees
),

controlees as (
    select
        *,
        case
            when no_declaration is null then 'no_declaration manquant'
            when version_cnp is null or version_cnp not in ('2016', '2021') then 'version_cnp inconnue'
            when code_profession is null or not {{ est_code_cnp_valide('code_profession', 'version_cnp') }}
                then 'code_profession invalide'
            when mois_experience is null or mois_experience < 0 then 'mois_experience invalide'
        end as motif_quarantaine
    from typees
),

final as (
    select * from controlees
)

select * from final
