{#
    Portes de qualité des extraits (seuil de quarantaine, références connues, clés déclarées
    uniques, dates d'évènements, volume) : elles font échouer la construction (et donc la nuit,
    qui ne publie rien), mais ne doivent jamais empêcher `dbt build` de calculer les indicateurs
    à partir des lignes retenues. Un test dbt qui échoue fait sauter les descendants du modèle
    testé; un test qui dépend AUSSI d'un modèle feuille ne fait sauter que les descendants
    communs (aucun). Chaque porte appelle donc cette macro, qui la rattache au modèle feuille
    de la qualité des extraits (fct_reconciliation_extraits) : elle s'exécute après lui et ne
    bloque aucun indicateur.
#}
{% macro porte_qualite_non_bloquante() -%}
    -- depends_on: {{ ref('fct_reconciliation_extraits') }}
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
