-- Toutes les lignes brutes de arrima_paffarc_aides.csv, typées, avec les doublons exacts et
-- les lignes invalides marqués (motif de quarantaine). Rien n'est filtré ici.
-- Référence contrôlée : id_arrima doit exister dans arrima_clients et y être retenu;
-- sinon quarantaine (« id_arrima inconnu de arrima_clients » ou
-- « id_arrima en quarantaine dans arrima_clients »).
{% set relation = source('arrima', 'arrima_paffarc_aides') %}

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
        {{ nettoyer_texte('id_aide') }} as id_aide,
        {{ nettoyer_texte('id_arrima') }} as id_arrima,
        {{ convertir_date('date_decision') }} as date_decision,
        {{ nettoyer_code('statut_aide') }} as statut_aide,
        {{ nettoyer_texte('montant_accorde') }} as montant_accorde_texte,
        {{ convertir_decimal('montant_accorde') }} as montant_accorde,
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
            when id_aide is null then 'id_aide manquant'
            when id_arrima is null then 'id_arrima manquant'
            when date_decision is null then 'date_decision invalide'
            when statut_aide is null or statut_aide not in ('ACCORDEE', 'REFUSEE', 'ANNULEE')
                then 'statut_aide inconnu'
            when montant_accorde_texte is not null and montant_accorde is null
                then 'montant_accorde invalide'
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
