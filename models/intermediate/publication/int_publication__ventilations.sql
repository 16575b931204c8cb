-- Cellules de ventilation de tous les indicateurs, AVANT le contrôle de la divulgation (espace
-- de travail, jamais publié) : valeur, numérateur, dénominateur, personnes distinctes derrière
-- la cellule et drapeau de dimension exclusive. Union des modèles int_<domaine>__ventilations_<id>
-- des indicateurs publiés (macro indicateurs_publies()).
{%- set modeles_ventilations = [] %}
{%- for indicateur in indicateurs_publies() %}
    {%- do modeles_ventilations.append('int_' ~ indicateur.domaine ~ '__ventilations_' ~ indicateur.id) %}
{%- endfor %}

with

unionees as (
    {{ unir_modeles(modeles_ventilations, colonnes_cellules_ventilations()) }}
),

final as (
    select * from unionees
)

select * from final
