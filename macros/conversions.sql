{#
    Conversions tolérantes du staging : une valeur qui ne se convertit pas donne NULL (jamais
    une erreur de chargement); le modèle base_ met alors la ligne en quarantaine avec un motif.
    Dispatch : DuckDB par défaut (try_strptime, try_cast), PostgreSQL et Spark par garde regex.
#}

{# Date texte -> date. format_date : 'AAAA-MM-JJ' ou 'JJ/MM/AAAA'. #}
{% macro convertir_date(expression, format_date='AAAA-MM-JJ') -%}
    {{ return(adapter.dispatch('convertir_date', 'indicateurs_mifi')(expression, format_date)) }}
{%- endmacro %}

{% macro default__convertir_date(expression, format_date) -%}
    {%- set formats = {'AAAA-MM-JJ': '%Y-%m-%d', 'JJ/MM/AAAA': '%d/%m/%Y'} -%}
    cast(try_strptime(trim({{ expression }}), '{{ formats[format_date] }}') as date)
{%- endmacro %}

{# Grammaire d'une date texte pour les moteurs sans try_strptime (PostgreSQL, Spark), même
   grammaire que try_strptime de DuckDB : motif (regex : année de 1 à 4 chiffres, mois et jour
   de 1 ou 2 chiffres), position de chaque partie et séparateur. #}
{% macro grammaire_date(format_date) -%}
    {%- if format_date == 'AAAA-MM-JJ' -%}
        {{ return({'motif': '^[0-9]{1,4}-[0-9]{1,2}-[0-9]{1,2}$', 'parties': {'annee': 1, 'mois': 2, 'jour': 3}, 'separateur': '-'}) }}
    {%- else -%}
        {{ return({'motif': '^[0-9]{1,2}/[0-9]{1,2}/[0-9]{1,4}$', 'parties': {'annee': 3, 'mois': 2, 'jour': 1}, 'separateur': '/'}) }}
    {%- endif -%}
{%- endmacro %}

{# PostgreSQL : to_date et make_date lèvent une erreur sur une date impossible (13e mois,
   30 février) au lieu de rendre NULL. Même grammaire que try_strptime de DuckDB (année de 1 à
   4 chiffres, mois et jour de 1 ou 2 chiffres; l'année 0 est l'an 1 av. J.-C.), puis bornes du
   mois et du jour (nombre de jours du mois calculé sur le 1er du mois, toujours valide), dans
   des CASE imbriqués qui garantissent l'ordre d'évaluation : make_date n'est appelé que sur une
   date valide. #}
{% macro postgres__convertir_date(expression, format_date) -%}
    {%- set texte = 'trim(' ~ expression ~ ')' -%}
    {%- set grammaire = grammaire_date(format_date) -%}
    {%- set motif, parties, separateur = grammaire.motif, grammaire.parties, grammaire.separateur -%}
    {%- set annee_brute = "cast(split_part(" ~ texte ~ ", '" ~ separateur ~ "', " ~ parties.annee ~ ") as integer)" -%}
    {%- set annee = "(case when " ~ annee_brute ~ " = 0 then -1 else " ~ annee_brute ~ " end)" -%}
    {%- set mois = "cast(split_part(" ~ texte ~ ", '" ~ separateur ~ "', " ~ parties.mois ~ ") as integer)" -%}
    {%- set jour = "cast(split_part(" ~ texte ~ ", '" ~ separateur ~ "', " ~ parties.jour ~ ") as integer)" -%}
    (case
        when {{ texte }} ~ '{{ motif }}' then
            case
                when {{ mois }} between 1 and 12 and {{ jour }} between 1 and 31 then
                    case
                        when {{ jour }} <= extract(day from (
                            make_date({{ annee }}, {{ mois }}, 1) + interval '1 month' - interval '1 day'
                        ))
                            then make_date({{ annee }}, {{ mois }}, {{ jour }})
                    end
            end
    end)
{%- endmacro %}

{# Spark : to_date rend NULL sur une date impossible, mais son patron « y-M-d » n'a pas la
   grammaire de try_strptime (année de 1 à 4 chiffres). Même garde regex qu'en PostgreSQL, puis
   make_date, qui rend NULL sur un mois ou un jour impossible (mode ANSI coupé par dbt-spark).
   rlike et non ~ ; split_part comme en PostgreSQL. #}
{% macro spark__convertir_date(expression, format_date) -%}
    {%- set texte = 'trim(' ~ expression ~ ')' -%}
    {%- set grammaire = grammaire_date(format_date) -%}
    {%- set motif, parties, separateur = grammaire.motif, grammaire.parties, grammaire.separateur -%}
    (case
        when {{ texte }} rlike '{{ motif }}' then make_date(
            {%- for partie in ['annee', 'mois', 'jour'] %}
            cast(split_part({{ texte }}, '{{ separateur }}', {{ parties[partie] }}) as int){{ ',' if not loop.last }}
            {%- endfor %}
        )
    end)
{%- endmacro %}

{# Texte -> entier. #}
{% macro convertir_entier(expression) -%}
    {{ return(adapter.dispatch('convertir_entier', 'indicateurs_mifi')(expression)) }}
{%- endmacro %}

{% macro default__convertir_entier(expression) -%}
    try_cast(trim({{ expression }}) as integer)
{%- endmacro %}

{# PostgreSQL : même grammaire que try_cast(... as integer) de DuckDB pour les formes
   plausibles (signe, zéros de tête, partie décimale arrondie au plus proche, exposant), NULL
   hors de l'intervalle des entiers 32 bits. Écarts résiduels assumés : DuckDB accepte aussi
   l'hexadécimal (0x1F) et les séparateurs _ (1_000), ici NULL. #}
{% macro postgres__convertir_entier(expression) -%}
    {%- set texte = 'trim(' ~ expression ~ ')' -%}
    (case
        when {{ texte }} ~ '{{ motif_nombre_postgres() }}' then
            case
                when round(cast({{ texte }} as numeric)) between -2147483648 and 2147483647
                    then cast(round(cast({{ texte }} as numeric)) as integer)
            end
    end)
{%- endmacro %}

{# Spark : cast(... as int) hors mode ANSI tronque la partie décimale (1.5 -> 1) là où DuckDB
   arrondit (1.5 -> 2), et accepte d'autres formes : même garde regex et même arrondi qu'en
   PostgreSQL (round de Spark arrondit au plus proche, moitiés loin de zéro, comme DuckDB). #}
{% macro spark__convertir_entier(expression) -%}
    {%- set texte = 'trim(' ~ expression ~ ')' -%}
    {%- set arrondi = 'round(cast(' ~ texte ~ ' as double))' -%}
    (case
        when {{ texte }} rlike '{{ motif_nombre_postgres() }}' then
            case
                when {{ arrondi }} between -2147483648 and 2147483647
                    then cast({{ arrondi }} as int)
            end
    end)
{%- endmacro %}

{# Nombre décimal en notation simple ou scientifique (exposant d'au plus 2 chiffres). #}
{% macro motif_nombre_postgres() -%}
    ^[+-]?([0-9]+[.]?[0-9]*|[.][0-9]+)([eE][+-]?[0-9]{1,2})?$
{%- endmacro %}

{# Texte -> décimal (séparateur point). #}
{% macro convertir_decimal(expression) -%}
    {{ return(adapter.dispatch('convertir_decimal', 'indicateurs_mifi')(expression)) }}
{%- endmacro %}

{% macro default__convertir_decimal(expression) -%}
    try_cast(trim({{ expression }}) as double)
{%- endmacro %}

{# PostgreSQL : même grammaire que try_cast(... as double) de DuckDB (notation scientifique,
   inf, infinity, nan), sans jamais lever d'erreur : les valeurs hors de [1e-300, 1e300] en
   valeur absolue (sauf 0) et les exposants de plus de 2 chiffres donnent NULL (DuckDB : inf
   ou 0). #}
{% macro postgres__convertir_decimal(expression) -%}
    {%- set texte = 'trim(' ~ expression ~ ')' -%}
    (case
        when {{ texte }} ~ '{{ motif_nombre_postgres() }}' then
            case
                when cast({{ texte }} as numeric) = 0
                    or abs(cast({{ texte }} as numeric)) between 1e-300 and 1e300
                    then cast({{ texte }} as double precision)
            end
        when {{ texte }} ~* '^[+-]?(inf|infinity)$' then cast({{ texte }} as double precision)
        when {{ texte }} ~* '^[+-]?nan$' then cast('NaN' as double precision)
    end)
{%- endmacro %}

{# Spark : cast(... as double) accepte aussi les suffixes Java (1.5d, 2f) : garde regex, puis
   le cast (exposant quelconque : 1e400 donne l'infini, comme DuckDB), inf, infinity et nan. #}
{% macro spark__convertir_decimal(expression) -%}
    {%- set texte = 'trim(' ~ expression ~ ')' -%}
    (case
        when {{ texte }} rlike '^[+-]?([0-9]+[.]?[0-9]*|[.][0-9]+)([eE][+-]?[0-9]+)?$'
            or {{ texte }} rlike '^(?i)[+-]?(inf|infinity|nan)$'
            then cast({{ texte }} as double)
    end)
{%- endmacro %}

{# Code : espaces parasites retirés, majuscules, vide -> NULL. #}
{% macro nettoyer_code(expression) -%}
    nullif(upper(trim({{ expression }})), '')
{%- endmacro %}

{# Texte libre : espaces de tête et de fin retirés, vide -> NULL. #}
{% macro nettoyer_texte(expression) -%}
    nullif(trim({{ expression }}), '')
{%- endmacro %}

{# Codes des 17 régions administratives du Québec, pour les contrôles du staging. #}
{% macro codes_regions() -%}
    {%- set codes = [] -%}
    {%- for numero in range(1, 18) -%}
        {%- do codes.append("'" ~ ('%02d' % numero) ~ "'") -%}
    {%- endfor -%}
    {{ codes | join(', ') }}
{%- endmacro %}
