{#
    Historiques (snapshots) sur Spark sans Delta ni Iceberg (Spark local : leurs jars ne
    s'installent pas hors ligne). dbt-spark n'accepte un snapshot que sur une table Delta, Iceberg
    ou Hudi, parce qu'il l'écrit par merge into. Cette matérialisation reprend la sienne et, sur
    une table Parquet, remplace le merge par sa réécriture : la nouvelle version complète de
    l'historique (versions existantes, fermées quand la nuit les remplace, puis nouvelles
    versions) est écrite dans une table intermédiaire, puis remplace l'historique (insert
    overwrite). Même résultat que le merge de dbt (mêmes règles, même table de préparation
    snapshot_staging_table). Sur Delta, Iceberg ou Hudi (grappe), le merge de dbt-spark reste.
#}
{% materialization snapshot, adapter='spark' %}
    {%- set format_fichier = config.get('file_format') or 'parquet' -%}
    {%- if format_fichier in ['delta', 'iceberg', 'hudi'] -%}
        {{ return(dbt_spark.materialization_snapshot_spark()) }}
    {%- endif -%}
    {%- set colonnes_techniques = config.get('snapshot_table_column_names') or get_snapshot_table_column_names() -%}
    {%- set existe, historique = get_or_create_relation(
        database=none, schema=model.schema, identifier=model.get('alias', model.get('name')), type='table'
    ) -%}
    {%- if not adapter.check_schema_exists(model.database, model.schema) -%}
        {%- do create_schema(model.schema) -%}
    {%- endif -%}
    {{ run_hooks(pre_hooks, inside_transaction=False) }}
    {{ run_hooks(pre_hooks, inside_transaction=True) }}
    {%- set strategie = strategy_dispatch(config.get('strategy'))(
        model, 'snapshotted_data', 'source_data', model['config'], existe
    ) -%}
    {%- if not existe -%}
        {%- set sql_final = create_table_as(False, historique, build_snapshot_table(strategie, model['compiled_code'])) -%}
    {%- else -%}
        {%- set preparation = spark_build_snapshot_staging_table(strategie, sql, historique) -%}
        {%- set nouvelle_version = api.Relation.create(
            identifier=historique.identifier ~ '__dbt_nouveau', schema=historique.schema, database=none, type='table'
        ) -%}
        {%- set colonnes = adapter.get_columns_in_relation(historique) | map(attribute='name') | list -%}
        {%- set fin = colonnes_techniques.dbt_valid_to -%}
        {%- set identifiant = colonnes_techniques.dbt_scd_id -%}
        {%- do adapter.drop_relation(nouvelle_version) -%}
        {%- call statement('nouvelle_version') -%}
            create table {{ nouvelle_version }} using parquet as
            select
                {%- for colonne in colonnes %}
                {% if colonne == fin -%}
                    case when fermees.{{ identifiant }} is not null then fermees.{{ fin }} else versions.{{ fin }} end
                    as {{ fin }}
                {%- else -%}
                    versions.{{ colonne }}
                {%- endif %}{{ ',' if not loop.last }}
                {%- endfor %}
            from {{ historique }} as versions
            left join (
                select {{ identifiant }}, {{ fin }} from {{ preparation }}
                where dbt_change_type in ('update', 'delete')
            ) as fermees
                on versions.{{ identifiant }} = fermees.{{ identifiant }} and versions.{{ fin }} is null
            union all
            select {{ colonnes | join(', ') }} from {{ preparation }}
            where dbt_change_type = 'insert'
        {%- endcall -%}
        {%- set sql_final -%}
            insert overwrite table {{ historique }} select * from {{ nouvelle_version }}
        {%- endset -%}
    {%- endif -%}
    {%- call statement('main') -%}
        {{ sql_final }}
    {%- endcall -%}
    {%- do persist_docs(historique, model) -%}
    {{ run_hooks(post_hooks, inside_transaction=True) }}
    {{ adapter.commit() }}
    {%- if preparation is defined -%}
        {%- do adapter.drop_relation(nouvelle_version) -%}
        {%- do post_snapshot(preparation) -%}
    {%- endif -%}
    {{ run_hooks(post_hooks, inside_transaction=False) }}
    {{ return({'relations': [historique]}) }}
{% endmaterialization %}
