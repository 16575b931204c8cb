{#
    Confidentialité (docs/controle_divulgation.md et contrat de publication) : aucune relation du schéma marts ne
    contient de nom, prénom, date de naissance ni identifiant de personne d'un système source.
    Liste des colonnes interdites : var('colonnes_personnelles_interdites') ou la liste ci-dessous.
#}
{% macro colonnes_personnelles_interdites() -%}
    {{ return([
        'nom', 'prenom', 'date_naissance', 'no_client', 'no_candidat', 'no_dossier',
        'id_personne', 'id_arrima', 'no_declaration', 'no_inscription', 'id_inscription_aq',
        'id_rencontre', 'id_accompagnement', 'id_aide', 'matricule_agent', 'cle_personne',
        'nom_normalise', 'prenom_normalise',
    ]) }}
{%- endmacro %}

{#
    Crochet post-construction appliqué à tout le dossier models/marts (dbt_project.yml) :
    un modèle de marts présent ou futur qui exposerait une colonne personnelle fait échouer
    sa construction, avec un message en français.
#}
{% macro verifier_aucune_donnee_personnelle(relation) -%}
    {%- if execute -%}
        {%- set interdites = colonnes_personnelles_interdites() -%}
        {%- set trouvees = [] -%}
        {%- for colonne in adapter.get_columns_in_relation(relation) -%}
            {%- if colonne.name | lower in interdites -%}
                {%- do trouvees.append(colonne.name) -%}
            {%- endif -%}
        {%- endfor -%}
        {%- if trouvees | length > 0 -%}
            {{ exceptions.raise_compiler_error(
                "Confidentialité : la relation " ~ relation ~ " du schéma marts expose des "
                ~ "renseignements personnels (" ~ (trouvees | join(', ')) ~ "). Retirez ces colonnes."
            ) }}
        {%- endif -%}
    {%- endif -%}
    select 1
{%- endmacro %}
