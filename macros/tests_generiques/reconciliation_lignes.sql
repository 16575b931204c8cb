{#
    Test générique « rien ne disparaît en silence » : pour un extrait, les lignes brutes de la
    source = lignes retenues (modèle stg_) + doublons exacts + lignes en quarantaine
    (modèle base_). S'applique au modèle stg_ ; message en français nommant le fichier.
#}
{% test reconciliation_lignes(model, modele_base, nom_source, nom_table, fichier=none) %}
    {%- set fichier = fichier_extrait(model, fichier) -%}
    with brutes as (
        select count(*) as nb from {{ source(nom_source, nom_table) }}
    ),

    controlees as (
        select
            sum(case when est_doublon then 1 else 0 end) as nb_doublons,
            sum(case when not est_doublon and motif_quarantaine is not null then 1 else 0 end)
                as nb_quarantaine
        from {{ modele_base }}
    ),

    retenues as (
        select count(*) as nb from {{ model }}
    )

    select
        brutes.nb as nb_brutes,
        retenues.nb as nb_retenues,
        controlees.nb_doublons,
        controlees.nb_quarantaine,
        'Fichier {{ fichier }} : ' || cast(brutes.nb as {{ dbt.type_string() }})
        || ' lignes brutes mais ' || cast(retenues.nb as {{ dbt.type_string() }})
        || ' retenues + ' || cast(coalesce(controlees.nb_doublons, 0) as {{ dbt.type_string() }})
        || ' doublons + ' || cast(coalesce(controlees.nb_quarantaine, 0) as {{ dbt.type_string() }})
        || ' en quarantaine : des lignes ont disparu ou ont été comptées deux fois.' as message
    from brutes
    cross join controlees
    cross join retenues
    where brutes.nb
        <> retenues.nb + coalesce(controlees.nb_doublons, 0) + coalesce(controlees.nb_quarantaine, 0)
{% endtest %}
