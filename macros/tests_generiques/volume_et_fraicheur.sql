{#
    Contrôles de volume et de fraîcheur des extraits (images complètes, réextraites chaque nuit).
    Le fichier nommé dans les messages est celui de l'extrait testé, lu dans le contrat
    (macro fichier_extrait); l'argument fichier ne sert qu'hors du contrat.
#}

{# Échoue quand l'extrait a moins de min_lignes lignes (fichier tronqué ou vide). #}
{% test volume_minimal(model, min_lignes, fichier=none) %}
    {%- set fichier = fichier_extrait(model, fichier) -%}
    {{ porte_qualite_non_bloquante() }}
    select
        count(*) as nb_lignes,
        'Fichier {{ fichier }} : ' || cast(count(*) as {{ dbt.type_string() }})
        || ' ligne(s), moins que le minimum attendu de {{ min_lignes }}.' as message
    from {{ model }}
    having count(*) < {{ min_lignes }}
{% endtest %}

{# Échoue (ou avertit) quand la date la plus récente de la colonne est plus vieille que
   jours_max jours avant date_extraction : l'extrait n'a pas été rafraîchi. #}
{% test fraicheur_extrait(model, column_name, jours_max, fichier=none, format_date='AAAA-MM-JJ') %}
    {%- set fichier = fichier_extrait(model, fichier) -%}
    with dates as (
        select max({{ convertir_date(column_name, format_date) }}) as date_max
        from {{ model }}
    )

    select
        date_max,
        'Fichier {{ fichier }} : donnée la plus récente au ' || coalesce(cast(date_max as {{ dbt.type_string() }}), 'aucune date')
        || ', plus de {{ jours_max }} jours avant la date d''extraction {{ valeur_date_extraction() }}.' as message
    from dates
    where date_max is null
        or date_max < {{ dbt.dateadd('day', -jours_max, date_extraction()) }}
{% endtest %}
