-- Toutes les lignes brutes de arrima_rc_accompagnements.csv, typées, avec les doublons exacts
-- et les lignes invalides marqués (motif de quarantaine). Rien n'est filtré ici.
-- Référence contrôlée : id_arrima doit exister dans arrima_clients et y être retenu;
-- sinon quarantaine (« id_arrima inconnu de arrima_clients » ou
-- « id_arrima en quarantaine dans arrima_clients »).
{% set relation = source('arrima', 'arrima_rc_accompagnements') %}

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
        {{ nettoyer_texte('id_accompagnement') }} as id_accompagnement,
        {{ nettoyer_texte('id_arrima') }} as id_arrima,
        {{ nettoyer_code('prestataire') }} as prestataire,
        {{ convertir_date('date_debut') }} as date_debut,
        {{ nettoyer_texte('date_fin') }} as date_fin_texte,
        {{ convertir_date('date_fin') }} as date_fin,
        {{ nettoyer_code('code_profession') }} as code_profession,
        {{ nettoyer_code('version_cnp') }} as version_cnp
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
            when id_accompagnement is null then 'id_accompagnement manquant'
            when id_arrima is null then 'id_arrima manquant'
            when date_debut is null then 'date_debut invalide'
            when date_fin_texte is not null and date_fin is null then 'date_fin invalide'
            when date_fin < date_debut then 'date_fin anterieure a date_debut'
            when prestataire is null or prestataire not in ('CRRC', 'QUALIFICATIONS_QUEBEC')
                then 'prestataire inconnu'
            when version_cnp is not null and version_cnp not in ('2016', '2021')
                then 'version_cnp inconnue'
            when code_profession is not null and version_cnp is null then 'version_cnp manquante'
            when
                code_profession is not null
                and not {{ est_code_cnp_valide('code_profession', 'version_cnp') }}
                then 'code_profession invalide'
            {{ motifs_reference('etat_id_arrima', 'id_arrima', 'arrima_clients') }}
        end as motif_quarantaine
    from rattachees
),

final as (
    select * from controlees
)

select * from final
