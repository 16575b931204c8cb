-- Ancre des portes de qualité des extraits (macros/tests_generiques/portes_qualite.sql) : un
-- modèle sans parent ni descendant. Une porte (seuil de quarantaine, références, clés, dates,
-- volume) dépend de son modèle base_ ET de cette ancre; dbt ne fait alors sauter que les
-- descendants communs aux deux, c'est-à-dire aucun : une porte en échec fait échouer la
-- construction sans empêcher le calcul des indicateurs.
with

final as (
    select 1 as est_ancre
)

select * from final
