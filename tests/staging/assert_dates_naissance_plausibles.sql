-- Règle protégée (contrat des extraits, dates de naissance; validation « l'année de
-- date_naissance est plausible ») : une date de naissance invraisemblable (avant 1900 ou
-- après la date d'extraction) est mise en quarantaine par le modèle base_ (motif
-- « date_naissance invraisemblable ») et ne sort jamais du staging : elle fausserait l'âge des
-- ventilations.

{%- set naissances_par_fichier = [
    ('arrima_clients.csv', 'stg_arrima__clients'),
    ('bdi_declarations.csv', 'stg_bdi__declarations'),
    ('ceriges_services.csv', 'stg_ceriges__services'),
    ('ddrc_projets_recrutement.xlsx', 'stg_ddrc__participants'),
    ('gsi_services.csv', 'stg_gsi__services'),
    ('intimm_personnes.csv', 'stg_intimm__personnes'),
] %}

with

naissances as (
    {%- for fichier, modele in naissances_par_fichier %}
        select
            '{{ fichier }}' as fichier,
            date_naissance
        from {{ ref(modele) }}
        {%- if not loop.last %}
            union all
        {%- endif %}
    {%- endfor %}
),

final as (
    select
        fichier,
        date_naissance,
        'Fichier ' || fichier || ' : date de naissance ' || cast(date_naissance as {{ dbt.type_string() }})
        || ' hors de 1900 .. date d''extraction sortie du staging (quarantaine manquante).' as message
    from naissances
    where date_naissance < cast('1900-01-01' as date) or date_naissance > {{ date_extraction() }}
)

select * from final
