-- Toutes les lignes du classeur DDRC (tous les onglets), typées, avec les doublons exacts et
-- les lignes invalides marqués (motif de quarantaine). Rien n'est filtré ici.
-- Un doublon exact est une ligne identique à une autre du même onglet sur toutes les colonnes
-- du classeur (le numéro de ligne Excel, forcément différent, n'entre pas dans la comparaison).
-- `onglet` garde le nom exact de l'onglet (espaces compris : Excel tronque les noms à 31
-- caractères, parfois sur une espace) pour retrouver la ligne; `projet` est le nom nettoyé.
{% set relation = source('ddrc', 'ddrc_projets_recrutement') %}

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
        projet as onglet,
        {{ nettoyer_texte('projet') }} as projet,
        {{ convertir_entier('no_ligne_excel') }} as no_ligne_excel,
        {{ nettoyer_texte('nom') }} as nom,
        {{ nettoyer_texte('prenom') }} as prenom,
        {{ convertir_date('date_naissance') }} as date_naissance,
        {{ nettoyer_code('pays_naissance') }} as pays_naissance,
        {{ nettoyer_code('code_cnp') }} as code_profession,
        {{ version_cnp_du_code(nettoyer_code('code_cnp')) }} as version_cnp,
        {{ convertir_date('date_debut_accompagnement') }} as date_debut,
        {{ nettoyer_texte('date_fin_accompagnement') }} as date_fin_texte,
        {{ convertir_date('date_fin_accompagnement') }} as date_fin
    from marquees
),

controlees as (
    select
        *,
        case
            when nom is null or prenom is null then 'nom ou prenom manquant'
            when date_naissance is null then 'date_naissance invalide'
            when date_naissance < cast('1900-01-01' as date) or date_naissance > {{ date_extraction() }}
                then 'date_naissance invraisemblable'
            when date_debut is null then 'date_debut invalide'
            when date_fin_texte is not null and date_fin is null then 'date_fin invalide'
            when date_fin < date_debut then 'date_fin anterieure a date_debut'
            when code_profession is not null and version_cnp is null then 'code_cnp invalide'
        end as motif_quarantaine
    from typees
),

final as (
    select * from controlees
)

select * from final
