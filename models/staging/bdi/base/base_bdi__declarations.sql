-- Toutes les lignes brutes de bdi_declarations.csv, typées, avec les doublons exacts et les
-- lignes invalides marqués (motif de quarantaine). Rien n'est filtré ici.
{% set relation = source('bdi', 'bdi_declarations') %}

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
        {{ nettoyer_texte('no_declaration') }} as no_declaration,
        {{ nettoyer_texte('no_candidat') }} as no_candidat,
        {{ convertir_date('date_depot') }} as date_depot,
        {{ nettoyer_code('statut_declaration') }} as statut_declaration,
        {{ nettoyer_texte('date_naissance') }} as date_naissance_texte,
        {{ convertir_date('date_naissance') }} as date_naissance,
        {{ nettoyer_code('sexe') }} as sexe,
        {{ nettoyer_code('pays_naissance') }} as pays_naissance,
        {{ nettoyer_code('pays_residence') }} as pays_residence,
        {{ nettoyer_code('diplome_plus_eleve') }} as diplome_plus_eleve,
        {{ nettoyer_code('domaine_formation_en_demande') }} as domaine_formation_en_demande,
        {{ nettoyer_code('en_emploi') }} as en_emploi,
        {{ nettoyer_code('accompagne_conjoint') }} as accompagne_conjoint,
        {{ nettoyer_texte('nb_enfants_accompagnants') }} as nb_enfants_texte,
        {{ convertir_entier('nb_enfants_accompagnants') }} as nb_enfants_accompagnants
    from marquees
),

controlees as (
    select
        *,
        case
            when no_declaration is null then 'no_declaration manquant'
            when no_candidat is null then 'no_candidat manquant'
            when date_depot is null then 'date_depot invalide'
            when date_naissance_texte is not null and date_naissance is null then 'date_naissance invalide'
            when date_naissance < cast('1900-01-01' as date) or date_naissance > {{ date_extraction() }}
                then 'date_naissance invraisemblable'
            when
                statut_declaration is null
                or statut_declaration not in ('ACTIVE', 'EXPIREE', 'RETIREE', 'INVITEE')
                then 'statut_declaration inconnu'
            when sexe is not null and sexe not in ('F', 'M', 'X') then 'sexe inconnu'
            when
                diplome_plus_eleve is not null
                and diplome_plus_eleve not in (
                    'SECONDAIRE', 'PROFESSIONNEL', 'COLLEGIAL', 'BACCALAUREAT', 'MAITRISE', 'DOCTORAT'
                )
                then 'diplome_plus_eleve inconnu'
            when en_emploi is null or en_emploi not in ('O', 'N') then 'en_emploi inconnu'
            when domaine_formation_en_demande is not null and domaine_formation_en_demande not in ('O', 'N')
                then 'domaine_formation_en_demande inconnu'
            when accompagne_conjoint is not null and accompagne_conjoint not in ('O', 'N')
                then 'accompagne_conjoint inconnu'
            when
                nb_enfants_texte is not null
                and (nb_enfants_accompagnants is null or nb_enfants_accompagnants < 0)
                then 'nb_enfants_accompagnants invalide'
        end as motif_quarantaine
    from typees
),

final as (
    select * from controlees
)

select * from final
