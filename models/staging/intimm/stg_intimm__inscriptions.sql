-- Inscriptions Intimm retenues (une ligne par inscription à une session de cours) : sans
-- doublon exact ni ligne en quarantaine; codes nettoyés, indicateur O/N converti en booléen.
with

base as (
    select * from {{ ref('base_intimm__inscriptions') }}
),

final as (
    select
        no_inscription,
        no_client,
        sigle_cours,
        reseau,
        intensite,
        formule,
        type_prestataire,
        code_prestataire,
        region_prestataire,
        type_inscription,
        date_debut_cours,
        date_fin_cours,
        statut_inscription,
        jours_presence,
        coalesce(enseignant_mifi_code = 'O', false) as est_enseignant_mifi
    from base
    where
        not est_doublon
        and motif_quarantaine is null
)

select * from final
