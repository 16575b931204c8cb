{#
    Portes de qualité des extraits (seuil de quarantaine, références connues, clés déclarées
    uniques, dates d'évènements, volume) : elles font échouer la construction (et donc la nuit,
    qui ne publie rien), mais ne doivent jamais empêcher `dbt build` de calculer les indicateurs
    à partir des lignes retenues. Un test dbt qui échoue fait sauter les descendants du modèle
    testé; un test qui dépend AUSSI d'un modèle feuille ne fait sauter que les descendants
    communs. Chaque porte appelle donc cette macro, qui la rattache aussi au modèle
    int_qualite__ancre_portes, sans parent ni descendant : elle ne bloque aucun modèle, et
    aucun test d'un modèle intermédiaire ne peut la faire sauter. Pour la même raison, les tests
    `unique` des clés sur les modèles stg_ sont des avertissements : cle_declaree_unique porte
    l'erreur.
#}
{% macro porte_qualite_non_bloquante() -%}
    -- depends_on: {{ ref('int_qualite__ancre_portes') }}
{%- endmacro %}

{#
    Dépassement du seuil de quarantaine d'un extrait : une part de lignes écartées au-delà de
    var('seuil_quarantaine'), sur au moins var('quarantaine_min_lignes') lignes (quelques lignes
    invalides dans un petit fichier restent un défaut toléré, signalé par la réconciliation),
    ou la moitié du fichier ou plus, quelle que soit sa taille.
#}
{% macro depasse_seuil_quarantaine(nb_ecartees, nb_lignes, seuil) -%}
    (
        {{ nb_ecartees }} > {{ seuil }} * {{ nb_lignes }}
        and (
            {{ nb_ecartees }} >= {{ var('quarantaine_min_lignes') }}
            or 2 * {{ nb_ecartees }} >= {{ nb_lignes }}
        )
    )
{%- endmacro %}
