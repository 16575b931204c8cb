-- Clients ARRIMA retenus : sans doublon exact ni ligne en quarantaine, avec la clé nominative
-- normalisée qui sert au rapprochement avec le classeur DDRC (2.2.1).
with

base as (
    select * from {{ ref('base_arrima__clients') }}
),

final as (
    select
        id_arrima,
        nom,
        prenom,
        date_naissance,
        sexe,
        pays_naissance,
        categorie_immigration,
        date_arrivee_quebec,
        region_administrative,
        {{ cle_nominative('nom', 'prenom', 'date_naissance') }} as cle_nominative
    from base
    where
        not est_doublon
        and motif_quarantaine is null
)

select * from final
