{#
    PostgreSQL : statistiques de l'optimiseur à jour dès qu'une table est construite.
    Une table créée par `create table as` n'a aucune statistique tant que l'autovacuum n'est
    pas passé : l'optimiseur estime alors mal les jointures suivantes (boucles imbriquées sur
    des dizaines de milliers de lignes; un modèle intermédiaire passait de 0,3 s à 3 min).
    Crochet post-construction de tous les modèles et seeds (dbt_project.yml). DuckDB : rien.
#}
{% macro analyser_table() -%}
    {{ return(adapter.dispatch('analyser_table', 'indicateurs_mifi')()) }}
{%- endmacro %}

{% macro default__analyser_table() -%}
{%- endmacro %}

{% macro postgres__analyser_table() -%}
    {%- if config.get('materialized') in ('table', 'incremental', 'seed') -%}
        analyze {{ this }}
    {%- endif -%}
{%- endmacro %}
