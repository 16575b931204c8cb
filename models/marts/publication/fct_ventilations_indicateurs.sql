-- Contrat de publication lu par Power BI : ventilations des indicateurs (fenêtres annuelles)
-- par dimension et modalité, après le contrôle de la divulgation (doc controle_divulgation) :
-- suppression primaire des cellules de moins de var('seuil_petits_effectifs') personnes
-- distinctes, suppression complémentaire dans les dimensions exclusives.
with

cellules as (
    select * from {{ ref('int_publication__ventilations') }}
),

controlees as (
    {{ controler_divulgation('cellules') }}
),

final as (
    select {{ colonnes_ventilations() }} from controlees
)

select * from final
