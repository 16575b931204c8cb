{#
    Test générique : la combinaison de colonnes est unique (clé composée).
    Échoue avec une ligne par combinaison en double.
#}
{% test cle_unique(model, colonnes) %}
    select
        {{ colonnes | join(', ') }},
        count(*) as nb_lignes,
        'Clé en double dans {{ model.identifier }} : ({{ colonnes | join(', ') }})' as message
    from {{ model }}
    group by {{ colonnes | join(', ') }}
    having count(*) > 1
{% endtest %}
