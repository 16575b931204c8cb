{#
    Conversions tolérantes du staging : une valeur qui ne se convertit pas donne NULL (jamais
    une erreur de chargement); le modèle base_ met alors la ligne en quarantaine avec un motif.
    Dispatch : DuckDB par défaut (try_strptime, try_cast), PostgreSQL par garde regex.
#}

{# Date texte -> date. format_date : 'AAAA-MM-JJ' ou 'JJ/MM/AAAA'. #}
{% macro convertir_date(expression, format_date='AAAA-MM-JJ') -%}
    {{ return(adapter.dispatch('convertir_date', 'indicateurs_mifi')(expression, format_date)) }}
{%- endmacro %}

{% macro default__convertir_date(expression, format_date) -%}
    {%- set formats = {'AAAA-MM-JJ': '%Y-%m-%d', 'JJ/MM/AAAA': '%d/%m/%Y'} -%}
    cast(try_strptime(trim({{ expression }}), '{{ formats[format_date] }}') as date)
{%- endmacro %}

{% macro postgres__convertir_date(expression, format_date) -%}
    {%- set motifs = {'AAAA-MM-JJ': '^[0-9]{4}-[0-9]{2}-[0-9]{2}$', 'JJ/MM/AAAA': '^[0-9]{2}/[0-9]{2}/[0-9]{4}$'} -%}
    {%- set formats = {'AAAA-MM-JJ': 'YYYY-MM-DD', 'JJ/MM/AAAA': 'DD/MM/YYYY'} -%}
    (case
        when trim({{ expression }}) ~ '{{ motifs[format_date] }}'
            and to_char(to_date(trim({{ expression }}), '{{ formats[format_date] }}'), '{{ formats[format_date] }}')
                = trim({{ expression }})
            then to_date(trim({{ expression }}), '{{ formats[format_date] }}')
    end)
{%- endmacro %}

{# Texte -> entier. #}
{% macro convertir_entier(expression) -%}
    {{ return(adapter.dispatch('convertir_entier', 'indicateurs_mifi')(expression)) }}
{%- endmacro %}

{% macro default__convertir_entier(expression) -%}
    try_cast(trim({{ expression }}) as integer)
{%- endmacro %}

{% macro postgres__convertir_entier(expression) -%}
    (case when trim({{ expression }}) ~ '^-?[0-9]{1,9}$' then cast(trim({{ expression }}) as integer) end)
{%- endmacro %}

{# Texte -> décimal (séparateur point). #}
{% macro convertir_decimal(expression) -%}
    {{ return(adapter.dispatch('convertir_decimal', 'indicateurs_mifi')(expression)) }}
{%- endmacro %}

{% macro default__convertir_decimal(expression) -%}
    try_cast(trim({{ expression }}) as double)
{%- endmacro %}

{% macro postgres__convertir_decimal(expression) -%}
    (case when trim({{ expression }}) ~ '^-?[0-9]+(\.[0-9]+)?$' then cast(trim({{ expression }}) as double precision) end)
{%- endmacro %}

{# Code : espaces parasites retirés, majuscules, vide -> NULL. #}
{% macro nettoyer_code(expression) -%}
    nullif(upper(trim({{ expression }})), '')
{%- endmacro %}

{# Texte libre : espaces de tête et de fin retirés, vide -> NULL. #}
{% macro nettoyer_texte(expression) -%}
    nullif(trim({{ expression }}), '')
{%- endmacro %}

{# Marque les doublons exacts : toutes les lignes identiques sur les colonnes brutes
   données, sauf la première, sont des doublons. #}
{% macro est_doublon_exact(colonnes) -%}
    (row_number() over (partition by {{ colonnes | join(', ') }}) > 1)
{%- endmacro %}

{# Codes des 17 régions administratives du Québec, pour les contrôles du staging. #}
{% macro codes_regions() -%}
    {%- set codes = [] -%}
    {%- for numero in range(1, 18) -%}
        {%- do codes.append("'" ~ ('%02d' % numero) ~ "'") -%}
    {%- endfor -%}
    {{ codes | join(', ') }}
{%- endmacro %}
