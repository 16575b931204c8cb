{#
    Codes de la Classification nationale des professions (CNP) : texte, zéros de tête
    significatifs. CNP 2016 : 4 chiffres; CNP 2021 : 5 chiffres. SQL portable (translate
    supprime les chiffres : un code valide n'a plus aucun caractère après).
#}

{# Vrai quand le code (déjà nettoyé) n'est fait que de chiffres, au nombre attendu par sa version. #}
{% macro est_code_cnp_valide(expression_code, expression_version) -%}
    (
        translate({{ expression_code }}, '0123456789', '') = ''
        and (
            ({{ expression_version }} = '2016' and length({{ expression_code }}) = 4)
            or ({{ expression_version }} = '2021' and length({{ expression_code }}) = 5)
        )
    )
{%- endmacro %}

{# Version de la CNP déduite de la forme d'un code qui ne porte pas sa version (classeur DDRC) :
   4 chiffres -> 2016, 5 chiffres -> 2021, sinon NULL. #}
{% macro version_cnp_du_code(expression_code) -%}
    (case
        when translate({{ expression_code }}, '0123456789', '') <> '' then null
        when length({{ expression_code }}) = 4 then '2016'
        when length({{ expression_code }}) = 5 then '2021'
    end)
{%- endmacro %}

{# Libellé publié d'une profession dans les ventilations : « 31301 (CNP 2021) ». #}
{% macro libelle_profession(expression_code, expression_version) -%}
    (case
        when {{ expression_code }} is not null and {{ expression_version }} is not null
            then {{ expression_code }} || ' (CNP ' || {{ expression_version }} || ')'
    end)
{%- endmacro %}
