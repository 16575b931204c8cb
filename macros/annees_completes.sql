{#
    Nombre d'années complètes (révolues) entre deux dates : l'âge à une date, ou la durée de
    séjour depuis l'arrivée. SQL portable (extract seulement). Un anniversaire du 29 février
    est atteint le 1er mars des années non bissextiles. Négatif si date_fin précède date_debut.
#}
{% macro annees_completes(date_debut, date_fin) -%}
    cast(
        extract(year from {{ date_fin }}) - extract(year from {{ date_debut }})
        - case
            when
                extract(month from {{ date_fin }}) * 100 + extract(day from {{ date_fin }})
                < extract(month from {{ date_debut }}) * 100 + extract(day from {{ date_debut }})
                then 1
            else 0
        end
        as integer
    )
{%- endmacro %}
