{#
    Types portables (DuckDB, PostgreSQL; un nouveau moteur ajoute ses implémentations). `double` n'existe pas sous ce nom
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

{#
    Tri de textes indépendant de la collation : l'ordre des octets UTF-8 (celui de DuckDB par
    défaut). PostgreSQL trie selon la collation de la base (fr_CA, en_US...) : on y impose
    la collation « C » pour que DuckDB et PostgreSQL rendent le même ordre (test de parité).
    Écrire `order by {{ texte_tri_binaire('libelle') }}`.
#}
{% macro texte_tri_binaire(expression) -%}
    {{ return(adapter.dispatch('texte_tri_binaire', 'indicateurs_mifi')(expression)) }}
{%- endmacro %}

{% macro default__texte_tri_binaire(expression) -%}
    {{ expression }}
{%- endmacro %}

{% macro postgres__texte_tri_binaire(expression) -%}
    ({{ expression }}) collate "C"
{%- endmacro %}
