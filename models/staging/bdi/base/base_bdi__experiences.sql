-- Toutes les lignes brutes de bdi_experiences.csv, typées, avec les doublons exacts et les
-- lignes invalides marqués (motif de quarantaine). Rien n'est filtré ici.
-- Référence contrôlée : no_declaration doit exister dans bdi_declarations et y être retenu;
-- sinon quarantaine (« no_declaration inconnu de bdi_declarations » ou
-- « no_declaration en quarantaine dans bdi_declarations »).
{% set relation = source('bdi', 'bdi_experiences') %}

with

source as (
    select * from {{ relation }}
),

cles_declarations as (
    -- import : clés du parent bdi_declarations (contrôle de la référence no_declaration)
    {{ cles_parent(ref('base_bdi__declarations'), 'no_declaration') }}
),

marquees as (
    select
        *,
        {{ est_doublon_extrait(relation) }}
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

rattachees as (
    select
        typees.*,
        {{ etat_reference('typees.no_declaration', 'cles_declarations') }} as etat_no_declaration
    from typees
    left join cles_declarations
        on typees.no_declaration = cles_declarations.cle
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
            {{ motifs_reference('etat_no_declaration', 'no_declaration', 'bdi_declarations') }}
        end as motif_quarantaine
    from rattachees
),

final as (
    select * from controlees
)

select * from final
