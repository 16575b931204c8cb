-- Toutes les lignes brutes de powerapp_aq_rencontres.csv (rencontres avec un agent d'aide à
-- l'intégration), typées, avec les doublons exacts et les lignes invalides marqués (motif de
-- quarantaine). Rien n'est filtré ici.
-- Référence contrôlée : id_arrima doit exister dans arrima_clients et y être retenu;
-- sinon quarantaine (« id_arrima inconnu de arrima_clients » ou
-- « id_arrima en quarantaine dans arrima_clients »).
{% set relation = source('powerapp', 'powerapp_aq_rencontres') %}

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
        {{ nettoyer_texte('id_rencontre') }} as id_rencontre,
        {{ nettoyer_texte('id_arrima') }} as id_arrima,
        {{ nettoyer_texte('date_rencontre') }} as date_rencontre_texte,
        {{ convertir_date('date_rencontre') }} as date_rencontre,
        {{ nettoyer_code('type_rencontre') }} as type_rencontre,
        {{ nettoyer_code('statut_rencontre') }} as statut_rencontre,
        {{ nettoyer_texte('matricule_agent') }} as matricule_agent
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
            when id_rencontre is null then 'id_rencontre manquant'
            when id_arrima is null then 'id_arrima manquant'
            when date_rencontre is null then 'date_rencontre invalide'
            when
                type_rencontre is null
                or type_rencontre not in ('EVALUATION_BESOINS', 'SUIVI', 'AUTRE')
                then 'type_rencontre inconnu'
            when
                statut_rencontre is null
                or statut_rencontre not in ('TENUE', 'ANNULEE', 'ABSENCE')
                then 'statut_rencontre inconnu'
            {{ motifs_reference('etat_id_arrima', 'id_arrima', 'arrima_clients') }}
        end as motif_quarantaine
    from rattachees
),

final as (
    select * from controlees
)

select * from final
