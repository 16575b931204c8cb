{% snapshot hist_intimm__inscriptions %}
    -- Historique des statuts des inscriptions Intimm (SCD2) : une nouvelle version quand le
    -- statut de l'inscription ou le nombre de journées de présence change (désistement puis
    -- reprise, abandon, fin de cours...). L'extrait ne montre que le statut courant : seul cet
    -- historique garde les statuts antérieurs. Horodatage tiré de date_extraction, jamais de
    -- l'horloge (une seconde après la version la plus récente si la nuit est relancée).
    {{
        config(
            strategy='check',
            unique_key='no_inscription',
            check_cols=['statut_inscription', 'jours_presence'],
            updated_at='horodatage_extraction',
            hard_deletes='ignore',
        )
    }}
    {%- set horodatage_nuit = dbt.cast(
        dbt.string_literal(valeur_date_extraction()), api.Column.translate_type('timestamp')
    ) -%}
    {%- set historique_existant = load_relation(this) if execute else none %}

    with

    inscriptions as (
        select * from {{ ref('stg_intimm__inscriptions') }}
    ),

    {% if historique_existant is not none -%}
        dernieres_versions as (
            select max(dbt_valid_from) as dernier_debut from {{ this }}
        ),
    {%- else -%}
        dernieres_versions as (
            select {{ dbt.cast('null', api.Column.translate_type('timestamp')) }} as dernier_debut
        ),
    {%- endif %}

    nuit as (
        select
            greatest(
                {{ horodatage_nuit }},
                coalesce({{ dbt.dateadd('second', 1, 'dernier_debut') }}, {{ horodatage_nuit }})
            ) as horodatage_extraction
        from dernieres_versions
    ),

    final as (
        select
            inscriptions.no_inscription,
            inscriptions.statut_inscription,
            inscriptions.jours_presence,
            nuit.horodatage_extraction
        from inscriptions
        cross join nuit
    )

    select * from final
{% endsnapshot %}
