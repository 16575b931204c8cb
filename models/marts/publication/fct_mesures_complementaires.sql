-- Contrat de publication lu par Power BI : les mesures complémentaires, d'une autre unité que
-- l'indicateur (ex. 1.1.1 compte des DI; candidats_distincts compte des candidats). Une ligne
-- par indicateur × fenêtre × mesure. Des totaux, jamais supprimés.
-- Union des marts fct_mesures_<id> des indicateurs publiés qui en ont (macro
-- indicateurs_publies(), mesures: true).
{%- set modeles_mesures = [] %}
{%- for indicateur in indicateurs_publies() if indicateur.mesures %}
    {%- do modeles_mesures.append('fct_mesures_' ~ indicateur.id) %}
{%- endfor %}

with

{% for modele in modeles_mesures %}
    {{ modele }} as (
        select {{ colonnes_mesures() }} from {{ ref(modele) }}
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
        cast(null as {{ dbt.type_string() }}) as mesure,
        cast(null as {{ dbt.type_string() }}) as libelle_mesure,
        cast(null as {{ type_double() }}) as valeur
    where 1 = 0
),

unionees as (
    {% for modele in modeles_mesures %}
        select * from {{ modele }}
        union all
    {% endfor %}
    select * from vide
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
