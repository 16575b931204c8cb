{#
    3.1.2 — bascule de système du PASI (fiche 3.1.2; règle décrite dans docs/decisions_methodologiques.md) : CERIGES
    pour les services datés jusqu'au 2023-06-30 inclus, GSI à partir du 2023-07-01. Seule
    définition de la date de bascule dans le projet.
#}
{% macro date_bascule_gsi() -%}
    cast('2023-07-01' as date)
{%- endmacro %}
