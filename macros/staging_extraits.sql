{#
    Staging engendré par le contrat des extraits (macro engendrée contrat_extraits()) :
    - base_extrait : le modèle base_ d'un extrait (toutes les lignes, typées, doublons exacts et
      motifs de quarantaine marqués), depuis les colonnes du contrat (type, codes acceptés,
      obligation, bornes, dates de naissance plausibles); le modèle ne donne que ce qui lui est
      propre (règles de l'extrait, écarts au défaut, références à un parent);
    - stg_extrait : le modèle stg_ (les lignes retenues, colonnes typées du contrat).
    Le source() et les ref() restent littéraux dans chaque modèle (lignage inchangé).
#}

{# L'extrait du contrat d'une relation : la table brute (source), un modèle base_<modele> ou
   stg_<modele>, ou leur CTE dans un test unitaire dbt (__dbt__cte__<source>__<table>,
   __dbt__cte__base_<modele>); none si la
   relation n'est pas un extrait du contrat (ou à l'analyse du projet, execute faux). #}
{% macro extrait_du_contrat(relation) -%}
    {%- set trouve = namespace(extrait=none) -%}
    {%- set identifiant = relation.identifier if relation.identifier is defined else relation | string -%}
    {%- for extrait in contrat_extraits() -%}
        {%- if identifiant in [
            extrait.table, '__dbt__cte__' ~ extrait.source ~ '__' ~ extrait.table,
            'base_' ~ extrait.modele, 'stg_' ~ extrait.modele, '__dbt__cte__base_' ~ extrait.modele,
        ] -%}
            {%- set trouve.extrait = extrait -%}
        {%- endif -%}
    {%- endfor -%}
    {{ return(trouve.extrait) }}
{%- endmacro %}

{# Le nom du fichier d'un extrait (ex. arrima_clients.csv) d'après la relation testée, pour les
   messages des tests génériques; fichier : nom donné explicitement (prioritaire). #}
{% macro fichier_extrait(relation, fichier=none) -%}
    {%- if fichier -%}
        {{ return(fichier) }}
    {%- endif -%}
    {%- set extrait = extrait_du_contrat(relation) -%}
    {%- if extrait is none and execute -%}
        {{ exceptions.raise_compiler_error(
            "fichier_extrait : " ~ relation ~ " n'est pas un extrait du contrat (argument fichier requis)") }}
    {%- endif -%}
    {{ return(extrait.fichier if extrait is not none else '') }}
{%- endmacro %}

{# Une branche WHEN d'un CASE de motifs : sur une ligne si elle tient, sinon condition et motif
   sur deux lignes, sinon un terme par ligne (listes de codes repliées). termes : liste de
   textes, ou de {'avant': ..., 'codes': [...]} pour « <avant> (<codes>) ». #}
{% macro branche_motif(termes, motif) -%}
    {%- set en_ligne = [] -%}
    {%- for terme in termes -%}
        {%- if terme is mapping -%}
            {%- do en_ligne.append(terme.avant ~ " ('" ~ terme.codes | join("', '") ~ "')") -%}
        {%- else -%}
            {%- do en_ligne.append(terme) -%}
        {%- endif -%}
    {%- endfor -%}
    {%- set condition = en_ligne | join(' ') -%}
    {%- set ligne = 'when ' ~ condition ~ " then '" ~ motif ~ "'" -%}
    {%- if 12 + ligne | length <= 100 and '\n' not in condition -%}
        {{ ligne }}
    {%- elif 12 + 5 + condition | length <= 100 and '\n' not in condition -%}
        when {{ condition }}
                then '{{ motif }}'
    {%- else -%}
        when
        {%- for terme in termes %}
                {% if terme is mapping and 16 + en_ligne[loop.index0] | length > 100 -%}
                    {%- set lignes_codes = [] -%}
                    {%- set courante = namespace(texte='') -%}
                    {%- for code in terme.codes -%}
                        {%- set element = "'" ~ code ~ "'," -%}
                        {%- if courante.texte and 20 + (courante.texte ~ ' ' ~ element) | length > 100 -%}
                            {%- do lignes_codes.append(courante.texte) -%}
                            {%- set courante.texte = element -%}
                        {%- else -%}
                            {%- set courante.texte = (courante.texte ~ ' ' ~ element) if courante.texte else element -%}
                        {%- endif -%}
                    {%- endfor -%}
                    {%- do lignes_codes.append(courante.texte[:-1]) -%}
                    {{ terme.avant }} (
                    {%- for ligne_codes in lignes_codes %}
                    {{ ligne_codes }}
                    {%- endfor %}
                )
                {%- else -%}
                    {#- un terme sur plusieurs lignes (macro) : ses lignes suivent le retrait -#}
                    {{ en_ligne[loop.index0] | indent(12) }}
                {%- endif -%}
        {%- endfor %}
                then '{{ motif }}'
    {%- endif -%}
{%- endmacro %}

{# Motifs par défaut d'une colonne du contrat ([termes, motif], dans l'ordre) : manquant
   (identifiant ou texte obligatoire), invalide (date, entier, décimal illisible ou hors bornes),
   invraisemblable (date de naissance hors de [annee_min, date d'extraction]), inconnu (code hors
   liste; vide compris quand la colonne est requise). nom : colonne typée; texte : sa valeur
   brute nettoyée (none : pas gardée); libelle : nom dans le motif. #}
{% macro motifs_colonne(colonne, nom, texte, requis, libelle, ecarts) -%}
    {%- set motifs = [] -%}
    {%- set e = 'e' if colonne.feminin else '' -%}
    {%- if colonne.type in ['identifiant', 'texte'] and requis -%}
        {%- do motifs.append([[nom ~ ' is null'], libelle ~ ' manquant' ~ e]) -%}
    {%- elif colonne.type in ['date', 'entier', 'decimal'] -%}
        {%- set bornes = ecarts.get('bornes', colonne.bornes) or [none, none] -%}
        {%- if bornes[0] is not none and bornes[1] is not none -%}
            {%- set hors_bornes = nom ~ ' not between ' ~ bornes[0] ~ ' and ' ~ bornes[1] -%}
        {%- elif bornes[0] is not none -%}
            {%- set hors_bornes = nom ~ ' < ' ~ bornes[0] -%}
        {%- elif bornes[1] is not none -%}
            {%- set hors_bornes = nom ~ ' > ' ~ bornes[1] -%}
        {%- else -%}
            {%- set hors_bornes = none -%}
        {%- endif -%}
        {%- set invalide = libelle ~ ' ' ~ ecarts.get('invalide', 'invalide') -%}
        {%- if requis -%}
            {%- do motifs.append([[nom ~ ' is null' ~ (' or ' ~ hors_bornes if hors_bornes else '')], invalide]) -%}
        {%- elif hors_bornes -%}
            {%- do motifs.append([[texte ~ ' is not null', 'and (' ~ nom ~ ' is null or ' ~ hors_bornes ~ ')'], invalide]) -%}
        {%- else -%}
            {%- do motifs.append([[texte ~ ' is not null', 'and ' ~ nom ~ ' is null'], invalide]) -%}
        {%- endif -%}
        {%- if colonne.nature == 'naissance' -%}
            {%- do motifs.append([
                [nom ~ " < cast('" ~ colonne.annee_min ~ "-01-01' as date)", 'or ' ~ nom ~ ' > ' ~ date_extraction()],
                libelle ~ ' invraisemblable',
            ]) -%}
        {%- endif -%}
    {%- elif colonne.type == 'code' -%}
        {%- if requis -%}
            {%- do motifs.append([[nom ~ ' is null', {'avant': 'or ' ~ nom ~ ' not in', 'codes': colonne.codes}], libelle ~ ' inconnu' ~ e]) -%}
        {%- else -%}
            {%- do motifs.append([[nom ~ ' is not null', {'avant': 'and ' ~ nom ~ ' not in', 'codes': colonne.codes}], libelle ~ ' inconnu' ~ e]) -%}
        {%- endif -%}
    {%- endif -%}
    {{ return(motifs) }}
{%- endmacro %}

{# Modèle base_ d'un extrait : toutes les lignes brutes, typées d'après le contrat, avec
   est_doublon (doublon exact) et motif_quarantaine (le premier motif rencontré, dans l'ordre
   des colonnes du contrat, les règles de l'extrait à leur place). Rien n'est filtré.
   relation : le source() de l'extrait (littéral dans le modèle).
   requises, facultatives : colonnes du contrat dont le vide est (n'est pas) un motif, quelle
     que soit leur obligation au contrat (un code requis vide est inconnu); textes : colonnes
     dont la valeur brute nettoyée est gardée (<colonne>_texte; défaut : les dates et nombres
     facultatifs); codes : colonnes de texte nettoyées comme des codes.
   ecarts : {colonne du contrat: écarts au défaut} : alias (nom de la colonne typée), texte
     (nom de la valeur brute gardée, ou false), bornes, invalide (mot du motif), libelle (nom
     dans les motifs), controle (false : pas de motif par défaut), suivie_de
     ([[nom, expression]] : colonnes typées ajoutées après elle); requis et conversion ('code')
     comme les listes ci-dessus.
   regles : [{'si': condition (ou liste de termes, un par ligne), 'motif': motif,
     'avant'/'apres': colonne du contrat}] : règles propres à l'extrait, à la fin sans position.
   references : {colonne: ref('base_<parent>')} : références vers un extrait parent (macros
     cles_parent, etat_reference, motifs_reference), motifs en dernier.
   derivees : [[nom, expression]] : colonnes calculées sur les colonnes typées.
   ordre : colonnes du contrat dont les motifs passent en premier, dans cet ordre (les autres
     suivent dans l'ordre du contrat) : l'ordre historique d'un extrait, qui décide du motif
     d'une ligne à plusieurs défauts. #}
{% macro base_extrait(
    relation, requises=[], facultatives=[], textes=[], codes=[], ecarts={}, regles=[], references={},
    derivees=[], ordre=[]
) -%}
    {%- set extrait = extrait_du_contrat(relation) -%}
    {%- if extrait is none -%}
        {%- if execute -%}
            {{ exceptions.raise_compiler_error(
                "base_extrait : " ~ relation.identifier ~ " absent du contrat des extraits") }}
        {%- endif -%}
        select * from {{ relation }}
    {%- else -%}
    {%- set typees = ['est_doublon'] -%}
    {%- if extrait.classeur -%}
        {%- if 'projet' in extrait.colonnes_doublon -%}
            {%- do typees.append('projet as onglet') -%}
            {%- do typees.append(nettoyer_texte('projet') ~ ' as projet') -%}
        {%- endif -%}
        {%- do typees.append(convertir_entier('no_ligne_excel') ~ ' as no_ligne_excel') -%}
    {%- endif -%}
    {%- set par_colonne = {} -%}
    {%- for colonne in extrait.colonnes -%}
        {%- set ecart = {} -%}
        {%- do ecart.update(ecarts.get(colonne.nom, {})) -%}
        {%- if colonne.nom in requises -%}{%- do ecart.update({'requis': true}) -%}{%- endif -%}
        {%- if colonne.nom in facultatives -%}{%- do ecart.update({'requis': false}) -%}{%- endif -%}
        {%- if colonne.nom in textes and 'texte' not in ecart -%}{%- do ecart.update({'texte': true}) -%}{%- endif -%}
        {%- if colonne.nom in codes -%}{%- do ecart.update({'conversion': 'code'}) -%}{%- endif -%}
        {%- set nom = ecart.get('alias', colonne.nom) -%}
        {%- set requis = ecart.get('requis', colonne.obligatoire or false) -%}
        {%- set texte = none -%}
        {%- if colonne.type in ['date', 'entier', 'decimal'] -%}
            {%- set garder = ecart.get('texte', not requis) -%}
            {%- if garder -%}
                {%- set texte = garder if garder is string else nom ~ '_texte' -%}
                {%- do typees.append(nettoyer_texte(colonne.nom) ~ ' as ' ~ texte) -%}
            {%- endif -%}
        {%- endif -%}
        {%- if colonne.type == 'date' -%}
            {%- set conversion = convertir_date(colonne.nom, extrait.format_date) -%}
        {%- elif colonne.type == 'entier' -%}
            {%- set conversion = convertir_entier(colonne.nom) -%}
        {%- elif colonne.type == 'decimal' -%}
            {%- set conversion = convertir_decimal(colonne.nom) -%}
        {%- elif colonne.largeur -%}
            {%- set conversion = normaliser_code_largeur(colonne.nom, colonne.largeur) -%}
        {%- elif colonne.type in ['identifiant', 'texte'] and ecart.get('conversion') != 'code' -%}
            {%- set conversion = nettoyer_texte(colonne.nom) -%}
        {%- else -%}
            {%- set conversion = nettoyer_code(colonne.nom) -%}
        {%- endif -%}
        {%- do typees.append(conversion ~ ' as ' ~ nom) -%}
        {%- for ajout in ecart.get('suivie_de', []) -%}
            {%- do typees.append(ajout[1] ~ ' as ' ~ ajout[0]) -%}
        {%- endfor -%}
        {%- if ecart.get('controle', true) -%}
            {%- do par_colonne.update({colonne.nom: motifs_colonne(
                colonne, nom, texte, requis, ecart.get('libelle', colonne.nom), ecart)}) -%}
        {%- else -%}
            {%- do par_colonne.update({colonne.nom: []}) -%}
        {%- endif -%}
    {%- endfor -%}
    {%- set ordonnees = [] -%}
    {%- for nom_ordre in ordre -%}
        {%- for colonne in extrait.colonnes if colonne.nom == nom_ordre -%}
            {%- do ordonnees.append(colonne) -%}
        {%- endfor -%}
    {%- endfor -%}
    {%- for colonne in extrait.colonnes if colonne.nom not in ordre -%}
        {%- do ordonnees.append(colonne) -%}
    {%- endfor -%}
    {%- set motifs = [] -%}
    {%- for colonne in ordonnees -%}
        {%- for regle in regles if regle.avant == colonne.nom -%}
            {%- do motifs.append([[regle.si] if regle.si is string else regle.si, regle.motif]) -%}
        {%- endfor -%}
        {%- do motifs.extend(par_colonne[colonne.nom]) -%}
        {%- for regle in regles if regle.apres == colonne.nom -%}
            {%- do motifs.append([[regle.si] if regle.si is string else regle.si, regle.motif]) -%}
        {%- endfor -%}
    {%- endfor -%}
    {%- for regle in regles if regle.avant is not defined and regle.apres is not defined -%}
        {%- do motifs.append([[regle.si] if regle.si is string else regle.si, regle.motif]) -%}
    {%- endfor -%}
    {%- set parents = [] -%}
    {%- for colonne_reference, parent in references.items() -%}
        {%- set extrait_parent = extrait_du_contrat(parent) -%}
        {%- if extrait_parent is none and execute -%}
            {{ exceptions.raise_compiler_error(
                "base_extrait : parent " ~ parent ~ " absent du contrat des extraits") }}
        {%- endif -%}
        {%- set table_parent = extrait_parent.table if extrait_parent is not none else 'parent' -%}
        {%- do parents.append({
            'colonne': colonne_reference, 'relation': parent, 'table': table_parent,
            'cte': 'cles_' ~ table_parent, 'etat': 'etat_' ~ colonne_reference}) -%}
    {%- endfor -%}
    {%- set avant_controle = namespace(cte='typees') %}
with

source as (
    select * from {{ relation }}
),
{%- for parent in parents %}

{{ parent.cte }} as (
    -- import : clés du parent {{ parent.table }} (contrôle de la référence {{ parent.colonne }})
    {{ cles_parent(parent.relation, parent.colonne) }}
),
{%- endfor %}

marquees as (
    select
        *,
        {{ est_doublon_extrait(relation) }} as est_doublon
    from source
),

typees as (
    select
        {{ typees | join(',\n        ') }}
    from marquees
),
{%- if derivees %}

derivees as (
    select
        *,
        {%- for derivee in derivees %}
        {{ derivee[1] }} as {{ derivee[0] }}{{ ',' if not loop.last }}
        {%- endfor %}
    from typees
),
{%- set avant_controle.cte = 'derivees' -%}
{%- endif %}
{%- if parents %}

rattachees as (
    select
        {{ avant_controle.cte }}.*,
        {%- for parent in parents %}
        {{ etat_reference(avant_controle.cte ~ '.' ~ parent.colonne, parent.cte) }} as {{ parent.etat }}{{ ',' if not loop.last }}
        {%- endfor %}
    from {{ avant_controle.cte }}
    {%- for parent in parents %}
    left join {{ parent.cte }}
        on {{ avant_controle.cte }}.{{ parent.colonne }} = {{ parent.cte }}.cle
    {%- endfor %}
),
{%- set avant_controle.cte = 'rattachees' -%}
{%- endif %}

controlees as (
    select
        *,
        case
            {%- for motif in motifs %}
            {{ branche_motif(motif[0], motif[1]) }}
            {%- endfor %}
            {%- for parent in parents %}
            {{ motifs_reference(parent.etat, parent.colonne, parent.table) }}
            {%- endfor %}
        end as motif_quarantaine
    from {{ avant_controle.cte }}
),

final as (
    select * from controlees
)

select * from final
    {%- endif -%}
{%- endmacro %}

{# Modèle stg_ d'un extrait : les lignes retenues (ni doublon exact ni quarantaine) du modèle
   base_, colonnes du contrat dans l'ordre du contrat. base : le ref() du modèle base_
   (littéral dans le modèle); remplacer : {colonne du contrat: expression ou liste
   d'expressions} (colonne renommée, convertie en booléen...); avant, ajouts : expressions
   sélectionnées avant et après les colonnes du contrat. #}
{% macro stg_extrait(base, remplacer={}, avant=[], ajouts=[]) -%}
    {%- set extrait = extrait_du_contrat(base) -%}
    {%- set selection = [] + avant -%}
    {%- for colonne in (extrait.colonnes if extrait is not none else [{'nom': '*'}]) -%}
        {%- set remplacement = remplacer.get(colonne.nom, colonne.nom) -%}
        {%- do selection.extend([remplacement] if remplacement is string else remplacement) -%}
    {%- endfor -%}
    {%- do selection.extend(ajouts) %}
with

base as (
    select * from {{ base }}
),

final as (
    select
        {{ selection | join(',\n        ') }}
    from base
    where
        not est_doublon
        and motif_quarantaine is null
)

select * from final
{%- endmacro %}

{# Règles d'un code CNP et de sa version (pour base_extrait), placées après la version : requis,
   le code doit être valide pour sa version (« code_profession invalide »); facultatif, un code
   renseigné demande une version (« version_cnp manquante ») et doit être valide pour elle. #}
{% macro regles_code_cnp(requis=false, code='code_profession', version='version_cnp') -%}
    {%- set valide = est_code_cnp_valide(code, version) -%}
    {%- if requis -%}
        {{ return([{'apres': version, 'si': code ~ ' is null or not ' ~ valide, 'motif': code ~ ' invalide'}]) }}
    {%- endif -%}
    {{ return([
        {'apres': version, 'si': code ~ ' is not null and ' ~ version ~ ' is null', 'motif': version ~ ' manquante'},
        {'apres': version, 'si': code ~ ' is not null and not ' ~ valide, 'motif': code ~ ' invalide'},
    ]) }}
{%- endmacro %}

{# Règles du périmètre du PASI (fiche 3.1.2, pour base_extrait des services CERIGES et GSI) :
   hors_periode, condition d'une date hors de la période du système (date de bascule,
   date_bascule_gsi()) : « hors periode du systeme »; puis un volet vide ou hors de la liste du
   contrat de l'extrait (relation) : « volet hors PASI ». #}
{% macro regles_perimetre_pasi(hors_periode, relation) -%}
    {%- set extrait = extrait_du_contrat(relation) -%}
    {%- set volets = [] -%}
    {%- for colonne in (extrait.colonnes if extrait is not none else []) if colonne.nom == 'volet' -%}
        {%- do volets.extend(colonne.codes) -%}
    {%- endfor -%}
    {{ return([
        {'si': hors_periode, 'motif': 'hors periode du systeme'},
        {'si': ['volet is null', {'avant': 'or volet not in', 'codes': volets}], 'motif': 'volet hors PASI'},
    ]) }}
{%- endmacro %}

{# Modèle base_ des services PASI (fiche 3.1.2), CERIGES comme GSI : mêmes règles de l'extrait,
   écrites une fois (sexe requis, région facultative, dates de naissance et de service brutes
   gardées, volet hors contrôle du contrat mais soumis au périmètre du PASI). Propres au
   système : hors_periode (condition d'une date hors de sa période, regles_perimetre_pasi),
   codes nettoyés comme des codes et ordre historique des motifs. #}
{% macro base_services_pasi(relation, hors_periode, codes, ordre) -%}
    {{ base_extrait(
        relation,
        requises=['sexe'],
        facultatives=['region_administrative'],
        textes=['date_naissance', 'date_service'],
        codes=codes,
        ecarts={'volet': {'controle': false}},
        regles=regles_perimetre_pasi(hors_periode, relation),
        ordre=ordre,
    ) }}
{%- endmacro %}
