-- Indicateur 6.1.1 : proportion des nouveaux services numériques mis en ligne dans la fenêtre
-- (année financière et cumuls trimestriels depuis le 1er avril) conçus avec la participation
-- en amont des clientèles. Dénominateur : nouveaux services mis en ligne dans la fenêtre;
-- numérateur : parmi eux, participation en amont = Oui. Fenêtre sans nouveau service : valeur
-- vide (jamais 0 %), numérateur et dénominateur à 0.
with

services as (
    select * from {{ ref('int_numerique__nouveaux_services') }}
),

final as (
    {{ resultats_proportion(
        '6.1.1', 'services', 'identifiant', 'activites.a_participation_clientele_amont', 'date_mise_en_ligne'
    ) }}
)

select * from final
