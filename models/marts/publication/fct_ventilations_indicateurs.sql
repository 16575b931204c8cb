-- Contrat de publication lu par Power BI : ventilations des indicateurs (fenêtres annuelles)
-- par dimension et modalité, après le contrôle de la divulgation (doc controle_divulgation) :
-- suppression primaire des cellules de moins de var('seuil_petits_effectifs') personnes
-- distinctes, suppression complémentaire dans les dimensions exclusives. Clés des dimensions
-- dim_periodes (cle_periode) et dim_modalites (cle_modalite) en une colonne chacune.
with

cellules as (
    select * from {{ ref('int_publication__ventilations') }}
),

controlees as (
    {{ controler_divulgation('cellules') }}
),

final as (
    select
        indicateur_id,
        {{ cle_periode('periode', 'granularite', 'date_fin') }} as cle_periode,
        periode,
        granularite,
        date_debut,
        date_fin,
        dimension,
        modalite,
        {{ cle_modalite('dimension', 'modalite') }} as cle_modalite,
        valeur,
        numerateur,
        denominateur,
        est_supprimee,
        dimension_exclusive
    from controlees
)

select * from final
