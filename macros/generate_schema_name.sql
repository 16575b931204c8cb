{#
    Les relations atterrissent exactement dans le schéma demandé (staging, intermediate,
    marts...) : Power BI lit marts.fct_resultats_indicateurs, sans préfixe de cible.
#}
{% macro generate_schema_name(custom_schema_name, node) -%}
    {%- if custom_schema_name is none -%}
        {{ target.schema | trim }}
    {%- else -%}
        {{ custom_schema_name | trim }}
    {%- endif -%}
{%- endmacro %}
