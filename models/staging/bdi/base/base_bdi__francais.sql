-- Toutes les lignes brutes de bdi_francais.csv, typées, avec les doublons exacts et les lignes
-- invalides marqués (motif de quarantaine). Rien n'est filtré ici.
-- Référence contrôlée : no_declaration doit exister dans bdi_declarations et y être retenu;
-- sinon quarantaine (« no_declaration inconnu de bdi_declarations » ou
-- « no_declaration en quarantaine dans bdi_declarations »).
{% set relation = source('bdi', 'bdi_francais') %}

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
        {{ est_doublon_extrait(relation) }} as est_doublon
    from source
),

typees as (
    select
        est_doublon,
        {{ nettoyer_texte('no_declaration') }} as no_declaration,
        {{ nettoyer_code('type_preuve') }} as type_preuve,
        {{ nettoyer_texte('niveau_comprehension_orale') }} as niveau_co_texte,
        {{ convertir_entier('niveau_comprehension_orale') }} as niveau_comprehension_orale,
        {{ nettoyer_texte('niveau_production_orale') }} as niveau_po_texte,
        {{ convertir_entier('niveau_production_orale') }} as niveau_production_orale
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
            when type_preuve is null or type_preuve not in ('TEST', 'DIPLOME', 'AUTODECLARATION')
                then 'type_preuve inconnu'
            when
                niveau_co_texte is not null
                and (niveau_comprehension_orale is null or niveau_comprehension_orale not between 1 and 12)
                then 'niveau_comprehension_orale invalide'
            when
                niveau_po_texte is not null
                and (niveau_production_orale is null or niveau_production_orale not between 1 and 12)
                then 'niveau_production_orale invalide'
            {{ motifs_reference('etat_no_declaration', 'no_declaration', 'bdi_declarations') }}
        end as motif_quarantaine
    from rattachees
),

final as (
    select * from controlees
)

select * from final
