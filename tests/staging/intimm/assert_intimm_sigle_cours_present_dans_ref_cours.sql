-- Règle protégée (fiche PS 5.2.1, ventilation « sigle de cours et type de programme »; fiche
-- PS 3.1.3, cours couverts) : chaque sigle de cours des inscriptions Intimm figure dans le
-- référentiel ref_cours. Un sigle inconnu compte quand même pour 5.2.1 (type de programme
-- `inconnu`) mais exclut la participation de 3.1.3. Test de dérive : avertissement.
{{ config(severity='warn') }}

with

inscriptions as (
    select * from {{ ref('stg_intimm__inscriptions') }}
),

cours as (
    select * from {{ ref('stg_referentiels__cours') }}
),

sigles_inconnus as (
    select
        inscriptions.sigle_cours,
        count(*) as nb_inscriptions
    from inscriptions
    left join cours
        on inscriptions.sigle_cours = cours.sigle_cours
    where cours.sigle_cours is null
    group by inscriptions.sigle_cours
),

final as (
    select
        sigle_cours,
        nb_inscriptions,
        'Sigle de cours ' || sigle_cours || ' absent de ref_cours.csv ('
        || cast(nb_inscriptions as {{ dbt.type_string() }})
        || ' inscription(s)) : type de programme inconnu pour 5.2.1, participations exclues de 3.1.3.'
            as message
    from sigles_inconnus
)

select * from final
