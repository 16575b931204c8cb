{#
    Types portables (DuckDB, PostgreSQL, Spark plus tard). `double` n'existe pas sous ce nom
    dans PostgreSQL (`double precision`), et dbt.type_float() rend `float`, qui est un réel
    simple précision (4 octets) dans DuckDB : on ne peut utiliser ni l'un ni l'autre partout.
    Écrire `cast(x as {{ type_double() }})`.
    Dans les YAML (data_type des contrats, column_types des seeds), écrire `double precision`,
    que DuckDB et PostgreSQL comprennent tous deux (DuckDB le lit comme DOUBLE).
#}
{% macro type_double() -%}
    {{ return(adapter.dispatch('type_double', 'indicateurs_mifi')()) }}
{%- endmacro %}

{% macro default__type_double() -%}
    double
{%- endmacro %}

{% macro postgres__type_double() -%}
    double precision
{%- endmacro %}
