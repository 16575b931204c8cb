{#
    Âge en années révolues à une date de référence (anniversaire atteint le jour même).
    SQL portable : différence des années, moins un si l'anniversaire n'est pas encore passé
    dans l'année de référence. Une personne née un 29 février a un an de plus le 1er mars
    des années non bissextiles.
#}
{% macro age_a_la_date(date_naissance, date_reference) -%}
    (cast(extract(year from {{ date_reference }}) as integer)
    - cast(extract(year from {{ date_naissance }}) as integer)
    - case
        when
            extract(month from {{ date_reference }}) * 100 + extract(day from {{ date_reference }})
            < extract(month from {{ date_naissance }}) * 100 + extract(day from {{ date_naissance }})
            then 1
        else 0
    end)
{%- endmacro %}
