-- Toutes les lignes brutes de intimm_inscriptions.csv, typées, avec les doublons exacts et les
-- lignes invalides marqués (motif de quarantaine). Rien n'est filtré ici.
-- Référence contrôlée : no_client doit exister dans intimm_personnes et y être retenu;
-- sinon quarantaine (« no_client inconnu de intimm_personnes » ou
-- « no_client en quarantaine dans intimm_personnes »).
{% set relation = source('intimm', 'intimm_inscriptions') %}

with

source as (
    select * from {{ relation }}
),

cles_personnes as (
    -- import : clés du parent intimm_personnes (contrôle de la référence no_client)
    {{ cles_parent(ref('base_intimm__personnes'), 'no_client') }}
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
        {{ nettoyer_texte('no_client') }} as no_client,
        {{ nettoyer_code('sigle_cours') }} as sigle_cours,
        {{ nettoyer_code('reseau') }} as reseau,
        {{ nettoyer_code('intensite') }} as intensite,
        {{ nettoyer_code('formule') }} as formule,
        {{ nettoyer_code('type_prestataire') }} as type_prestataire,
        {{ nettoyer_code('code_prestataire') }} as code_prestataire,
        {{ normaliser_code_largeur('region_prestataire', 2) }} as region_prestataire,
        {{ nettoyer_code('type_inscription') }} as type_inscription,
        {{ convertir_date('date_debut_cours') }} as date_debut_cours,
        {{ convertir_date('date_fin_cours') }} as date_fin_cours,
        {{ nettoyer_code('statut_inscription') }} as statut_inscription,
        {{ nettoyer_texte('jours_presence') }} as jours_presence_texte,
        {{ convertir_entier('jours_presence') }} as jours_presence,
        {{ nettoyer_code('enseignant_mifi') }} as enseignant_mifi_code
    from marquees
),

rattachees as (
    select
        typees.*,
        {{ etat_reference('typees.no_client', 'cles_personnes') }} as etat_no_client
    from typees
    left join cles_personnes
        on typees.no_client = cles_personnes.cle
),

controlees as (
    select
        *,
        case
            when no_inscription is null then 'no_inscription manquant'
            when no_client is null then 'no_client manquant'
            when sigle_cours is null then 'sigle_cours manquant'
            when date_debut_cours is null then 'date_debut_cours manquante ou invalide'
            when date_fin_cours is null then 'date_fin_cours manquante ou invalide'
            when date_fin_cours < date_debut_cours then 'date_fin_cours anterieure a date_debut_cours'
            when statut_inscription is null then 'statut_inscription manquant'
            when
                statut_inscription not in (
                    'INSCRITE', 'EN_COURS', 'TERMINEE', 'ABANDON', 'ANNULEE', 'DESISTEMENT'
                )
                then 'statut_inscription inconnu'
            when jours_presence_texte is null then 'jours_presence manquant'
            when jours_presence is null or jours_presence < 0 then 'jours_presence invalide'
            when reseau is not null and reseau not in ('MIFI', 'MEQ') then 'reseau inconnu'
            when intensite is not null and intensite not in ('TC', 'TP') then 'intensite inconnue'
            when formule is not null and formule not in ('PRESENCE', 'DISTANCE', 'EN_LIGNE')
                then 'formule inconnue'
            when
                type_prestataire is not null
                and type_prestataire not in (
                    'OBNL', 'CSS', 'CEGEP', 'UNIVERSITE', 'MILIEU_TRAVAIL', 'AUTRE'
                )
                then 'type_prestataire inconnu'
            when
                region_prestataire is not null
                and region_prestataire not in ({{ codes_regions() }})
                then 'region_prestataire inconnue'
            when type_inscription is not null and type_inscription not in ('INDIVIDU', 'EMPLOYEUR')
                then 'type_inscription inconnu'
            when enseignant_mifi_code is not null and enseignant_mifi_code not in ('O', 'N')
                then 'enseignant_mifi inconnu'
            {{ motifs_reference('etat_no_client', 'no_client', 'intimm_personnes') }}
        end as motif_quarantaine
    from rattachees
),

final as (
    select * from controlees
)

select * from final
