{#
    Date de référence du calcul (« en date du ») : variable dbt date_extraction (AAAA-MM-JJ),
    par défaut la date du jour. valeur_date_extraction() rend la chaîne validée,
    date_extraction() l'expression SQL de type date.
#}
{% macro valeur_date_extraction() -%}
    {%- set valeur = var('date_extraction', modules.datetime.date.today().isoformat()) | string | trim -%}
    {%- if not modules.re.match('^[0-9]{4}-[0-9]{2}-[0-9]{2}$', valeur) -%}
        {{ exceptions.raise_compiler_error(
            "La variable date_extraction doit être au format AAAA-MM-JJ (reçu : '" ~ valeur ~ "')."
        ) }}
    {%- endif -%}
    {%- do modules.datetime.datetime.strptime(valeur, '%Y-%m-%d') -%}
    {{- valeur -}}
{%- endmacro %}

{% macro date_extraction() -%}
    cast('{{ valeur_date_extraction() }}' as date)
{%- endmacro %}
