-- Toutes les lignes brutes de ref_cours.csv, typées, avec les doublons exacts et les lignes
-- invalides marqués (motif de quarantaine). Rien n'est filtré ici.
-- Un type de programme hors liste n'est pas une cause de quarantaine : il ne sert qu'aux
-- ventilations, et un test de dérive (avertissement) le signale.
{% set relation = source('referentiels', 'ref_cours') %}

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
        {{ nettoyer_code('sigle_cours') }} as sigle_cours,
        {{ nettoyer_texte('titre_cours') }} as titre_cours,
        {{ nettoyer_code('type_programme') }} as type_programme,
        {{ nettoyer_code('programme_norme') }} as programme_norme_code,
        {{ nettoyer_code('scolarite_9_ans_plus') }} as scolarite_9_ans_plus_code,
        {{ nettoyer_code('evaluation_sommative_finale') }} as evaluation_sommative_finale_code,
        {{ nettoyer_texte('niveau_cible_co') }} as niveau_cible_co_texte,
        {{ convertir_entier('niveau_cible_co') }} as niveau_cible_co,
        {{ nettoyer_texte('niveau_cible_po') }} as niveau_cible_po_texte,
        {{ convertir_entier('niveau_cible_po') }} as niveau_cible_po
    from marquees
),

controlees as (
    select
        *,
        case
            when sigle_cours is null then 'sigle_cours manquant'
            when programme_norme_code is null or programme_norme_code not in ('O', 'N')
                then 'programme_norme inconnu'
            when scolarite_9_ans_plus_code is null or scolarite_9_ans_plus_code not in ('O', 'N')
                then 'scolarite_9_ans_plus inconnu'
            when
                evaluation_sommative_finale_code is null
                or evaluation_sommative_finale_code not in ('O', 'N')
                then 'evaluation_sommative_finale inconnu'
            when
                niveau_cible_co_texte is not null
                and (niveau_cible_co is null or niveau_cible_co not between 1 and 12)
                then 'niveau_cible_co hors echelle'
            when
                niveau_cible_po_texte is not null
                and (niveau_cible_po is null or niveau_cible_po not between 1 and 12)
                then 'niveau_cible_po hors echelle'
        end as motif_quarantaine
    from typees
),

final as (
    select * from controlees
)

select * from final
