-- Personnes Intimm retenues (une ligne par no_client) : sans doublon exact ni ligne en
-- quarantaine; sexe harmonisé (H -> M).
with

base as (
    select * from {{ ref('base_intimm__personnes') }}
),

final as (
    select
        no_client,
        date_naissance,
        sexe,
        pays_naissance,
        langue_maternelle,
        statut_immigration,
        categorie_immigration,
        annees_scolarite
    from base
    where
        not est_doublon
        and motif_quarantaine is null
)

select * from final
