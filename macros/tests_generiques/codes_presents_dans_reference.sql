{#
    Test générique (dérive d'un code vers son référentiel) : chaque code du modèle testé (une ou
    plusieurs colonnes, comparées ensemble) figure dans le référentiel. Un code absent fait
    perdre ses lignes à l'indicateur qui lit le référentiel (cours normé non établi, expérience
    non diagnostiquée...) : une ligne par code absent, avec les comptes demandés (mesures) et un
    message. Déclaré en avertissement dans le YAML du modèle.
    colonnes / colonnes_reference : colonnes du code dans le modèle et dans le référentiel (même
    ordre); mesures : nom -> agrégat SQL sur les lignes du modèle au code absent; message :
    expression SQL sur les colonnes du code et les mesures, chacune lisible aussi en texte sous
    le nom <colonne>_texte.
#}
{% test codes_presents_dans_reference(model, colonnes, reference, colonnes_reference, mesures, message) %}
    with

    lignes as (
        select * from {{ model }}
    ),

    codes_reference as (
        select distinct
            {%- for colonne in colonnes_reference %}
            {{ colonne }} as code_{{ loop.index }}{{ ',' if not loop.last }}
            {%- endfor %}
        from {{ reference }}
    ),

    codes_absents as (
        select
            {%- for colonne in colonnes %}
            lignes.{{ colonne }},
            {%- endfor %}
            {%- for nom, agregat in mesures.items() %}
            {{ agregat }} as {{ nom }}{{ ',' if not loop.last }}
            {%- endfor %}
        from lignes
        left join codes_reference
            on
            {%- for colonne in colonnes %}
                {{ 'and ' if not loop.first }}lignes.{{ colonne }} = codes_reference.code_{{ loop.index }}
            {%- endfor %}
        where codes_reference.code_1 is null
        group by
            {%- for colonne in colonnes %}
            lignes.{{ colonne }}{{ ',' if not loop.last }}
            {%- endfor %}
    ),

    en_texte as (
        select
            *,
            {%- for nom in colonnes + (mesures.keys() | list) %}
            cast({{ nom }} as {{ dbt.type_string() }}) as {{ nom }}_texte{{ ',' if not loop.last }}
            {%- endfor %}
        from codes_absents
    ),

    final as (
        select
            {%- for nom in colonnes + (mesures.keys() | list) %}
            {{ nom }},
            {%- endfor %}
            {{ message }} as message
        from en_texte
    )

    select * from final
{% endtest %}
