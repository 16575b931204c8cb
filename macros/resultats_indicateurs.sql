{#
    Mécanique commune à tous les marts d'indicateurs : une seule définition des fenêtres
    publiées, des cibles, de la donnée de référence, de l'atteinte et des périodes non produites.

    Usage type dans models/marts/<domaine>/fct_resultats_<id>.sql (dénombrement; pour une
    proportion, resultats_proportion) :

        with
        participations as (select * from {{ ref('int_...') }}),
        final as (
            {{ resultats_denombrement(
                '5.2.1', 'participations', 'no_client', 'date_debut_cours', 'date_fin_cours'
            ) }}
        )
        select * from final
#}

{# Fenêtres publiées pour un indicateur : son type de période (civile/financière), la
   granularité annuelle et sa granularité de cumul, limitées aux fenêtres commencées à
   date_extraction. Colonnes : periode, granularite, sous_periode, date_debut, date_fin,
   date_debut_sous_periode, periode_complete. #}
{% macro fenetres_indicateur(indicateur_id) -%}
    select
        periodes.periode,
        periodes.granularite,
        periodes.sous_periode,
        periodes.date_debut,
        periodes.date_fin,
        periodes.date_debut_sous_periode,
        periodes.periode_complete
    from {{ ref('int_calendrier__periodes') }} as periodes
    inner join {{ ref('indicateurs') }} as indicateurs
        on
            periodes.type_periode = indicateurs.type_periode
            and periodes.granularite in ('annuelle', indicateurs.granularite_cumul)
    where
        indicateurs.indicateur_id = '{{ indicateur_id }}'
        and periodes.est_commencee
{%- endmacro %}

{# Condition de chevauchement entre une activité [debut, fin] et la fenêtre courante
   (alias `fenetres`) : l'activité compte dans toute fenêtre qu'elle touche.
   Pour un événement ponctuel, passer la même date deux fois. #}
{% macro chevauche_fenetre(expression_debut, expression_fin, alias_fenetres='fenetres') -%}
    ({{ expression_debut }} <= {{ alias_fenetres }}.date_fin
    and {{ expression_fin }} >= {{ alias_fenetres }}.date_debut)
{%- endmacro %}

{# Dénombrement de clés distinctes par fenêtre (agreger_par_fenetre) : des personnes (2.2.1,
   3.1.1, 3.1.2, 5.2.1, candidats de 1.1.1) ou des déclarations d'intérêt (1.1.1, clé
   no_declaration); 0 pour une fenêtre sans activité. Rend les colonnes attendues par
   completer_resultats. #}
{% macro compter_personnes_par_fenetre(indicateur_id, relation_activites, cle_personne, expression_debut, expression_fin=none) -%}
    {{ agreger_par_fenetre(indicateur_id, relation_activites, [
        'cast(count(distinct activites.' ~ cle_personne ~ ') as ' ~ type_double() ~ ') as valeur',
        'cast(null as ' ~ type_double() ~ ') as numerateur',
        'cast(null as ' ~ type_double() ~ ') as denominateur',
    ], expression_debut, expression_fin) }}
{%- endmacro %}

{# Proportion par fenêtre (agreger_par_fenetre; 3.1.3, 6.1.1) : dénominateur, les activités
   (clé cle_denominateur, non nulle) qui chevauchent la fenêtre; numérateur, celles d'entre elles
   qui remplissent condition_numerateur (expression sur l'alias `activites`). Fenêtre sans
   activité : numérateur et dénominateur à 0, valeur vide (jamais 0 %). Rend les colonnes
   attendues par completer_resultats. #}
{% macro compter_proportion_par_fenetre(
    indicateur_id, relation_activites, cle_denominateur, condition_numerateur, expression_debut, expression_fin=none
) -%}
    select
        periode,
        granularite,
        date_debut,
        date_fin,
        numerateur / nullif(denominateur, 0) as valeur,
        numerateur,
        denominateur
    from (
        {{ agreger_par_fenetre(indicateur_id, relation_activites, [
            'cast(sum(case when ' ~ condition_numerateur ~ ' then 1 else 0 end) as ' ~ type_double() ~ ') as numerateur',
            'cast(count(activites.' ~ cle_denominateur ~ ') as ' ~ type_double() ~ ') as denominateur',
        ], expression_debut, expression_fin) }}
    ) as comptes
{%- endmacro %}

{# Complète les valeurs calculées d'un indicateur (relation avec periode, granularite,
   date_debut, date_fin, valeur, numerateur, denominateur) : nom abrégé, cible, atteinte,
   période complète, période produite, donnée de référence et écart à la cible.
   Une période non produite (seed periodes_non_produites) garde sa ligne, valeur vide. #}
{% macro completer_resultats(indicateur_id, relation_valeurs) -%}
    select
        cast('{{ indicateur_id }}' as {{ dbt.type_string() }}) as indicateur_id,
        indicateurs.nom_abrege,
        valeurs.periode,
        valeurs.granularite,
        cast(valeurs.date_debut as date) as date_debut,
        cast(valeurs.date_fin as date) as date_fin,
        cast(case when non_produites.indicateur_id is null then valeurs.valeur end as {{ type_double() }})
            as valeur,
        cast(case when non_produites.indicateur_id is null then valeurs.numerateur end as {{ type_double() }})
            as numerateur,
        cast(case when non_produites.indicateur_id is null then valeurs.denominateur end as {{ type_double() }})
            as denominateur,
        cast(cibles.cible as {{ type_double() }}) as cible,
        case
            when
                valeurs.granularite = 'annuelle'
                and cibles.cible is not null
                and valeurs.valeur is not null
                and non_produites.indicateur_id is null
                and cast(valeurs.date_fin as date) <= {{ date_extraction() }}
                then valeurs.valeur >= cibles.cible
        end as cible_atteinte,
        cast(valeurs.date_fin as date) <= {{ date_extraction() }} as periode_complete,
        non_produites.indicateur_id is null as est_produite,
        cast(reference.valeur as {{ type_double() }}) as valeur_reference,
        cast(
            case when non_produites.indicateur_id is null then valeurs.valeur - cibles.cible end
            as {{ type_double() }}
        ) as ecart_cible
    from {{ relation_valeurs }} as valeurs
    inner join {{ ref('indicateurs') }} as indicateurs
        on indicateurs.indicateur_id = '{{ indicateur_id }}'
    left join {{ ref('cibles_indicateurs') }} as cibles
        on
            cibles.indicateur_id = '{{ indicateur_id }}'
            and cibles.periode = valeurs.periode
    left join {{ ref('donnees_reference') }} as reference
        on reference.indicateur_id = '{{ indicateur_id }}'
    left join {{ ref('periodes_non_produites') }} as non_produites
        on
            non_produites.indicateur_id = '{{ indicateur_id }}'
            and non_produites.periode = valeurs.periode
            and non_produites.granularite = valeurs.granularite
            and non_produites.date_fin = cast(valeurs.date_fin as date)
{%- endmacro %}

{# Résultats d'un indicateur de dénombrement (compter_personnes_par_fenetre puis
   completer_resultats) : tout le corps d'un mart fct_resultats_<id>. #}
{% macro resultats_denombrement(indicateur_id, relation_activites, cle_personne, expression_debut, expression_fin=none) -%}
    {%- set valeurs = compter_personnes_par_fenetre(
        indicateur_id, relation_activites, cle_personne, expression_debut, expression_fin
    ) -%}
    {{ completer_resultats(indicateur_id, '(' ~ valeurs ~ '\n)') }}
{%- endmacro %}

{# Résultats d'un indicateur de proportion (compter_proportion_par_fenetre puis
   completer_resultats) : tout le corps d'un mart fct_resultats_<id>. #}
{% macro resultats_proportion(
    indicateur_id, relation_activites, cle_denominateur, condition_numerateur, expression_debut, expression_fin=none
) -%}
    {%- set valeurs = compter_proportion_par_fenetre(
        indicateur_id, relation_activites, cle_denominateur, condition_numerateur, expression_debut, expression_fin
    ) -%}
    {{ completer_resultats(indicateur_id, '(' ~ valeurs ~ '\n)') }}
{%- endmacro %}

{# Mise en format « long » des ventilations : une branche union all par dimension, avec les
   colonnes (periode, granularite, date_debut, date_fin, dimension, modalite, cle_personne)
   qu'attend compter_ventilations. dimensions : une liste (la colonne porte le nom de la
   dimension) ou un dictionnaire dimension -> colonne (ordre conservé).
   colonnes_supplementaires : colonnes recopiées telles quelles (unité comptée, réussite...). #}
{% macro depivoter_dimensions(relation, dimensions, cle_personne='cle_personne', colonnes_supplementaires=[]) -%}
    {%- set paires = dimensions.items() if dimensions is mapping else zip(dimensions, dimensions) -%}
    {%- for dimension, colonne in paires %}
    select
        periode,
        granularite,
        date_debut,
        date_fin,
        '{{ dimension }}' as dimension,
        {{ colonne }} as modalite,
        {%- for supplementaire in colonnes_supplementaires %}
        {{ supplementaire }},
        {%- endfor %}
        {{ cle_personne }} as cle_personne
    from {{ relation }}
    {%- if not loop.last %}

    union all
{% endif %}
    {%- endfor %}
{%- endmacro %}

{# Cellules de ventilation d'un dénombrement (non supprimées : le contrôle de la divulgation
   se fait à la publication, macro controler_divulgation). Entrée : une relation « longue »
   (periode, granularite, date_debut, date_fin, dimension, modalite, cle_personne et, si
   l'unité n'est pas la personne, la colonne cle_unite). valeur : unités distinctes de la
   cellule (personnes, ou déclarations pour 1.1.1); nb_personnes : personnes distinctes.
   dimensions_exclusives : les dimensions où chaque unité tombe dans une seule modalité par
   fenêtre (les cellules s'additionnent au total).
   Les couples (cellule, unité) sont d'abord dédoublonnés (DISTINCT), puis comptés : même
   résultat que count(distinct) par cellule, mais le DISTINCT peut déborder sur disque, alors
   que count(distinct) sur des dizaines de millions de lignes (échelle 10) épuisait la mémoire
   de DuckDB. #}
{% macro compter_ventilations(indicateur_id, relation_longue, dimensions_exclusives, cle_unite=none) -%}
    {%- set comptes -%}
    (
        select
            periode,
            granularite,
            date_debut,
            date_fin,
            dimension,
            modalite,
            count({{ cle_unite or 'cle_personne' }}) as valeur,
            cast(null as {{ type_double() }}) as numerateur,
            cast(null as {{ type_double() }}) as denominateur,
            {#- Une unité (déclaration) appartient à une seule personne : les lignes distinctes
                comptent les unités; les personnes se comptent alors en distinct. #}
            count({{ 'distinct ' if cle_unite }}cle_personne) as nb_personnes
        from (
            select distinct
                {{ colonnes_cle_cellule() }},
                {% if cle_unite %}{{ cle_unite }},{% endif %}
                cle_personne
            from {{ relation_longue }}
        ) as unites_par_cellule
        group by 1, 2, 3, 4, 5, 6
    )
    {%- endset -%}
    {{ finaliser_cellules(indicateur_id, comptes, dimensions_exclusives) }}
{%- endmacro %}

{# Clé d'une cellule de ventilation, à grouper par position (group by 1, 2, 3, 4, 5, 6) : la
   fenêtre (dates en date), la dimension et la modalité, `inconnu` quand elle est vide. #}
{% macro colonnes_cle_cellule() -%}
    periode,
    granularite,
    cast(date_debut as date) as date_debut,
    cast(date_fin as date) as date_fin,
    dimension,
    coalesce(modalite, 'inconnu') as modalite
{%- endmacro %}

{# Cellules de ventilation dans la forme qu'attend la publication (colonnes_cellules_ventilations) :
   l'indicateur, la fenêtre et la cellule, valeur (expression_valeur, par défaut la colonne
   valeur), numerateur, denominateur et nb_personnes en réels, drapeau dimension_exclusive.
   Entrée : une relation (CTE, ou sous-requête entre parenthèses) avec periode, granularite,
   date_debut, date_fin, dimension, modalite, numerateur, denominateur, nb_personnes et, sans
   expression_valeur, valeur. #}
{% macro finaliser_cellules(indicateur_id, relation_cellules, dimensions_exclusives, expression_valeur='valeur') -%}
    select
        cast('{{ indicateur_id }}' as {{ dbt.type_string() }}) as indicateur_id,
        periode,
        granularite,
        cast(date_debut as date) as date_debut,
        cast(date_fin as date) as date_fin,
        dimension,
        modalite,
        cast({{ expression_valeur }} as {{ type_double() }}) as valeur,
        cast(numerateur as {{ type_double() }}) as numerateur,
        cast(denominateur as {{ type_double() }}) as denominateur,
        cast(nb_personnes as {{ type_double() }}) as nb_personnes,
        {{ est_dimension_exclusive('dimension', dimensions_exclusives) }} as dimension_exclusive
    from {{ relation_cellules }} as cellules
{%- endmacro %}

{# Drapeau dimension_exclusive d'une cellule, d'après la liste des dimensions exclusives. #}
{% macro est_dimension_exclusive(expression_dimension, dimensions_exclusives) -%}
    {%- if dimensions_exclusives | length > 0 -%}
        ({{ expression_dimension }} in ('{{ dimensions_exclusives | join("', '") }}'))
    {%- else -%}
        false
    {%- endif -%}
{%- endmacro %}

{# Les indicateurs publiés, une seule liste : les unions de la publication en tirent le nom de
   leurs modèles (fct_resultats_<id>, int_<domaine>__ventilations_<id>, et fct_mesures_<id>
   quand l'indicateur a des mesures complémentaires). Un nouvel indicateur s'ajoute ici. #}
{% macro indicateurs_publies() -%}
    {{ return([
        {'id': '111', 'domaine': 'attraction', 'mesures': true},
        {'id': '221', 'domaine': 'reconnaissance_competences', 'mesures': false},
        {'id': '311', 'domaine': 'integration', 'mesures': false},
        {'id': '312', 'domaine': 'integration', 'mesures': false},
        {'id': '313', 'domaine': 'francisation', 'mesures': false},
        {'id': '521', 'domaine': 'francisation', 'mesures': false},
        {'id': '611', 'domaine': 'numerique', 'mesures': false},
    ]) }}
{%- endmacro %}

{# Noms des modèles d'une union de la publication, un par indicateur publié (dans l'ordre de
   indicateurs_publies) : gabarit où {id} et {domaine} sont remplacés (`fct_resultats_{id}`,
   `int_{domaine}__ventilations_{id}`); avec_mesures : seulement les indicateurs qui ont des
   mesures complémentaires. #}
{% macro modeles_publies(gabarit, avec_mesures=false) -%}
    {%- set modeles = [] -%}
    {%- for indicateur in indicateurs_publies() if indicateur.mesures or not avec_mesures -%}
        {%- do modeles.append(gabarit | replace('{id}', indicateur.id) | replace('{domaine}', indicateur.domaine)) -%}
    {%- endfor -%}
    {{ return(modeles) }}
{%- endmacro %}

{# Colonnes typées des relations que réunit la publication, dans l'ordre du contrat (une seule
   définition : unir_modeles en tire la liste des colonnes et la relation vide typée).
   Types : texte, date, reel (double), booleen. #}
{% macro colonnes_resultats() -%}
    {{ return([
        ('indicateur_id', 'texte'), ('nom_abrege', 'texte'), ('periode', 'texte'), ('granularite', 'texte'),
        ('date_debut', 'date'), ('date_fin', 'date'), ('valeur', 'reel'), ('numerateur', 'reel'),
        ('denominateur', 'reel'), ('cible', 'reel'), ('cible_atteinte', 'booleen'),
        ('periode_complete', 'booleen'), ('est_produite', 'booleen'),
    ]) }}
{%- endmacro %}

{# Colonnes rendues par controler_divulgation; fct_ventilations_indicateurs y ajoute cle_periode
   et cle_modalite (contrat de publication). #}
{% macro colonnes_ventilations() -%}
    indicateur_id, periode, granularite, date_debut, date_fin, dimension, modalite, valeur,
    numerateur, denominateur, est_supprimee, dimension_exclusive
{%- endmacro %}

{# Cellules non supprimées des ventilations (entrée de controler_divulgation). #}
{% macro colonnes_cellules_ventilations() -%}
    {{ return([
        ('indicateur_id', 'texte'), ('periode', 'texte'), ('granularite', 'texte'), ('date_debut', 'date'),
        ('date_fin', 'date'), ('dimension', 'texte'), ('modalite', 'texte'), ('valeur', 'reel'),
        ('numerateur', 'reel'), ('denominateur', 'reel'), ('nb_personnes', 'reel'),
        ('dimension_exclusive', 'booleen'),
    ]) }}
{%- endmacro %}

{# Colonnes des mesures complémentaires (fct_mesures_<indicateur>), avant l'ajout de
   cle_periode par fct_mesures_complementaires. #}
{% macro colonnes_mesures() -%}
    {{ return([
        ('indicateur_id', 'texte'), ('periode', 'texte'), ('granularite', 'texte'), ('date_debut', 'date'),
        ('date_fin', 'date'), ('mesure', 'texte'), ('libelle_mesure', 'texte'), ('valeur', 'reel'),
    ]) }}
{%- endmacro %}

{# Union des modèles d'une liste, colonnes typées (liste de (nom, type)) dans l'ordre, suivie
   d'une relation vide typée : la forme du résultat ne dépend pas de la liste (vide comprise).
   Seule union de la publication (résultats, cellules de ventilation, mesures). #}
{% macro unir_modeles(modeles, colonnes) -%}
    {%- set types = {
        'texte': dbt.type_string(), 'date': 'date', 'reel': type_double(), 'booleen': 'boolean',
    } -%}
    {%- for modele in modeles %}
    select
        {%- for nom, type in colonnes %}
        {{ nom }}{{ ',' if not loop.last }}
        {%- endfor %}
    from {{ ref(modele) }}
    union all
    {%- endfor %}
    select
        {%- for nom, type in colonnes %}
        cast(null as {{ types[type] }}) as {{ nom }}{{ ',' if not loop.last }}
        {%- endfor %}
    where 1 = 0
{%- endmacro %}

{# Clé d'une modalité de ventilation en une colonne (relation Power BI avec dim_modalites) :
   « <dimension>|<modalite> », par exemple « sexe|F » ou « pays_naissance|FRA ». #}
{% macro cle_modalite(expression_dimension, expression_modalite) -%}
    {{ dbt.concat([expression_dimension, "'|'", expression_modalite]) }}
{%- endmacro %}
