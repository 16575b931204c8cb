-- Toutes les lignes de l'onglet « Suivi 6.1.1 » du classeur DGTNRI, typées, avec les doublons
-- exacts et les lignes invalides marqués (motif de quarantaine). Rien n'est filtré ici.
-- Oui/Non deviennent des booléens (casse et espaces ignorés).
{% set relation = source('dgtnri', 'dgtnri_services_numeriques') %}

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
        {{ convertir_entier('no_ligne_excel') }} as no_ligne_excel,
        {{ nettoyer_texte('identifiant') }} as identifiant,
        {{ nettoyer_texte('service_numerique') }} as service_numerique,
        {{ nettoyer_texte('date_mise_en_ligne') }} as date_mise_en_ligne_texte,
        {{ convertir_date('date_mise_en_ligne') }} as date_mise_en_ligne,
        {{ nettoyer_code('nouveau_service') }} as nouveau_service_code,
        {{ nettoyer_code('participation_clientele_amont') }} as participation_code,
        {{ nettoyer_texte('mode_consultation') }} as mode_consultation,
        {{ nettoyer_texte('direction_responsable') }} as direction_responsable,
        {{ nettoyer_texte('commentaire') }} as commentaire
    from marquees
),

controlees as (
    select
        *,
        case
            when identifiant is null then 'identifiant manquant'
            when date_mise_en_ligne_texte is not null and date_mise_en_ligne is null
                then 'date_mise_en_ligne invalide'
            when nouveau_service_code is null or nouveau_service_code not in ('OUI', 'NON')
                then 'nouveau_service inconnu'
            when
                nouveau_service_code = 'OUI'
                and (participation_code is null or participation_code not in ('OUI', 'NON'))
                then 'participation_clientele_amont inconnue'
        end as motif_quarantaine
    from typees
),

final as (
    select
        est_doublon,
        no_ligne_excel,
        identifiant,
        service_numerique,
        date_mise_en_ligne_texte,
        date_mise_en_ligne,
        nouveau_service_code = 'OUI' as est_nouveau_service,
        case participation_code when 'OUI' then true when 'NON' then false end
            as a_participation_clientele_amont,
        mode_consultation,
        direction_responsable,
        commentaire,
        motif_quarantaine
    from controlees
)

select * from final
