{#
    Normalisation nominative (règles 2.2.1 et 3.1.2) utilisée par TOUT rapprochement nominatif
    du projet, via cle_nominative. Toute lettre latine est ramenée à sa forme de base, que le nom
    arrive composé (NFC) ou décomposé (NFD), et de quelque système qu'il vienne (CERIGES en
    Windows-1252, GSI et ARRIMA en UTF-8) : « Nguyễn Thị Hương » = « NGUYEN THI HUONG »,
    « Łukasz » = « Lukasz », « Straße » = « STRASSE ».

    Étapes, dans cet ordre, identiques sur chaque moteur :
    1. décomposition et retrait des marques combinatoires (accents, cédilles, virgules souscrites,
       cornes, crochets du vietnamien...) :
       - DuckDB : strip_accents (décomposition canonique puis retrait des marques; traite aussi
         une entrée déjà décomposée en NFD);
       - PostgreSQL (13+, base UTF-8) : normalize(..., NFKD) puis retrait des marques combinatoires
         des blocs U+0300-036F, U+1AB0-1AFF, U+1DC0-1DFF, U+20D0-20FF et U+FE20-FE2F;
    2. lettres sans décomposition (ł, đ, ø, ß, æ, œ, ð, þ, ı, ħ, ŧ, ŋ, ɓ, ɗ...) et formes de
       compatibilité que DuckDB ne décompose pas (ligatures ﬁ ﬂ ﬀ ĳ, ŀ, ǆ, ſ, lettres pleine
       chasse) traduites par la table correspondances_nom ci-dessous, écrite une seule fois et
       réutilisée par chaque moteur (l'implémentation d'un nouveau moteur la réutilise aussi);
    3. traits d'union, tirets, apostrophes droites, courbes ou modificatives (' ’ ‘ ‛ ` ´ ʼ ʻ ʾ ʿ
       ′) et espaces insécables ou typographiques remplacés par des espaces (ponctuation_nom);
    4. minuscules : à ce stade toute lettre latine est ASCII, le résultat ne dépend donc pas de la
       collation ni du LC_CTYPE de la base;
    5. espaces multiples réduits à un seul, espaces de tête et de fin retirés.

    Le portage Python mifi.generateur.normalisation.normaliser_nom donne le même résultat; les
    tests Python vérifient que ses tables égalent celles-ci et comparent Python, DuckDB et
    PostgreSQL sur la table de tests/macros/assert_normaliser_nom_cas_difficiles.sql et sur
    toutes les lettres latines.
    Un moteur sans implémentation échoue à la compilation plutôt que de produire en silence des
    clés différentes.
#}

{# Lettres et formes de compatibilité à traduire explicitement (étape 2) : (de, vers).
   Majuscules comprises (la mise en minuscules vient après et ne voit que de l'ASCII). #}
{% macro correspondances_nom() -%}
    {{ return([
        ('ł', 'l'), ('Ł', 'l'), ('đ', 'd'), ('Đ', 'd'), ('ø', 'o'), ('Ø', 'o'),
        ('ß', 'ss'), ('ẞ', 'ss'), ('æ', 'ae'), ('Æ', 'ae'), ('œ', 'oe'), ('Œ', 'oe'),
        ('ð', 'd'), ('Ð', 'd'), ('þ', 'th'), ('Þ', 'th'), ('ı', 'i'), ('ħ', 'h'), ('Ħ', 'h'),
        ('ŧ', 't'), ('Ŧ', 't'), ('ŀ', 'l'), ('Ŀ', 'l'), ('·', ''),
        ('ﬀ', 'ff'), ('ﬁ', 'fi'), ('ﬂ', 'fl'), ('ﬃ', 'ffi'), ('ﬄ', 'ffl'), ('ﬅ', 'st'), ('ﬆ', 'st'),
        ('ĳ', 'ij'), ('Ĳ', 'ij'), ('ſ', 's'), ('ŉ', 'ʼn'),
        ('ǆ', 'dz'), ('ǅ', 'dz'), ('Ǆ', 'dz'), ('ǳ', 'dz'), ('ǲ', 'dz'), ('Ǳ', 'dz'),
        ('ǉ', 'lj'), ('ǈ', 'lj'), ('Ǉ', 'lj'), ('ǌ', 'nj'), ('ǋ', 'nj'), ('Ǌ', 'nj'),
        ('ŋ', 'ng'), ('Ŋ', 'ng'), ('ɛ', 'e'), ('Ɛ', 'e'), ('ɔ', 'o'), ('Ɔ', 'o'),
        ('ɓ', 'b'), ('Ɓ', 'b'), ('ɗ', 'd'), ('Ɗ', 'd'), ('ɖ', 'd'), ('Ɖ', 'd'), ('ƙ', 'k'), ('Ƙ', 'k'),
        ('ƴ', 'y'), ('Ƴ', 'y'), ('ƒ', 'f'), ('Ƒ', 'f'),
        ('ʒ', 'z'), ('Ʒ', 'z'), ('ẚ', 'aʾ'), ('ĸ', 'q'), ('ẜ', 's'), ('ẝ', 's'), ('ẟ', 'd'),
        ('Ỻ', 'll'), ('ỻ', 'll'), ('Ỽ', 'v'), ('ỽ', 'v'), ('Ỿ', 'y'), ('ỿ', 'y'),
        ('Ａ', 'a'), ('Ｂ', 'b'), ('Ｃ', 'c'), ('Ｄ', 'd'), ('Ｅ', 'e'), ('Ｆ', 'f'), ('Ｇ', 'g'),
        ('Ｈ', 'h'), ('Ｉ', 'i'), ('Ｊ', 'j'), ('Ｋ', 'k'), ('Ｌ', 'l'), ('Ｍ', 'm'), ('Ｎ', 'n'),
        ('Ｏ', 'o'), ('Ｐ', 'p'), ('Ｑ', 'q'), ('Ｒ', 'r'), ('Ｓ', 's'), ('Ｔ', 't'), ('Ｕ', 'u'),
        ('Ｖ', 'v'), ('Ｗ', 'w'), ('Ｘ', 'x'), ('Ｙ', 'y'), ('Ｚ', 'z'),
        ('ａ', 'a'), ('ｂ', 'b'), ('ｃ', 'c'), ('ｄ', 'd'), ('ｅ', 'e'), ('ｆ', 'f'), ('ｇ', 'g'),
        ('ｈ', 'h'), ('ｉ', 'i'), ('ｊ', 'j'), ('ｋ', 'k'), ('ｌ', 'l'), ('ｍ', 'm'), ('ｎ', 'n'),
        ('ｏ', 'o'), ('ｐ', 'p'), ('ｑ', 'q'), ('ｒ', 'r'), ('ｓ', 's'), ('ｔ', 't'), ('ｕ', 'u'),
        ('ｖ', 'v'), ('ｗ', 'w'), ('ｘ', 'x'), ('ｙ', 'y'), ('ｚ', 'z'),
    ]) }}
{%- endmacro %}

{# Caractères remplacés par une espace (étape 3) : traits d'union et tirets, apostrophes,
   espaces insécables et typographiques (écrits en \u pour rester visibles ici). #}
{% macro ponctuation_nom() -%}
    {{ return(
        "-\u2010\u2011\u2012\u2013\u2014\u2015\u2212\uff0d"
        ~ "'\u2019\u2018\u201b`\u00b4\u02bc\u02bb\u02be\u02bf\u2032\uff07"
        ~ "\u00a0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000"
    ) }}
{%- endmacro %}

{# Marques combinatoires retirées après NFKD (moteurs sans strip_accents), en classe d'expression
   régulière. #}
{% macro marques_combinatoires_nom() -%}
    {{ return('[\\u0300-\\u036f\\u1ab0-\\u1aff\\u1dc0-\\u1dff\\u20d0-\\u20ff\\ufe20-\\ufe2f]') }}
{%- endmacro %}

{# Répartition de la table pour le SQL : un seul translate pour les correspondances lettre à
   lettre, qui ramène aussi les lettres de même traduction multiple à une seule (Æ → æ, ǅ → ǆ),
   puis une substitution par traduction multiple distincte (æ → ae, ǆ → dz, · → rien). #}
{% macro repartir_correspondances_nom() -%}
    {%- set de_simples = [] -%}
    {%- set vers_simples = [] -%}
    {%- set representants = {} -%}
    {%- set multiples = [] -%}
    {%- for de, vers in indicateurs_mifi.correspondances_nom() -%}
        {%- if vers | length == 1 -%}
            {%- do de_simples.append(de) -%}
            {%- do vers_simples.append(vers) -%}
        {%- elif vers in representants -%}
            {%- do de_simples.append(de) -%}
            {%- do vers_simples.append(representants[vers]) -%}
        {%- else -%}
            {%- do representants.update({vers: de}) -%}
            {%- do multiples.append((de, vers)) -%}
        {%- endif -%}
    {%- endfor -%}
    {{ return({'de': de_simples | join(''), 'vers': vers_simples | join(''), 'multiples': multiples}) }}
{%- endmacro %}

{# Étape 2, selon le moteur (les deux implémentations lisent la même table). #}
{% macro traduire_correspondances_nom(expression) -%}
    {{ return(adapter.dispatch('traduire_correspondances_nom', 'indicateurs_mifi')(expression)) }}
{%- endmacro %}

{# SQL portable (PostgreSQL) : translate, puis un replace() imbriqué par substitution multiple. #}
{% macro default__traduire_correspondances_nom(expression) -%}
    {%- set table = indicateurs_mifi.repartir_correspondances_nom() -%}
    {{ 'replace(' * (table.multiples | length) }}translate({{ expression }}, '{{ table.de }}', '{{ table.vers }}')
    {%- for de, vers in table.multiples %}, '{{ de }}', '{{ vers }}'){% endfor %}
{%- endmacro %}

{# DuckDB : translate() y est lent quand la liste des lettres est longue (il reconstruit sa
   table à chaque ligne), et une vingtaine de replace() imbriqués dépasseraient la profondeur
   d'analyse de sqlfluff. Les noms qui contiennent une lettre de la table (repérés par une
   expression régulière) sont donc traduits lettre par lettre par une table (map) plate; les
   autres passent tels quels. #}
{% macro duckdb__traduire_correspondances_nom(expression) -%}
    {%- set de = [] -%}
    {%- set vers = [] -%}
    {%- for lettre, traduction in indicateurs_mifi.correspondances_nom() -%}
        {%- do de.append(lettre) -%}
        {%- do vers.append(traduction) -%}
    {%- endfor -%}
    case
        when regexp_matches({{ expression }}, '[{{ de | join('') }}]')
            then array_to_string(list_transform(
                string_split({{ expression }}, ''),
                lambda lettre: coalesce(map_extract_value(
                    map(['{{ de | join("', '") }}'], ['{{ vers | join("', '") }}']), lettre
                ), lettre)
            ), '')
        else {{ expression }}
    end
{%- endmacro %}

{# Étapes 3 à 5, communes à tous les moteurs : une seule expression régulière remplace toute
   suite de ponctuation et d'espaces par une espace (le trait d'union en fin de classe). #}
{% macro finir_normalisation_nom(expression) -%}
    {%- set classe = indicateurs_mifi.ponctuation_nom() | replace('-', '') ~ ' \\t\\n\\f\\r-' -%}
    trim(lower({{ indicateurs_mifi.remplacer_regex(expression, '[' ~ classe ~ ']+', ' ') }}))
{%- endmacro %}

{% macro normaliser_nom(expression) -%}
    {{ return(adapter.dispatch('normaliser_nom', 'indicateurs_mifi')(expression)) }}
{%- endmacro %}

{% macro duckdb__normaliser_nom(expression) -%}
    {{ indicateurs_mifi.finir_normalisation_nom(
        indicateurs_mifi.traduire_correspondances_nom('strip_accents(' ~ expression ~ ')')
    ) }}
{%- endmacro %}

{% macro postgres__normaliser_nom(expression) -%}
    {{ indicateurs_mifi.finir_normalisation_nom(
        indicateurs_mifi.traduire_correspondances_nom(
            "regexp_replace(normalize(" ~ expression ~ ", NFKD), '"
            ~ indicateurs_mifi.marques_combinatoires_nom() ~ "', '', 'g')"
        )
    ) }}
{%- endmacro %}

{# Spark : ni strip_accents ni normalize en SQL. StringUtils.stripAccents (commons-lang3, livré
   avec Spark), appelé par reflect, décompose (NFD) et retire les marques du bloc U+0300-036F;
   les autres blocs de marques combinatoires sont retirés ensuite, comme en PostgreSQL. #}
{% macro spark__normaliser_nom(expression) -%}
    {{ indicateurs_mifi.finir_normalisation_nom(
        indicateurs_mifi.traduire_correspondances_nom(
            "regexp_replace(reflect('org.apache.commons.lang3.StringUtils', 'stripAccents', "
            ~ expression ~ "), '" ~ indicateurs_mifi.marques_combinatoires_nom() ~ "', '')"
        )
    ) }}
{%- endmacro %}

{% macro default__normaliser_nom(expression) -%}
    {{ exceptions.raise_compiler_error(
        "normaliser_nom : aucune implémentation pour le moteur « " ~ target.type ~ " ». "
        ~ "Écrire " ~ target.type ~ "__normaliser_nom dans macros/normaliser_nom.sql "
        ~ "(décomposition, retrait des marques, puis traduire_correspondances_nom et "
        ~ "finir_normalisation_nom) plutôt que de rapprocher des noms mal normalisés."
    ) }}
{%- endmacro %}

{# Clé nominative d'une personne : nom, prénom et date de naissance normalisés, séparés par « | ».
   Seule définition de la clé de rapprochement nominatif du projet (2.2.1, 3.1.2). #}
{% macro cle_nominative(nom, prenom, date_naissance) -%}
    ({{ normaliser_nom(nom) }} || '|' || {{ normaliser_nom(prenom) }} || '|'
    || {{ dbt.cast(date_naissance, dbt.type_string()) }})
{%- endmacro %}
