-- Contrat de publication lu par Power BI : ventilations des indicateurs (valeurs annuelles)
-- par dimension et modalité, cellules de moins de 5 personnes supprimées.
{%- set modeles_ventilations = [
    'fct_ventilations_111',
    'fct_ventilations_221',
    'fct_ventilations_311',
    'fct_ventilations_312',
    'fct_ventilations_313',
    'fct_ventilations_521',
    'fct_ventilations_611',
] %}

with

{% for modele in modeles_ventilations %}
    {{ modele }} as (
        select {{ colonnes_ventilations() }} from {{ ref(modele) }}
    ),

{% endfor %}
vide as (
    -- Relation typée sans ligne : garantit la forme du contrat quelle que soit la liste.
    select
        cast(null as {{ dbt.type_string() }}) as indicateur_id,
        cast(null as {{ dbt.type_string() }}) as periode,
        cast(null as {{ dbt.type_string() }}) as granularite,
        cast(null as date) as date_debut,
        cast(null as date) as date_fin,
        cast(null as {{ dbt.type_string() }}) as dimension,
        cast(null as {{ dbt.type_string() }}) as modalite,
        cast(null as double) as valeur,
        cast(null as double) as numerateur,
        cast(null as double) as denominateur,
        cast(null as boolean) as est_supprimee
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
