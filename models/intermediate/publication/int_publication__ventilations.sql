-- Cellules de ventilation de tous les indicateurs, AVANT le contrôle de la divulgation (espace
-- de travail, jamais publié) : valeur, numérateur, dénominateur, personnes distinctes derrière
-- la cellule et drapeau de dimension exclusive. Union des modèles int_<domaine>__ventilations_<id>
-- des indicateurs publiés (macro indicateurs_publies()).
{%- set modeles_ventilations = [] %}
{%- for indicateur in indicateurs_publies() %}
    {%- do modeles_ventilations.append('int_' ~ indicateur.domaine ~ '__ventilations_' ~ indicateur.id) %}
{%- endfor %}

with

{% for modele in modeles_ventilations %}
    {{ modele }} as (
        select {{ colonnes_cellules_ventilations() }} from {{ ref(modele) }}
    ),

{% endfor %}
vide as (
    -- Relation typée sans ligne : garantit la forme des cellules quelle que soit la liste.
    select
        cast(null as {{ dbt.type_string() }}) as indicateur_id,
        cast(null as {{ dbt.type_string() }}) as periode,
        cast(null as {{ dbt.type_string() }}) as granularite,
        cast(null as date) as date_debut,
        cast(null as date) as date_fin,
        cast(null as {{ dbt.type_string() }}) as dimension,
        cast(null as {{ dbt.type_string() }}) as modalite,
        cast(null as {{ type_double() }}) as valeur,
        cast(null as {{ type_double() }}) as numerateur,
        cast(null as {{ type_double() }}) as denominateur,
        cast(null as {{ type_double() }}) as nb_personnes,
        cast(null as boolean) as dimension_exclusive
    where 1 = 0
),

unionees as (
    {% for modele in modeles_ventilations %}
        select * from {{ modele }}
        union all
    {% endfor %}
    select * from vide
),

final as (
    select * from unionees
)

select * from final
