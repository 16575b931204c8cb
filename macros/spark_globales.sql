{#
    Spark : remplacements de macros globales de dbt (espace de noms dbt) dont l'implémentation
    de dbt-spark ne donne pas le résultat de DuckDB et PostgreSQL. dbt cherche d'abord
    spark__<macro> dans le projet racine.
#}

{# listagg : dbt-spark ignore l'order by (avertissement seulement) et rend les valeurs dans
   l'ordre de collect_list, qui dépend du partitionnement. Ici la liste est triée sur la clé
   donnée (puis la valeur), comme string_agg(... order by ...) de DuckDB et PostgreSQL.
   Seul un « order by expression » croissant est pris en charge. #}
{% macro spark__listagg(measure, delimiter_text, order_by_clause, limit_num) -%}
    {%- set ordre = 'null' -%}
    {%- if order_by_clause -%}
        {%- set clause = order_by_clause | trim -%}
        {%- if not modules.re.match('(?i)^order\\s+by\\s+', clause) or ',' in clause
            or modules.re.search('(?i)\\s(desc|asc|nulls)\\b', clause) -%}
            {{ exceptions.raise_compiler_error(
                "listagg (Spark) : seul « order by expression » est pris en charge (reçu : " ~ clause ~ ")."
            ) }}
        {%- endif -%}
        {%- set ordre = modules.re.sub('(?i)^order\\s+by\\s+', '', clause) -%}
    {%- endif -%}
    {%- set triee -%}
        transform(
            array_sort(collect_list(named_struct('ordre', {{ ordre }}, 'valeur', {{ measure }}))),
            element -> element.valeur
        )
    {%- endset -%}
    array_join({{ 'slice(' ~ triee ~ ', 1, ' ~ limit_num ~ ')' if limit_num else triee }}, {{ delimiter_text }})
{%- endmacro %}

{# Type d'un YAML du projet (data_type des contrats, column_types des seeds, écrits pour DuckDB
   et PostgreSQL) traduit en type Spark : double precision -> double, varchar et text ->
   string (Spark exige une longueur pour varchar). Les autres types passent tels quels. #}
{% macro type_spark(type_yaml) -%}
    {%- set type = type_yaml | string | trim | lower -%}
    {%- if type == 'double precision' -%}
        double
    {%- elif type in ('varchar', 'text', 'character varying') or type.startswith('varchar(') -%}
        string
    {%- else -%}
        {{ type_yaml }}
    {%- endif -%}
{%- endmacro %}

{# Contrats (contract: enforced) : la requête vide qui donne le schéma déclaré, types traduits
   par type_spark. Les contraintes not_null ne sont posées par dbt-spark que sur les tables
   Delta : sur Parquet, seuls les noms et les types du contrat sont vérifiés (les tests
   not_null des mêmes colonnes tournent, eux, sur tous les moteurs). #}
{% macro spark__get_empty_schema_sql(columns) -%}
    select
    {%- for nom in columns %}
        {%- set colonne = columns[nom] -%}
        {%- if colonne['data_type'] is not defined -%}
            {{ exceptions.column_type_missing(column_names=[colonne['name']]) }}
        {%- endif %}
        cast(null as {{ indicateurs_mifi.type_spark(colonne['data_type']) }}) as
        {{ adapter.quote(colonne['name']) if colonne.get('quote') else colonne['name'] }}{{ ',' if not loop.last }}
    {%- endfor %}
{%- endmacro %}

{# Seeds, création de la table : column_types traduits par type_spark. #}
{% macro spark__create_csv_table(model, agate_table) -%}
    {%- set types_declares = model['config'].get('column_types', {}) -%}
    {%- set guillemets = model['config'].get('quote_columns', None) -%}
    {%- set sql -%}
        create table {{ this.render() }} (
            {%- for nom in agate_table.column_names %}
            {{ adapter.quote_seed_column(nom | string, guillemets) }}
            {{ indicateurs_mifi.type_seed_spark(types_declares, agate_table, nom, loop.index0) }}
            {{- ',' if not loop.last }}
            {%- endfor %}
        )
        {{ file_format_clause() }}
        {{ location_clause() }}
        {{ comment_clause() }}
    {%- endset -%}
    {%- call statement('_') -%}
        {{ sql }}
    {%- endcall -%}
    {{ return(sql) }}
{%- endmacro %}

{# Type Spark d'une colonne de seed : déclaré (column_types) ou déduit par dbt. #}
{% macro type_seed_spark(types_declares, agate_table, nom, position) -%}
    {{ indicateurs_mifi.type_spark(types_declares.get(nom, adapter.convert_type(agate_table, position))) }}
{%- endmacro %}

{# Seeds, chargement des lignes : dbt-spark (mode session) colle chaque valeur entre
   apostrophes sans échappement (une apostrophe casse la requête, une barre oblique inverse
   est lue comme un échappement) et écrit une valeur absente 'None' (texte, pas NULL). Ici
   chaque valeur est un littéral échappé par texte_sql, une valeur absente NULL. #}
{% macro spark__load_csv_rows(model, agate_table) -%}
    {%- set types_declares = model['config'].get('column_types', {}) -%}
    {%- set types = [] -%}
    {%- for nom in agate_table.column_names -%}
        {%- do types.append(indicateurs_mifi.type_seed_spark(types_declares, agate_table, nom, loop.index0)) -%}
    {%- endfor -%}
    {%- set requetes = [] -%}
    {%- for paquet in agate_table.rows | batch(get_batch_size()) -%}
        {%- set sql -%}
            insert into {{ this.render() }} values
            {%- for ligne in paquet %}
            (
                {%- for valeur in ligne -%}
                    cast({{ 'null' if valeur is none else indicateurs_mifi.texte_sql(valeur | string) }}
                    as {{ types[loop.index0] }}){{ ', ' if not loop.last }}
                {%- endfor -%}
            ){{ ',' if not loop.last }}
            {%- endfor %}
        {%- endset -%}
        {%- do adapter.add_query(sql, abridge_sql_log=True) -%}
        {%- do requetes.append(sql) -%}
    {%- endfor -%}
    {{ return(requetes[0] if requetes else '') }}
{%- endmacro %}

{# Contraintes d'un contrat : dbt-spark les pose (alter column ... set not null) dès que
   file_format n'est pas configuré, en supposant Delta; une table Parquet les refuse. Ici elles
   ne sont posées que sur une table Delta déclarée (file_format: delta, sur une grappe). #}
{% macro spark__persist_constraints(relation, model) -%}
    {%- set contrat = config.get('contract') -%}
    {%- if contrat.enforced and config.get('file_format') == 'delta' -%}
        {%- do alter_table_add_constraints(relation, model.constraints) -%}
        {%- do alter_column_set_constraints(relation, model.columns) -%}
    {%- endif -%}
{%- endmacro %}
