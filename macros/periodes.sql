{#
    Périodes du Plan stratégique. Année financière : du 1er avril au 31 mars, notée
    « 2023-2024 ». Trimestres financiers : T1 avr.-juin, T2 juil.-sept., T3 oct.-déc.,
    T4 janv.-mars. Ces macros sont la seule définition des périodes dans le projet.
#}
{% macro annee_debut_financiere(expression_date) -%}
    (case
        when extract(month from {{ expression_date }}) >= 4
            then cast(extract(year from {{ expression_date }}) as integer)
        else cast(extract(year from {{ expression_date }}) as integer) - 1
    end)
{%- endmacro %}

{% macro libelle_annee_financiere(expression_annee_debut) -%}
    {{ dbt.concat([
        dbt.cast(expression_annee_debut, dbt.type_string()),
        "'-'",
        dbt.cast('(' ~ expression_annee_debut ~ ') + 1', dbt.type_string()),
    ]) }}
{%- endmacro %}

{% macro annee_financiere(expression_date) -%}
    {{ libelle_annee_financiere(annee_debut_financiere(expression_date)) }}
{%- endmacro %}

{#
    Clé d'une fenêtre de calcul en une seule colonne (relation Power BI avec la dimension des
    périodes) : « <periode>|<granularite>|<date_fin AAAA-MM-JJ> », par exemple
    « 2023|cumul_mensuel|2023-03-31 » ou « 2023-2024|annuelle|2024-03-31 ». La période distingue
    déjà l'année civile (2023) de l'année financière (2023-2024). La date est convertie en texte
    ISO (DuckDB; PostgreSQL avec le DateStyle ISO par défaut).
#}
{% macro cle_periode(expression_periode, expression_granularite, expression_date_fin) -%}
    {{ dbt.concat([
        dbt.cast(expression_periode, dbt.type_string()),
        "'|'",
        dbt.cast(expression_granularite, dbt.type_string()),
        "'|'",
        dbt.cast('cast(' ~ expression_date_fin ~ ' as date)', dbt.type_string()),
    ]) }}
{%- endmacro %}

{#
    Fenêtre courante : celle qui contient date_extraction (date_debut <= date_extraction <=
    date_fin). Parmi les fenêtres publiées (commencées) d'une granularité, une seule la
    contient : l'année en cours pour la granularité annuelle, le cumul jusqu'à la fin du
    trimestre ou du mois en cours pour les cumuls. C'est la dernière fenêtre publiée de sa
    granularité.
#}
{% macro est_fenetre_courante(expression_date_debut, expression_date_fin) -%}
    (cast({{ expression_date_debut }} as date) <= {{ date_extraction() }}
    and cast({{ expression_date_fin }} as date) >= {{ date_extraction() }})
{%- endmacro %}

{# Nom français d'un mois (1 à 12), complet (« septembre ») ou abrégé (« sept. »). #}
{% macro nom_mois(expression_no_mois, abrege=false) -%}
    {%- set noms = [
        ('janvier', 'janv.'), ('février', 'févr.'), ('mars', 'mars'), ('avril', 'avr.'),
        ('mai', 'mai'), ('juin', 'juin'), ('juillet', 'juil.'), ('août', 'août'),
        ('septembre', 'sept.'), ('octobre', 'oct.'), ('novembre', 'nov.'), ('décembre', 'déc.'),
    ] -%}
    (case {{ expression_no_mois }}
        {%- for complet, court in noms %}
        when {{ loop.index }} then '{{ court if abrege else complet }}'
        {%- endfor %}
    end)
{%- endmacro %}
