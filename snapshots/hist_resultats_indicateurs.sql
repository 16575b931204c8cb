{% snapshot hist_resultats_indicateurs %}
-- Historique de chaque valeur publiée de marts.fct_resultats_indicateurs (SCD2). Une
-- nouvelle version est enregistrée quand la valeur, le numérateur, le dénominateur, la
-- cible ou l'état de la période (terminée ou non) change. L'horodatage vient de
-- date_extraction (jamais de l'horloge) : deux nuits sur les mêmes extraits produisent le
-- même historique; une nuit relancée pour la même date date ses nouvelles versions une
-- seconde après la plus récente (chaque version garde un début distinct) : macro
-- versions_de_nuit, commune aux historiques.
{{
    config(
        strategy='check',
        unique_key=['indicateur_id', 'periode', 'granularite', 'date_fin'],
        check_cols=['valeur', 'numerateur', 'denominateur', 'cible', 'periode_complete'],
        updated_at='horodatage_publication',
        hard_deletes='ignore',
    )
}}

{{ versions_de_nuit(
    ref('fct_resultats_indicateurs'),
    [
        'indicateur_id', 'nom_abrege', 'periode', 'granularite', 'date_debut', 'date_fin', 'valeur',
        'numerateur', 'denominateur', 'cible', 'cible_atteinte', 'periode_complete', 'est_produite',
    ],
    'horodatage_publication',
) }}
{% endsnapshot %}
