{# Âge révolu (en années) à une date de référence, SQL portable : différence des années,
   moins un si l'anniversaire n'est pas encore passé à la date de référence. #}
{% macro age_revolu(expression_naissance, expression_reference) -%}
    (
        cast(extract(year from {{ expression_reference }}) as integer)
        - cast(extract(year from {{ expression_naissance }}) as integer)
        - case
            when
                extract(month from {{ expression_reference }}) * 100 + extract(day from {{ expression_reference }})
                < extract(month from {{ expression_naissance }}) * 100 + extract(day from {{ expression_naissance }})
                then 1
            else 0
        end
    )
{%- endmacro %}
