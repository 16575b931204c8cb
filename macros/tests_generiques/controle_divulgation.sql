{#
    Test générique du contrôle de la divulgation (doc controle_divulgation), déclaré sur
    marts.fct_ventilations_indicateurs : pour toute fenêtre de tout indicateur, présent ou futur,
    il compare chaque cellule publiée à la cellule non supprimée dont elle vient (argument
    cellules : int_publication__ventilations) et rend une ligne par violation :
    - suppression primaire : une cellule de moins de var('seuil_petits_effectifs') personnes
      distinctes est supprimée;
    - suppression complémentaire : dans une dimension exclusive, une fenêtre n'a jamais
      exactement une cellule supprimée (sauf si la dimension n'a qu'une cellule);
    - pas de suppression en trop : les seules cellules supprimées au-delà de la suppression
      primaire sont la cellule complémentaire;
    - une cellule supprimée ne publie ni valeur, ni numérateur, ni dénominateur; une cellule
      publiée garde ses valeurs; aucune cellule ne se perd ni ne s'ajoute.
#}
{% test controle_divulgation(model, cellules) %}
    {%- set cle = ['indicateur_id', 'periode', 'granularite', 'date_fin', 'dimension', 'modalite'] -%}
    {%- set seuil = var('seuil_petits_effectifs') -%}
    with

    publiees as (
        select * from {{ model }}
    ),

    brutes as (
        select * from {{ cellules }}
    ),

    jointes as (
        select
            {% for colonne in cle -%}
                coalesce(publiees.{{ colonne }}, brutes.{{ colonne }}) as {{ colonne }},
            {% endfor -%}
            publiees.indicateur_id is null as est_perdue,
            brutes.indicateur_id is null as est_ajoutee,
            coalesce(publiees.est_supprimee, false) as est_supprimee,
            coalesce(brutes.dimension_exclusive, false) as dimension_exclusive,
            brutes.nb_personnes,
            publiees.valeur,
            publiees.numerateur,
            publiees.denominateur,
            brutes.valeur as valeur_brute,
            brutes.numerateur as numerateur_brut,
            brutes.denominateur as denominateur_brut,
            coalesce(brutes.nb_personnes < {{ seuil }}, false) as est_sous_seuil
        from publiees
        full outer join brutes
            on
            {% for colonne in cle %}
                publiees.{{ colonne }} = brutes.{{ colonne }}
                {%- if not loop.last %} and{% endif %}
            {% endfor %}
    ),

    fenetres_dimensions as (
        select
            indicateur_id,
            periode,
            granularite,
            date_fin,
            dimension,
            max(case when dimension_exclusive then 1 else 0 end) as est_exclusive,
            count(*) as nb_cellules,
            sum(case when est_supprimee then 1 else 0 end) as nb_supprimees,
            sum(case when est_sous_seuil then 1 else 0 end) as nb_sous_seuil
        from jointes
        group by
            indicateur_id,
            periode,
            granularite,
            date_fin,
            dimension
    ),

    violations_cellules as (
        select
            indicateur_id,
            periode,
            date_fin,
            dimension,
            modalite,
            case
                when est_perdue then 'cellule calculée absente de la publication'
                when est_ajoutee then 'cellule publiée sans cellule calculée'
                when est_sous_seuil and not est_supprimee
                    then 'suppression primaire manquante : cellule de moins de {{ seuil }} personnes publiée'
                when
                    est_supprimee
                    and (valeur is not null or numerateur is not null or denominateur is not null)
                    then 'cellule supprimée qui publie une valeur'
                when
                    not est_supprimee
                    and (
                        coalesce(valeur, -1) != coalesce(valeur_brute, -1)
                        or coalesce(numerateur, -1) != coalesce(numerateur_brut, -1)
                        or coalesce(denominateur, -1) != coalesce(denominateur_brut, -1)
                    )
                    then 'cellule publiée dont la valeur diffère de la valeur calculée'
            end as motif
        from jointes
    ),

    violations_fenetres as (
        select
            indicateur_id,
            periode,
            date_fin,
            dimension,
            cast(null as {{ dbt.type_string() }}) as modalite,
            case
                when est_exclusive = 1 and nb_cellules > 1 and nb_supprimees = 1
                    then 'suppression complémentaire manquante : une seule cellule supprimée dans une dimension exclusive'
                when
                    nb_supprimees
                    > nb_sous_seuil + case when est_exclusive = 1 and nb_sous_seuil = 1 then 1 else 0 end
                    then 'cellules supprimées au-delà des suppressions primaire et complémentaire'
            end as motif
        from fenetres_dimensions
    ),

    violations as (
        select * from violations_cellules
        where motif is not null
        union all
        select * from violations_fenetres
        where motif is not null
    )

    select * from violations
{% endtest %}
