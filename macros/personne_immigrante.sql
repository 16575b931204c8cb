{#
    Personne immigrante (2.2.1, 3.1.3, 5.2.1) : toute personne qui n'est pas née au Canada.
    Seule définition du projet; chaque indicateur l'applique par cette macro.
      - pays de naissance connu : immigrante si et seulement s'il diffère de `CAN`;
      - pays de naissance inconnu (vide ou NULL) : immigrante, sauf si son statut connu est
        `CITOYEN_CANADIEN` (on ne peut alors pas établir qu'elle est née hors Canada).
    `statut_immigration` est facultatif : seul Intimm le fournit (2.2.1 n'a pas de statut :
    un pays inconnu y suffit à compter la personne).
    Le nombre de personnes comptées sur un pays inconnu est suivi par des tests de dérive
    (avertissement) : voir est_pays_naissance_inconnu.
#}
{% macro est_personne_immigrante(pays_naissance, statut_immigration=none) -%}
    (case
        when {{ est_pays_naissance_inconnu(pays_naissance) }}
            {%- if statut_immigration is not none %}
            then coalesce(upper(trim({{ statut_immigration }})), '') <> 'CITOYEN_CANADIEN'
            {%- else %}
            then true
            {%- endif %}
        else upper(trim({{ pays_naissance }})) <> 'CAN'
    end)
{%- endmacro %}

{# Pays de naissance inconnu : NULL, ou vide après retrait des espaces. #}
{% macro est_pays_naissance_inconnu(pays_naissance) -%}
    (nullif(trim({{ pays_naissance }}), '') is null)
{%- endmacro %}
