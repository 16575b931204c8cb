{#
    Étapes communes aux tests singuliers des marts (tests/intermediate, tests/marts).
#}

{# Message d'anomalie d'une fenêtre publiée : « <prefixe> <periode> <granularite> au
   <date_fin> : <anomalie>. », une ligne par anomalie non vide de relation_anomalies
   (colonnes periode, granularite, date_fin, anomalie). #}
{% macro messages_anomalies_fenetres(prefixe, relation_anomalies) -%}
    select
        periode,
        granularite,
        date_fin,
        anomalie,
        '{{ prefixe }} ' || periode || ' ' || granularite || ' au ' || cast(date_fin as {{ dbt.type_string() }})
        || ' : ' || anomalie || '.' as message
    from {{ relation_anomalies }}
    where anomalie is not null
{%- endmacro %}

{# Lignes de services PASI non doublons mises de côté pour un motif de quarantaine, dans CERIGES
   puis GSI (base_ceriges__services, base_gsi__services) : systeme_source puis les colonnes
   demandées. #}
{% macro lignes_pasi_ecartees(motif_quarantaine, colonnes=[]) -%}
    {%- for systeme_source, modele in [('CERIGES', 'base_ceriges__services'), ('GSI', 'base_gsi__services')] %}
    select
        '{{ systeme_source }}' as systeme_source
        {%- for colonne in colonnes -%},
        {{ colonne }}
        {%- endfor %}
    from {{ ref(modele) }}
    where not est_doublon and motif_quarantaine = '{{ motif_quarantaine }}'
    {%- if not loop.last %}

    union all
    {% endif -%}
    {%- endfor %}
{%- endmacro %}
