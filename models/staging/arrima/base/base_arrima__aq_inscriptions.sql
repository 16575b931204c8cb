-- Toutes les lignes brutes de arrima_aq_inscriptions.csv (inscriptions à Accompagnement
-- Québec), typées, avec les doublons exacts et les lignes invalides marqués (motif de
-- quarantaine). Rien n'est filtré ici.
-- Référence contrôlée : id_arrima doit exister dans arrima_clients et y être retenu;
-- sinon quarantaine (« id_arrima inconnu de arrima_clients » ou
-- « id_arrima en quarantaine dans arrima_clients »).
{% set relation = source('arrima', 'arrima_aq_inscriptions') %}

with

source as (
    select * from {{ relation }}
),

cles_clients as (
    -- import : clés du parent arrima_clients (contrôle de la référence id_arrima)
    {{ cles_parent(ref('base_arrima__clients'), 'id_arrima') }}
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
        {{ nettoyer_texte('id_inscription_aq') }} as id_inscription_aq,
        {{ nettoyer_texte('id_arrima') }} as id_arrima,
        {{ nettoyer_texte('date_inscription') }} as date_inscription_texte,
        {{ convertir_date('date_inscription') }} as date_inscription,
        {{ nettoyer_code('admissible') }} as admissible,
        {{ nettoyer_code('lieu_service') }} as lieu_service,
        {{ nettoyer_code('statut_inscription') }} as statut_inscription,
        {{ nettoyer_code('direction_regionale') }} as direction_regionale
    from marquees
),

rattachees as (
    select
        typees.*,
        {{ etat_reference('typees.id_arrima', 'cles_clients') }} as etat_id_arrima
    from typees
    left join cles_clients
        on typees.id_arrima = cles_clients.cle
),

controlees as (
    select
        *,
        case
            when id_inscription_aq is null then 'id_inscription_aq manquant'
            when id_arrima is null then 'id_arrima manquant'
            when date_inscription is null then 'date_inscription invalide'
            when admissible is null or admissible not in ('O', 'N') then 'admissible inconnu'
            when
                lieu_service is not null
                and lieu_service not in ('PRE_DEPART', 'AU_QUEBEC')
                then 'lieu_service inconnu'
            when
                statut_inscription is null
                or statut_inscription not in ('ACTIVE', 'FERMEE', 'ANNULEE')
                then 'statut_inscription inconnu'
            {{ motifs_reference('etat_id_arrima', 'id_arrima', 'arrima_clients') }}
        end as motif_quarantaine
    from rattachees
),

final as (
    select * from controlees
)

select * from final
