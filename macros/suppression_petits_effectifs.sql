{#
    Confidentialité (shared/regles-indicateurs.md) : une cellule de ventilation de moins de
    var('seuil_petits_effectifs') personnes (5) est publiée supprimée, valeur vide.
    effectif : le nombre de personnes (ou de participations) derrière la cellule.
#}
{% macro est_cellule_supprimee(effectif) -%}
    (coalesce({{ effectif }}, 0) < {{ var('seuil_petits_effectifs') }})
{%- endmacro %}

{% macro supprimer_petits_effectifs(effectif, valeur) -%}
    (case when {{ est_cellule_supprimee(effectif) }} then null else {{ valeur }} end)
{%- endmacro %}
