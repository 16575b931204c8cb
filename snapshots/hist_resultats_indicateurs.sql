{% snapshot hist_resultats_indicateurs %}
-- Historique de chaque valeur publiée de marts.fct_resultats_indicateurs (SCD2). Une nouvelle
-- version est enregistrée quand la valeur, le numérateur, le dénominateur, la cible ou l'état
-- de la période (terminée ou non) change. L'horodatage vient de date_extraction (jamais de
-- l'horloge) : deux nuits sur les mêmes extraits produisent le même historique.
{{
    config(
        strategy='check',
        unique_key=['indicateur_id', 'periode', 'granularite', 'date_fin'],
        check_cols=['valeur', 'numerateur', 'denominateur', 'cible', 'periode_complete'],
        updated_at='horodatage_publication',
        hard_deletes='ignore',
    )
}}

{#- Horodatage de la nuit : minuit de date_extraction; si l'historique a déjà une version à
    cet instant ou après (nuit relancée pour la même date), une seconde après la plus récente,
    pour que chaque version garde un début distinct. -#}
{%- set horodatage_nuit = dbt.cast(dbt.string_literal(valeur_date_extraction()), api.Column.translate_type('timestamp')) -%}
{%- set historique_existant = load_relation(this) if execute else none -%}

with

resultats as (
    select * from {{ ref('fct_resultats_indicateurs') }}
),

final as (
    select
        indicateur_id,
        nom_abrege,
        periode,
        granularite,
        date_debut,
        date_fin,
        valeur,
        numerateur,
        denominateur,
        cible,
        cible_atteinte,
        periode_complete,
        est_produite,
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
        {%- endif %} as horodatage_publication
    from resultats
)

select * from final

{% endsnapshot %}
