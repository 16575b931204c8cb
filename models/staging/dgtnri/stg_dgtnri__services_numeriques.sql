-- Services numériques retenus (onglet « Suivi 6.1.1 »), sans doublon exact ni ligne en
-- quarantaine. Un service sans date de mise en ligne n'est pas encore en ligne.
with

base as (
    select * from {{ ref('base_dgtnri__services_numeriques') }}
),

final as (
    select
        identifiant,
        no_ligne_excel,
        service_numerique,
        date_mise_en_ligne,
        est_nouveau_service,
        a_participation_clientele_amont,
        mode_consultation,
        direction_responsable,
        commentaire
    from base
    where
        not est_doublon
        and motif_quarantaine is null
)

select * from final
