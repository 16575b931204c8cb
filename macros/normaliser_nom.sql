{#
    Normalisation nominative (shared/regles-indicateurs.md, 2.2.1 et 3.1.2) utilisée par
    TOUT rapprochement nominatif du projet : minuscules, accents retirés, ligatures
    développées (œ → oe, æ → ae), traits d'union et apostrophes droites ou courbes remplacés
    par des espaces, espaces multiples réduits, espaces de tête et de fin retirés. Sont aussi
    traités comme apostrophes, traits d'union ou espaces : ʼ (U+02BC), ‐ (U+2010), – (U+2013),
    l'espace insécable (U+00A0) et l'espace fine insécable (U+202F).
    SQL portable (translate, replace, regexp_replace) ; les accents majuscules et minuscules
    sont traduits explicitement pour ne pas dépendre de la collation du moteur.
#}
{% macro normaliser_nom(expression) -%}
    {{ return(adapter.dispatch('normaliser_nom', 'indicateurs_mifi')(expression)) }}
{%- endmacro %}

{% macro default__normaliser_nom(expression) -%}
    trim(regexp_replace(
        translate(
            replace(replace(replace(replace(lower({{ expression }}), 'œ', 'oe'), 'Œ', 'oe'), 'æ', 'ae'), 'Æ', 'ae'),
            'àâäáãåçéèêëíìîïñóòôöõúùûüýÿÀÂÄÁÃÅÇÉÈÊËÍÌÎÏÑÓÒÔÖÕÚÙÛÜÝŸ-''’‘`´ʼ‐–' || chr(160) || chr(8239),
            'aaaaaaceeeeiiiinooooouuuuyyaaaaaaceeeeiiiinooooouuuuyy           '
        ),
        '\s+', ' ', 'g'
    ))
{%- endmacro %}

{# Clé nominative d'une personne : nom, prénom et date de naissance normalisés, séparés par « | ».
   Seule définition de la clé de rapprochement nominatif du projet (2.2.1, 3.1.2). #}
{% macro cle_nominative(nom, prenom, date_naissance) -%}
    ({{ normaliser_nom(nom) }} || '|' || {{ normaliser_nom(prenom) }} || '|'
    || {{ dbt.cast(date_naissance, dbt.type_string()) }})
{%- endmacro %}
