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

{#
    Requête d'un historique (snapshot hist_*, stratégie check) : les colonnes suivies de la
    relation, chaque ligne horodatée de la nuit (ctes_horodatage_nuit). Le snapshot ne garde
    que sa configuration (clé, colonnes comparées) et l'appel de cette macro.
#}
{% macro versions_de_nuit(relation, colonnes, colonne_horodatage) -%}
    with

    courantes as (
        select * from {{ relation }}
    ),

    {{ ctes_horodatage_nuit(colonne_horodatage) }},

    final as (
        select
            {%- for colonne in colonnes %}
            courantes.{{ colonne }},
            {%- endfor %}
            nuit.{{ colonne_horodatage }}
        from courantes
        cross join nuit
    )

    select * from final
{%- endmacro %}
