{#
    Garde-fou des révisions (aucun chiffre faux en silence) : une valeur
    déjà publiée d'une fenêtre terminée qui change de plus de var('seuil_revision') (5 % par
    défaut, en valeur relative) arrête la construction, sauf si la révision est attendue :
    var('accepter_revisions') vraie (la nuit : --accepter-revisions). Les petites révisions
    restent enregistrées dans fct_revisions_indicateurs comme avant, sans erreur.

    Déclaré sur marts.fct_revisions_indicateurs. Seules les révisions de la nuit en cours
    comptent (date_revision à partir de date_extraction : une nuit relancée pour la même date,
    ou republiée pour une date antérieure, date ses versions à partir de la date publiée la
    plus récente) : une révision acceptée une nuit ne bloque pas les nuits suivantes. Une nuit
    relancée pour la même date qu'une révision acceptée doit l'accepter de nouveau.

    Une valeur qui apparaît, disparaît ou quitte zéro est une révision au-delà du seuil.
#}
{% test revisions_sous_seuil(model) %}
    {%- set seuil = var('seuil_revision', 0.05) | float -%}
    {%- set accepter = (var('accepter_revisions', false) | string | trim | lower) in ['true', '1', 'oui', 'yes'] -%}
    with

    revisions as (
        select * from {{ model }}
    ),

    de_la_nuit as (
        select *
        from revisions
        where date_revision >= {{ date_extraction() }}
    ),

    ecarts as (
        select
            *,
            case
                when ancienne_valeur is null and nouvelle_valeur is null then 0
                when ancienne_valeur = 0 and nouvelle_valeur = 0 then 0
                when ancienne_valeur is null or nouvelle_valeur is null or ancienne_valeur = 0 then null
                else abs(nouvelle_valeur - ancienne_valeur) / abs(ancienne_valeur)
            end as ecart_relatif
        from de_la_nuit
    ),

    au_dela_du_seuil as (
        select *
        from ecarts
        where
            (ecart_relatif is null or ecart_relatif > {{ seuil }})
            {%- if accepter %}
                and 1 = 0  -- révisions attendues : accepter_revisions
            {%- endif %}
    ),

    final as (
        select
            indicateur_id,
            periode,
            granularite,
            date_fin,
            ancienne_valeur,
            nouvelle_valeur,
            ecart_relatif,
            'Révision au-delà du seuil de {{ '%g' | format(seuil * 100) }} % : indicateur ' || indicateur_id
            || ', période ' || periode || ', granularité ' || granularite
            || ' (fenêtre terminée du ' || cast(date_debut as {{ dbt.type_string() }})
            || ' au ' || cast(date_fin as {{ dbt.type_string() }})
            || ') : valeur publiée ' || coalesce(cast(ancienne_valeur as {{ dbt.type_string() }}), 'vide')
            || ' (nuit du ' || cast(date_publication_precedente as {{ dbt.type_string() }})
            || '), nouvelle valeur ' || coalesce(cast(nouvelle_valeur as {{ dbt.type_string() }}), 'vide')
            || coalesce(
                ' (écart de ' || cast(cast(round(ecart_relatif * 100) as integer) as {{ dbt.type_string() }})
                || ' %)',
                ''
            )
            || '. Si la révision est attendue (extraits corrigés), relancer la nuit avec '
            || '--accepter-revisions (dbt : --vars ''{accepter_revisions: true}'').' as message
        from au_dela_du_seuil
    )

    select * from final
{% endtest %}
