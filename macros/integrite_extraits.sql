{#
    Intégrité des extraits dans le staging (aucun chiffre faux en silence) :
    - codes à largeur fixe du contrat complétés par des zéros de tête (région `6` -> `06`);
      les identifiants, eux, ne sont jamais complétés (on ne devine pas un identifiant);
    - doublons exacts comparés après normalisation (espaces et casse, comme les codes);
    - références entre extraits : une ligne enfant dont la clé est inconnue du parent, ou dont
      le parent est en quarantaine, est mise en quarantaine avec un motif.
    Portable DuckDB et PostgreSQL (ltrim à jeu de caractères, lpad, row_number).
#}

{# Code à largeur fixe (ex. région `01`-`17`) : nettoyé comme un code (espaces retirés,
   majuscules, vide -> NULL), puis complété à gauche par des zéros quand il n'a que des
   chiffres et qu'il est plus court que la largeur du contrat (`6`, ` 6 ` -> `06`). Un code
   non numérique ou trop long reste tel quel (et le contrôle de la liste des codes le met en
   quarantaine). #}
{% macro normaliser_code_largeur(expression, largeur) -%}
    {%- set code = nettoyer_code(expression) -%}
    (case
        when
            ltrim({{ code }}, '0123456789') = ''
            and length({{ code }}) < {{ largeur }}
            then lpad({{ code }}, {{ largeur }}, '0')
        else {{ code }}
    end)
{%- endmacro %}

{# Marque les doublons : toutes les lignes identiques sur les colonnes données, après la
   normalisation des codes (espaces de tête et de fin retirés, majuscules, vide -> NULL; codes
   à largeur fixe complétés par des zéros), sauf la première, sont des doublons. Deux lignes
   `OUI`/`Oui`, ` v2`/`V2` ou `6`/`06` (région) sont donc une seule ligne, comptée une fois.
   La même règle s'applique à toutes les colonnes comparées, textes libres compris (un nom
   `Côté`/`CÔTÉ` sur deux lignes par ailleurs identiques : une seule ligne); le générateur
   d'extraits et la validation comptent les doublons de la même façon.
   colonnes : colonnes brutes comparées; largeurs : {colonne: largeur} des codes à largeur
   fixe; ordre : expression qui désigne la première copie, celle qui est retenue (ex. numéro
   de ligne Excel), sinon les valeurs brutes. #}
{% macro est_doublon_exact(colonnes, largeurs={}, ordre=none) -%}
    {%- set expressions = [] -%}
    {%- for colonne in colonnes -%}
        {%- if colonne in largeurs -%}
            {%- do expressions.append(normaliser_code_largeur(colonne, largeurs[colonne])) -%}
        {%- else -%}
            {%- do expressions.append(nettoyer_code(colonne)) -%}
        {%- endif -%}
    {%- endfor -%}
    (row_number() over (
        partition by {{ expressions | join(', ') }}
        order by {{ ordre if ordre else colonnes | join(', ') }}
    ) > 1)
{%- endmacro %}

{# Clés d'un extrait parent, pour contrôler les références d'un extrait enfant : une ligne
   par valeur de la clé, avec est_retenue = 1 quand au moins une ligne de cette clé est
   retenue par le staging (ni doublon ni quarantaine), 0 quand toutes sont en quarantaine.
   modele_parent : le modèle base_ du parent (toutes ses lignes). #}
{% macro cles_parent(modele_parent, colonne) -%}
    select
        {{ colonne }} as cle,
        max(case when not est_doublon and motif_quarantaine is null then 1 else 0 end) as est_retenue
    from {{ modele_parent }}
    where {{ colonne }} is not null
    group by {{ colonne }}
{%- endmacro %}

{# État d'une référence, après jointure à gauche de cles_parent (alias donné) sur la clé :
   NULL si la référence est vide, 'inconnue', 'en quarantaine' ou 'retenue'. #}
{% macro etat_reference(colonne, alias_parent) -%}
    case
        when {{ colonne }} is null then null
        when {{ alias_parent }}.cle is null then 'inconnue'
        when {{ alias_parent }}.est_retenue = 1 then 'retenue'
        else 'en quarantaine'
    end
{%- endmacro %}

{# Motifs de quarantaine d'une référence (branches WHEN d'un CASE motif_quarantaine) :
   « id_arrima inconnu de arrima_clients » (la clé n'existe pas dans le parent : orpheline),
   « id_arrima en quarantaine dans arrima_clients » (le parent existe mais n'est pas retenu :
   l'enfant ne serait de toute façon pas compté, les indicateurs joignent les parents retenus;
   il est mis de côté et compté ici plutôt que de disparaître plus loin). #}
{% macro motifs_reference(colonne_etat, colonne, parent) -%}
    when {{ colonne_etat }} = 'inconnue' then '{{ colonne }} inconnu de {{ parent }}'
            when {{ colonne_etat }} = 'en quarantaine' then '{{ colonne }} en quarantaine dans {{ parent }}'
{%- endmacro %}

{# Doublon exact d'une ligne d'un extrait, d'après le contrat (macro engendrée contrat_extraits()) :
   mêmes valeurs, après nettoyage, sur toutes les colonnes du fichier (numéro de ligne Excel
   exclu; codes à zéros de tête rétablis, « 1 » = « 01 »); dans un classeur, la première ligne
   Excel est l'originale. relation : le source() de l'extrait, laissé littéral dans le modèle. #}
{% macro est_doublon_extrait(relation) -%}
    {%- set extrait = extrait_du_contrat(relation) -%}
    {#- À l'analyse du projet (execute faux), source() ne rend pas encore la vraie relation. -#}
    {%- if extrait is none and execute -%}
        {{ exceptions.raise_compiler_error(
            "est_doublon_extrait : " ~ relation.identifier ~ " absent du contrat des extraits") }}
    {%- elif extrait is none -%}
        false
    {%- else -%}
    {{ est_doublon_exact(
        extrait.colonnes_doublon,
        largeurs=extrait.largeurs,
        ordre=convertir_entier('no_ligne_excel') if extrait.classeur else none,
    ) }}
    {%- endif -%}
{%- endmacro %}

{# Valeurs renseignées d'une colonne d'un modèle base_, une par ligne distincte (doublons exacts
   écartés, lignes en quarantaine gardées), sous le nom valeur : ce que les tests d'extrait
   cle_declaree_unique et references_connues examinent. #}
{% macro valeurs_hors_doublons(model, colonne) -%}
    select {{ colonne }} as valeur
    from {{ model }}
    where
        not est_doublon
        and {{ colonne }} is not null
{%- endmacro %}
