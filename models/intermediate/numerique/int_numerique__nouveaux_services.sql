-- Nouveaux services numériques (`Nouveau service = Oui`) mis en ligne, une ligne par ligne du
-- classeur DGTNRI, avec leur participation des clientèles en amont. Un service sans date de
-- mise en ligne n'est pas encore offert : il n'entre dans aucune fenêtre.
with

services as (
    select * from {{ ref('stg_dgtnri__services_numeriques') }}
),

final as (
    select
        identifiant,
        no_ligne_excel,
        service_numerique,
        date_mise_en_ligne,
        coalesce(a_participation_clientele_amont, false) as a_participation_clientele_amont,
        mode_consultation,
        direction_responsable
    from services
    where
        est_nouveau_service
        and date_mise_en_ligne is not null
)

select * from final
