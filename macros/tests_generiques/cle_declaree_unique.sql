{#
    Test générique, sur un modèle base_ : une clé que le contrat déclare unique (id_arrima de
    arrima_clients, no_client, no_inscription, id_rencontre, Identifiant DGTNRI...) n'identifie
    qu'une seule ligne parmi les lignes distinctes (hors doublons, comparées après
    normalisation). Deux lignes de même clé au contenu différent sont une contradiction que le
    staging ne sait pas trancher : erreur, une ligne par clé, avec un message qui nomme le
    fichier, la clé et sa valeur. Les lignes en quarantaine comptent aussi (une copie invalide
    d'une ligne valide est une contradiction).
#}
{% test cle_declaree_unique(model, colonne, fichier=none) %}
    {%- set fichier = fichier_extrait(model, fichier) -%}
    {{ porte_qualite_non_bloquante() }}
    with

    lignes_distinctes as (
        {{ valeurs_hors_doublons(model, colonne) }}
    ),

    en_double as (
        select
            valeur,
            count(*) as nb_lignes
        from lignes_distinctes
        group by valeur
        having count(*) > 1
    ),

    final as (
        select
            valeur,
            nb_lignes,
            'Fichier {{ fichier }} : la clé {{ colonne }} = « ' || valeur || ' » figure sur '
            || cast(nb_lignes as {{ dbt.type_string() }})
            || ' lignes au contenu différent (le contrat la déclare unique) : corriger la source'
            || ' ou réextraire {{ fichier }}.' as message
        from en_double
    )

    select * from final
{% endtest %}
