{% snapshot hist_resultats_indicateurs %}
    -- Historique de chaque valeur publiée de marts.fct_resultats_indicateurs (SCD2). Une
    -- nouvelle version est enregistrée quand la valeur, le numérateur, le dénominateur, la
    -- cible ou l'état de la période (terminée ou non) change. L'horodatage vient de
    -- date_extraction (jamais de l'horloge) : deux nuits sur les mêmes extraits produisent le
    -- même historique; une nuit relancée pour la même date date ses nouvelles versions une
    -- seconde après la plus récente (chaque version garde un début distinct) : macro
    -- ctes_horodatage_nuit, commune aux historiques.
    {{
        config(
            strategy='check',
            unique_key=['indicateur_id', 'periode', 'granularite', 'date_fin'],
            check_cols=['valeur', 'numerateur', 'denominateur', 'cible', 'periode_complete'],
            updated_at='horodatage_publication',
            hard_deletes='ignore',
        )
    }}

    with

    resultats as (
        select * from {{ ref('fct_resultats_indicateurs') }}
    ),

    {{ ctes_horodatage_nuit('horodatage_publication') }},

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
