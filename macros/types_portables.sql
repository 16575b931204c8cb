{#
    Types portables (DuckDB, PostgreSQL, Spark; un nouveau moteur ajoute ses implémentations). `double` n'existe pas sous ce nom
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

{#
    Remplacement de toutes les occurrences d'une expression régulière (motif et remplacement
    donnés en texte Python, échappés ici pour la chaîne SQL du moteur). DuckDB et PostgreSQL
    exigent le drapeau 'g' (sinon seule la première occurrence est remplacée); Spark remplace
    tout, et son quatrième argument est une position.
#}
{% macro remplacer_regex(expression, motif, remplacement) -%}
    {{ return(adapter.dispatch('remplacer_regex', 'indicateurs_mifi')(expression, motif, remplacement)) }}
{%- endmacro %}

{% macro default__remplacer_regex(expression, motif, remplacement) -%}
    regexp_replace({{ expression }}, {{ texte_sql(motif) }}, {{ texte_sql(remplacement) }}, 'g')
{%- endmacro %}

{% macro spark__remplacer_regex(expression, motif, remplacement) -%}
    regexp_replace({{ expression }}, {{ texte_sql(motif) }}, {{ texte_sql(remplacement) }})
{%- endmacro %}

{# Littéral texte SQL du moteur. Les chaînes SQL de Spark lisent la barre oblique inverse comme
   un échappement, et '' y concatène deux chaînes vides au lieu de rendre une apostrophe : la
   barre s'y double, l'apostrophe s'y écrit \'. #}
{% macro texte_sql(valeur) -%}
    {{ return(adapter.dispatch('texte_sql', 'indicateurs_mifi')(valeur)) }}
{%- endmacro %}

{% macro default__texte_sql(valeur) -%}
    '{{ valeur | replace("'", "''") }}'
{%- endmacro %}

{% macro spark__texte_sql(valeur) -%}
    '{{ valeur | replace("\\", "\\\\") | replace("'", "\\'") }}'
{%- endmacro %}

{#
    CTE que le moteur ne doit pas matérialiser (relue par plusieurs branches) : « as not
    materialized » sur DuckDB et PostgreSQL, simple « as » sur Spark, qui ne connaît pas la
    clause (il ne matérialise pas les CTE). Écrire `nom {{ cte_non_materialisee() }} (...)`.
#}
{% macro cte_non_materialisee() -%}
    {{ return(adapter.dispatch('cte_non_materialisee', 'indicateurs_mifi')()) }}
{%- endmacro %}

{% macro default__cte_non_materialisee() -%}
    as not materialized
{%- endmacro %}

{% macro spark__cte_non_materialisee() -%}
    as
{%- endmacro %}
