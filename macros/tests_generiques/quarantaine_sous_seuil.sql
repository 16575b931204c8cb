{#
    Test générique, sur un modèle base_ (toutes les lignes brutes d'un extrait, typées, avec
    est_doublon et motif_quarantaine) : échoue quand la part des lignes mises en quarantaine
    dépasse le seuil (var seuil_quarantaine, 2 % par défaut). Le message nomme le fichier.
#}
{% test quarantaine_sous_seuil(model, fichier, seuil=none) %}
    {%- set seuil_applique = seuil if seuil is not none else var('seuil_quarantaine') -%}
    with comptes as (
        select
            count(*) as nb_lignes,
            sum(case when motif_quarantaine is not null then 1 else 0 end) as nb_quarantaine
        from {{ model }}
    )

    select
        nb_lignes,
        nb_quarantaine,
        'Fichier {{ fichier }} : ' || cast(nb_quarantaine as {{ dbt.type_string() }})
        || ' ligne(s) en quarantaine sur ' || cast(nb_lignes as {{ dbt.type_string() }})
        || ', au-delà du seuil toléré de {{ (seuil_applique * 100) | round(2) }} %.' as message
    from comptes
    where nb_quarantaine > {{ seuil_applique }} * nb_lignes
{% endtest %}
