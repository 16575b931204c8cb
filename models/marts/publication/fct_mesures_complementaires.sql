-- Contrat de publication lu par Power BI : les mesures complémentaires, d'une autre unité que
-- l'indicateur (ex. 1.1.1 compte des DI; candidats_distincts compte des candidats). Une ligne
-- par indicateur × fenêtre × mesure. Des totaux, jamais supprimés.
-- Union des marts fct_mesures_<id> des indicateurs publiés qui en ont (macro
-- indicateurs_publies(), mesures: true; macro modeles_publies).
{%- set modeles_mesures = modeles_publies('fct_mesures_{id}', avec_mesures=true) %}

with

unionees as (
    {{ unir_modeles(modeles_mesures, colonnes_mesures()) }}
),

final as (
    select
        indicateur_id,
        {{ cle_periode('periode', 'granularite', 'date_fin') }} as cle_periode,
        periode,
        granularite,
        date_debut,
        date_fin,
        mesure,
        libelle_mesure,
        valeur
    from unionees
)

select * from final
