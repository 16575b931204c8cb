{% snapshot hist_intimm__inscriptions %}
-- Historique des statuts des inscriptions Intimm (SCD2) : une nouvelle version quand le
-- statut de l'inscription ou le nombre de journées de présence change (désistement puis
-- reprise, abandon, fin de cours...). L'extrait ne montre que le statut courant : seul cet
-- historique garde les statuts antérieurs. Horodatage tiré de date_extraction, jamais de
-- l'horloge (une seconde après la version la plus récente si la nuit est relancée) :
-- macro versions_de_nuit, commune aux historiques.
{{
    config(
        strategy='check',
        unique_key='no_inscription',
        check_cols=['statut_inscription', 'jours_presence'],
        updated_at='horodatage_extraction',
        hard_deletes='ignore',
    )
}}

{{ versions_de_nuit(
    ref('stg_intimm__inscriptions'),
    ['no_inscription', 'statut_inscription', 'jours_presence'],
    'horodatage_extraction',
) }}
{% endsnapshot %}
