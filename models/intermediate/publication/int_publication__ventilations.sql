-- Cellules de ventilation de tous les indicateurs, AVANT le contrôle de la divulgation (espace
-- de travail, jamais publié) : valeur, numérateur, dénominateur, personnes distinctes derrière
-- la cellule et drapeau de dimension exclusive. Union des modèles int_<domaine>__ventilations_<id>
-- des indicateurs publiés (macros indicateurs_publies() et modeles_publies).
{%- set modeles_ventilations = modeles_publies('int_{domaine}__ventilations_{id}') %}

with

unionees as (
    {{ unir_modeles(modeles_ventilations, colonnes_cellules_ventilations()) }}
),

final as (
    select * from unionees
)

select * from final
