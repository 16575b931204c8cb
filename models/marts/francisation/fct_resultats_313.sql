-- 3.1.3 Proportion des personnes immigrantes évaluées ayant atteint les niveaux cibles du
-- cours à l'oral : réussites / participations évaluées dont la session se termine
-- (date_fin_cours) dans la fenêtre, pour l'année financière et chaque cumul trimestriel.
-- Valeur vide quand aucune participation n'est évaluée (numérateur et dénominateur à 0).
with

participations as (
    select * from {{ ref('int_francisation__participations_evaluees_313') }}
),

final as (
    {{ resultats_proportion(
        '3.1.3', 'participations', 'no_inscription', 'activites.est_reussite', 'date_fin_cours'
    ) }}
)

select * from final
