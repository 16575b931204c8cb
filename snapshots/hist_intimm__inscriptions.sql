{% snapshot hist_intimm__inscriptions %}
-- Historique des statuts des inscriptions Intimm (SCD2) : une nouvelle version quand le statut
-- de l'inscription ou le nombre de journées de présence change (désistement puis reprise,
-- abandon, fin de cours...). L'extrait ne montre que le statut courant : seul cet historique
-- garde les statuts antérieurs. Horodatage tiré de date_extraction, jamais de l'horloge.
{{
    config(
        strategy='check',
        unique_key='no_inscription',
        check_cols=['statut_inscription', 'jours_presence'],
        updated_at='horodatage_extraction',
        hard_deletes='ignore',
    )
}}

{#- Horodatage de la nuit : minuit de date_extraction; une seconde après la version la plus
    récente si la nuit est relancée pour la même date (débuts de version distincts). -#}
{%- set horodatage_nuit = dbt.cast(dbt.string_literal(valeur_date_extraction()), api.Column.translate_type('timestamp')) -%}
{%- set historique_existant = load_relation(this) if execute else none -%}

with

inscriptions as (
    select * from {{ ref('stg_intimm__inscriptions') }}
),

final as (
    select
        no_inscription,
        statut_inscription,
        jours_presence,
        {% if historique_existant is not none -%}
            greatest(
                {{ horodatage_nuit }},
                coalesce(
                    (select {{ dbt.dateadd('second', 1, 'max(dbt_valid_from)') }} from {{ this }}),
                    {{ horodatage_nuit }}
                )
            )
        {%- else -%}
            {{ horodatage_nuit }}
        {%- endif %} as horodatage_extraction
    from inscriptions
)

select * from final

{% endsnapshot %}
