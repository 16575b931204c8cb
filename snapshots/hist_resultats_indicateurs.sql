{% snapshot hist_resultats_indicateurs %}
    -- Historique de chaque valeur publiée de marts.fct_resultats_indicateurs (SCD2). Une
    -- nouvelle version est enregistrée quand la valeur, le numérateur, le dénominateur, la
    -- cible ou l'état de la période (terminée ou non) change. L'horodatage vient de
    -- date_extraction (jamais de l'horloge) : deux nuits sur les mêmes extraits produisent le
    -- même historique; une nuit relancée pour la même date date ses nouvelles versions une
    -- seconde après la plus récente (chaque version garde un début distinct).
    {{
        config(
            strategy='check',
            unique_key=['indicateur_id', 'periode', 'granularite', 'date_fin'],
            check_cols=['valeur', 'numerateur', 'denominateur', 'cible', 'periode_complete'],
            updated_at='horodatage_publication',
            hard_deletes='ignore',
        )
    }}
    {%- set horodatage_nuit = dbt.cast(
        dbt.string_literal(valeur_date_extraction()), api.Column.translate_type('timestamp')
    ) -%}
    {%- set historique_existant = load_relation(this) if execute else none %}

    with

    resultats as (
        select * from {{ ref('fct_resultats_indicateurs') }}
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
            ) as horodatage_publication
        from dernieres_versions
    ),

    final as (
        select
            resultats.indicateur_id,
            resultats.nom_abrege,
            resultats.periode,
            resultats.granularite,
            resultats.date_debut,
            resultats.date_fin,
            resultats.valeur,
            resultats.numerateur,
            resultats.denominateur,
            resultats.cible,
            resultats.cible_atteinte,
            resultats.periode_complete,
            resultats.est_produite,
            nuit.horodatage_publication
        from resultats
        cross join nuit
    )

    select * from final
{% endsnapshot %}
