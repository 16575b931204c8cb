{#
    Contrôle de la divulgation des ventilations (doc controle_divulgation).

    Entrée : une relation de cellules NON supprimées (colonnes de colonnes_cellules_ventilations :
    indicateur_id, periode, granularite, date_debut, date_fin, dimension, modalite, valeur,
    numerateur, denominateur, nb_personnes, dimension_exclusive), produite par les modèles
    int_<domaine>__ventilations_<indicateur> et réunie dans int_publication__ventilations.

    1. Suppression primaire : une cellule de moins de var('seuil_petits_effectifs') personnes
       distinctes (nb_personnes) est supprimée. nb_personnes vide : l'unité n'est pas une
       personne (6.1.1, services numériques), jamais supprimée.
    2. Suppression complémentaire : dans une dimension exclusive (chaque unité comptée dans une
       seule modalité, les cellules s'additionnent au total), une fenêtre n'a jamais exactement
       une cellule supprimée : la plus petite autre cellule (moins de personnes, puis plus petite
       valeur, puis code de modalité dans l'ordre des octets, le même dans DuckDB et PostgreSQL)
       est supprimée aussi.
    Une cellule supprimée est publiée sans valeur, numérateur ni dénominateur.
#}
{% macro est_sous_seuil_de_divulgation(nb_personnes) -%}
    ({{ nb_personnes }} is not null and {{ nb_personnes }} < {{ var('seuil_petits_effectifs') }})
{%- endmacro %}

{% macro controler_divulgation(relation_cellules) -%}
    {%- set fenetre_dimension -%}
        partition by
            cellules.indicateur_id,
            cellules.periode,
            cellules.granularite,
            cellules.date_fin,
            cellules.dimension
    {%- endset -%}
    select
        classees.indicateur_id,
        classees.periode,
        classees.granularite,
        classees.date_debut,
        classees.date_fin,
        classees.dimension,
        classees.modalite,
        case when not classees.est_supprimee then classees.valeur end as valeur,
        case when not classees.est_supprimee then classees.numerateur end as numerateur,
        case when not classees.est_supprimee then classees.denominateur end as denominateur,
        classees.est_supprimee,
        classees.dimension_exclusive
    from (
        select
            primaires.*,
            primaires.est_supprimee_primaire
            or (
                primaires.dimension_exclusive
                and primaires.nb_supprimees_primaires = 1
                and primaires.rang_parmi_publiees = 1
            ) as est_supprimee
        from (
            select
                cellules.*,
                {{ est_sous_seuil_de_divulgation('cellules.nb_personnes') }} as est_supprimee_primaire,
                sum(case when {{ est_sous_seuil_de_divulgation('cellules.nb_personnes') }} then 1 else 0 end)
                    over ({{ fenetre_dimension }}) as nb_supprimees_primaires,
                row_number() over (
                    {{ fenetre_dimension }}
                    order by
                        case when {{ est_sous_seuil_de_divulgation('cellules.nb_personnes') }} then 1 else 0 end,
                        cellules.nb_personnes,
                        coalesce(cellules.denominateur, cellules.valeur),
                        {{ texte_tri_binaire("cellules.modalite") }}
                ) as rang_parmi_publiees
            from {{ relation_cellules }} as cellules
        ) as primaires
    ) as classees
{%- endmacro %}
