{#
    Horodatage d'une nuit dans un historique (snapshots hist_*) : tiré de date_extraction,
    jamais de l'horloge; une seconde après la version la plus récente de l'historique si la
    nuit est relancée pour la même date (chaque version garde un début distinct). Rend les deux
    CTE dernieres_versions et nuit (une ligne, la colonne donnée), à joindre par cross join.
#}
{% macro ctes_horodatage_nuit(colonne) -%}
    {%- set horodatage_nuit = dbt.cast(
        dbt.string_literal(valeur_date_extraction()), api.Column.translate_type('timestamp')
    ) -%}
    {%- set historique_existant = load_relation(this) if execute else none -%}
    {%- if historique_existant is not none -%}
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
            ) as {{ colonne }}
        from dernieres_versions
    )
{%- endmacro %}
