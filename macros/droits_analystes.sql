{#
    Droits de lecture des analystes (cible PostgreSQL) : le rôle `analyste` (Power BI) lit le
    schéma marts et rien d'autre. Appelé en on-run-end (dbt_project.yml), donc rejoué après
    chaque construction : une table de marts recréée retrouve ses droits.
    Les autres schémas (brut, staging, intermediate, referentiels...) ne lui accordent rien;
    les droits qu'il y aurait reçus par erreur sont retirés.
    DuckDB (fichier local, sans rôles) : sans objet, aucune instruction.
#}
{% macro accorder_lecture_analystes(role='analyste', schema_lecture='marts') -%}
    {{ return(adapter.dispatch('accorder_lecture_analystes', 'indicateurs_mifi')(role, schema_lecture)) }}
{%- endmacro %}

{% macro default__accorder_lecture_analystes(role, schema_lecture) -%}
{%- endmacro %}

{% macro postgres__accorder_lecture_analystes(role, schema_lecture) -%}
    {%- if execute -%}
        {#- Le rôle est créé s'il manque et que l'utilisateur dbt en a le droit; sinon c'est
            à l'administrateur de le créer (message clair plutôt qu'un GRANT en échec). -#}
        {%- set etat = run_query(
            "select exists (select 1 from pg_roles where rolname = '" ~ role ~ "'), "
            ~ "(select rolsuper or rolcreaterole from pg_roles where rolname = current_user), "
            ~ "exists (select 1 from pg_namespace where nspname = '" ~ schema_lecture ~ "')"
        ) -%}
        {%- set role_existe, peut_creer, schema_existe = etat.rows[0][0], etat.rows[0][1], etat.rows[0][2] -%}
        {%- if not role_existe and not peut_creer -%}
            {{ exceptions.raise_compiler_error(
                "Le rôle PostgreSQL « " ~ role ~ " » n'existe pas et l'utilisateur dbt ne peut pas le "
                ~ "créer : demandez à l'administrateur `create role " ~ role ~ " nologin;`."
            ) }}
        {%- endif -%}
        {%- set autres = run_query(
            "select nspname from pg_namespace where nspname <> '" ~ schema_lecture ~ "' "
            ~ "and nspname not like 'pg\\_%' and nspname not in ('information_schema', 'public') "
            ~ "and has_schema_privilege('" ~ role ~ "', oid, 'USAGE')"
        ) if role_existe else none -%}
        {%- if not role_existe %}
    create role {{ role }} nologin;
        {%- endif %}
        {%- if schema_existe %}
    grant usage on schema {{ schema_lecture }} to {{ role }};
    grant select on all tables in schema {{ schema_lecture }} to {{ role }};
        {%- endif %}
        {%- if autres is not none %}
            {%- for ligne in autres.rows %}
    revoke all on all tables in schema {{ adapter.quote(ligne[0]) }} from {{ role }};
    revoke all on schema {{ adapter.quote(ligne[0]) }} from {{ role }};
            {%- endfor %}
        {%- endif %}
    {%- endif -%}
{%- endmacro %}
