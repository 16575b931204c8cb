{#
    Test générique (règle « Personne immigrante », 2.2.1, 3.1.3 et 5.2.1) : une personne dont le
    pays de naissance est inconnu est comptée comme immigrante (macro est_personne_immigrante;
    sauf statut d'immigration Intimm CITOYEN_CANADIEN là où il existe). Test de dérive, déclaré
    en avertissement : une ligne (par source du pays, si elle est donnée) quand le modèle retenu
    pour l'indicateur compte des personnes sur un pays de naissance inconnu, avec leur nombre et
    celui de leurs lignes; une hausse signale une dégradation de la saisie du pays de naissance.
    nom_lignes : nom des lignes du modèle au pluriel (colonne nb_<nom_lignes> et message);
    source : expression SQL qui nomme la source du pays de naissance (colonne
    source_pays_naissance), facultative; complement : fin du message, facultative.
#}
{% test personnes_sur_pays_inconnu(model, indicateur_id, cle_personne, nom_lignes, source=none, complement='') %}
    {%- set texte = dbt.type_string() -%}
    {%- set singulier = nom_lignes[:-1] -%}
    with

    sur_pays_inconnu as (
        select
            {{ cle_personne }} as cle_personne
            {%- if source is not none %},
            {{ source }} as source_pays_naissance
            {%- endif %}
        from {{ model }}
        where {{ est_pays_naissance_inconnu('pays_naissance') }}
    ),

    comptes as (
        select
            {%- if source is not none %}
            source_pays_naissance,
            {%- endif %}
            count(distinct cle_personne) as nb_personnes,
            count(*) as nb_lignes
        from sur_pays_inconnu
        {%- if source is not none %}
        group by source_pays_naissance
        {%- endif %}
        having count(*) > 0
    ),

    final as (
        select
            '{{ indicateur_id }}' as indicateur_id,
            {%- if source is not none %}
            source_pays_naissance,
            {%- endif %}
            nb_personnes,
            nb_lignes as nb_{{ nom_lignes }},
            '{{ indicateur_id }} : ' || cast(nb_personnes as {{ texte }})
            || ' personne(s) comptée(s) comme immigrante(s) sur un pays de naissance inconnu ('
            {%- if source is not none %}
            || source_pays_naissance || ', '
            {%- endif %}
            || cast(nb_lignes as {{ texte }})
            || ' {{ singulier }}(s)){{ complement | replace("'", "''") }}.' as message
        from comptes
    )

    select * from final
{% endtest %}
