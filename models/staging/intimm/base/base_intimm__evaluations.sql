-- Toutes les lignes brutes de intimm_evaluations.csv, typées, avec les doublons exacts et les
-- lignes invalides marqués (motif de quarantaine). Rien n'est filtré ici.
-- Référence contrôlée : no_inscription doit exister dans intimm_inscriptions et y être retenu;
-- sinon quarantaine (« no_inscription inconnu de intimm_inscriptions » ou
-- « no_inscription en quarantaine dans intimm_inscriptions »).
{% set relation = source('intimm', 'intimm_evaluations') %}

with

source as (
    select * from {{ relation }}
),

cles_inscriptions as (
    -- import : clés du parent intimm_inscriptions (contrôle de la référence no_inscription)
    {{ cles_parent(ref('base_intimm__inscriptions'), 'no_inscription') }}
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
        {{ nettoyer_texte('no_inscription') }} as no_inscription,
        {{ nettoyer_code('competence') }} as competence,
        {{ nettoyer_code('type_evaluation') }} as type_evaluation,
        {{ nettoyer_code('resultat') }} as resultat,
        {{ convertir_entier('resultat') }} as niveau,
        {{ convertir_date('date_evaluation') }} as date_evaluation
    from marquees
),

rattachees as (
    select
        typees.*,
        {{ etat_reference('typees.no_inscription', 'cles_inscriptions') }} as etat_no_inscription
    from typees
    left join cles_inscriptions
        on typees.no_inscription = cles_inscriptions.cle
),

controlees as (
    select
        *,
        case
            when no_inscription is null then 'no_inscription manquant'
            when competence is null or competence not in ('CO', 'PO', 'CE', 'PE')
                then 'competence inconnue'
            when type_evaluation is null or type_evaluation not in ('SOMMATIVE_FINALE', 'FORMATIVE')
                then 'type_evaluation inconnu'
            when resultat is null then 'resultat manquant'
            when resultat <> 'NE' and (niveau is null or niveau not between 1 and 12)
                then 'resultat hors echelle'
            when date_evaluation is null then 'date_evaluation manquante ou invalide'
            {{ motifs_reference('etat_no_inscription', 'no_inscription', 'intimm_inscriptions') }}
        end as motif_quarantaine
    from rattachees
),

final as (
    select * from controlees
)

select * from final
