{#
    Évènements enregistrés datés après la date d'extraction (aucun chiffre faux en
    silence). Un service rendu, une rencontre, un dépôt, une décision, une
    évaluation, une inscription ou un début d'accompagnement est enregistré après coup : daté
    après date_extraction, il révèle une --date-extraction erronée (nuit lancée avec une date
    trop ancienne) ou des extraits d'une autre date. Ne s'applique pas aux dates planifiées
    (cours à venir, fin prévue d'un accompagnement).

    Deux variantes, déclarées sur la colonne de date de la source :
    - au-delà de la tolérance (défaut, sévérité erreur) : dates postérieures de plus de
      var('tolerance_dates_futures_jours') jours (7 par défaut) à date_extraction;
    - dans_tolerance: true (à déclarer avec severity: warn) : dates postérieures d'au plus
      autant de jours (saisie anticipée, décalage de fuseau) : comptées en avertissement.

    Une ligne par test en échec : nombre de dates, la plus tardive, message en français qui
    nomme le fichier (lu dans le contrat, macro fichier_extrait) et la colonne. Les dates
    illisibles sont laissées à la quarantaine.
#}
{% test dates_evenements_futures(model, column_name, fichier=none, format_date='AAAA-MM-JJ', dans_tolerance=false) %}
    {%- set fichier = fichier_extrait(model, fichier) -%}
    {%- set tolerance = var('tolerance_dates_futures_jours', 7) | int -%}
    {%- set limite = dbt.dateadd('day', tolerance, date_extraction()) -%}
    {{ porte_qualite_non_bloquante() }}
    with

    source_dates as (
        select {{ convertir_date(column_name, format_date) }} as date_evenement
        from {{ model }}
    ),

    futures as (
        select date_evenement
        from source_dates
        where
        {%- if dans_tolerance %}
            date_evenement > {{ date_extraction() }}
            and date_evenement <= {{ limite }}
        {%- else %}
            date_evenement > {{ limite }}
        {%- endif %}
    ),

    bilan as (
        select
            count(*) as nb_dates,
            max(date_evenement) as date_max
        from futures
    ),

    final as (
        select
            nb_dates,
            date_max,
            'Fichier {{ fichier }}, colonne {{ column_name }} : '
            || cast(nb_dates as {{ dbt.type_string() }})
            || ' date(s) postérieure(s) à la date d''extraction {{ valeur_date_extraction() }}'
            {%- if dans_tolerance %}
                || ', dans la tolérance de {{ tolerance }} jour(s) (la plus tardive : '
                || cast(date_max as {{ dbt.type_string() }})
                || ') : comptées, à vérifier (saisie anticipée ?).'
            {%- else %}
                || ' de plus de {{ tolerance }} jour(s) (la plus tardive : '
                || cast(date_max as {{ dbt.type_string() }})
                || ') : un évènement enregistré ne peut pas être daté dans l''avenir. '
                || 'Vérifier la date d''extraction de la nuit (--date-extraction) ou réextraire '
                || 'le fichier (tolérance : variable dbt tolerance_dates_futures_jours).'
            {%- endif %} as message
        from bilan
        where nb_dates > 0
    )

    select * from final
{% endtest %}
