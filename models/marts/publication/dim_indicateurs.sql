-- Dimension des indicateurs pour le schéma en étoile de Power BI (référentiel des fiches,
-- donnée de référence).
with

indicateurs as (
    select * from {{ ref('indicateurs') }}
),

reference as (
    select * from {{ ref('donnees_reference') }}
),

final as (
    select
        indicateurs.indicateur_id,
        indicateurs.nom_complet,
        indicateurs.nom_abrege,
        indicateurs.objectif,
        indicateurs.type_periode,
        indicateurs.frequence_production,
        indicateurs.granularite_cumul,
        indicateurs.unite,
        indicateurs.systemes_sources,
        indicateurs.direction_porteuse,
        indicateurs.date_production_rag,
        reference.periode as periode_reference,
        reference.valeur as valeur_reference,
        reference.methode as methode_reference
    from indicateurs
    left join reference
        on indicateurs.indicateur_id = reference.indicateur_id
)

select * from final
