{#
    Jointure des fenêtres publiées d'un indicateur (fenetres_indicateur) à ses activités, écrite
    une fois : à gauche avec agrégats pour les résultats (agreger_par_fenetre), interne sur les
    fenêtres annuelles pour les ventilations (activites_par_fenetre_annuelle).
#}

{# Activités rattachées à chaque fenêtre annuelle publiée d'un indicateur (une ligne par
   activité et par année qu'elle touche), base des ventilations annuelles : colonnes periode,
   granularite, date_debut, date_fin de la fenêtre (alias `fenetres`), puis les expressions
   `colonnes`, qualifiées par le nom de la relation des activités (elles peuvent lire la
   fenêtre, ex. fenetres.date_debut). Jointure interne : une année sans activité n'a pas de
   ligne. Rattachement par chevauchement de [expression_debut, expression_fin] (par défaut
   expression_fin = expression_debut, événement ponctuel), ou par la condition `jointure`. #}
{% macro activites_par_fenetre_annuelle(
    indicateur_id, relation_activites, colonnes, expression_debut=none, expression_fin=none, jointure=none
) -%}
    {%- set condition = jointure or chevauche_fenetre(
        relation_activites ~ '.' ~ expression_debut,
        relation_activites ~ '.' ~ (expression_fin or expression_debut),
    ) -%}
    {{ joindre_fenetres_activites(indicateur_id, relation_activites, relation_activites, colonnes, condition) }}
    where fenetres.granularite = 'annuelle'
{%- endmacro %}

{# Jointure des fenêtres publiées d'un indicateur (fenetres_indicateur, alias `fenetres`) aux
   activités (relation_activites, aliasée alias_activites) selon `condition` : colonnes periode,
   granularite, date_debut, date_fin de la fenêtre, puis les expressions `colonnes`. Jointure
   interne (`inner`) ou à gauche (`left`). Base de activites_par_fenetre_annuelle et de
   agreger_par_fenetre. #}
{% macro joindre_fenetres_activites(
    indicateur_id, relation_activites, alias_activites, colonnes, condition, jointure='inner'
) -%}
    select
        fenetres.periode,
        fenetres.granularite,
        fenetres.date_debut,
        fenetres.date_fin,
        {%- for colonne in colonnes %}
        {{ colonne }}{{ ',' if not loop.last }}
        {%- endfor %}
    from ({{ fenetres_indicateur(indicateur_id) }}) as fenetres
    {{ jointure }} join {{ relation_activites }} as {{ alias_activites }}
        on {{ condition }}
{%- endmacro %}

{# Agrégats par fenêtre publiée d'un indicateur (fenetres_indicateur) : chaque fenêtre, jointe
   à gauche aux activités (alias `activites`; une CTE ou un ref()) qui la chevauchent
   ([expression_debut, expression_fin], par défaut un événement ponctuel à expression_debut),
   rend periode, granularite, date_debut, date_fin puis les expressions `agregats` (liste), sur
   une ligne même sans activité. #}
{% macro agreger_par_fenetre(indicateur_id, relation_activites, agregats, expression_debut, expression_fin=none) -%}
    {%- set condition = chevauche_fenetre(
        'activites.' ~ expression_debut, 'activites.' ~ (expression_fin or expression_debut)
    ) -%}
    {{ joindre_fenetres_activites(indicateur_id, relation_activites, 'activites', agregats, condition, jointure='left') }}
    group by
        fenetres.periode,
        fenetres.granularite,
        fenetres.date_debut,
        fenetres.date_fin
{%- endmacro %}
