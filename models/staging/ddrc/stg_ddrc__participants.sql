-- Participants DDRC retenus (une ligne par participant d'un projet), sans doublon exact ni
-- ligne en quarantaine, avec leur identifiant de ligne « <onglet exact>#<ligne Excel> » et la clé
-- nominative normalisée qui sert au rapprochement avec ARRIMA (2.2.1).
with

base as (
    select * from {{ ref('base_ddrc__participants') }}
),

final as (
    select
        onglet || '#' || {{ dbt.cast('no_ligne_excel', dbt.type_string()) }} as id_ligne_ddrc,
        projet,
        no_ligne_excel,
        nom,
        prenom,
        date_naissance,
        pays_naissance,
        code_profession,
        version_cnp,
        date_debut,
        date_fin,
        {{ cle_nominative('nom', 'prenom', 'date_naissance') }} as cle_nominative
    from base
    where
        not est_doublon
        and motif_quarantaine is null
)

select * from final
