-- Règle protégée (1.1.1, fiche : « les niveaux FÉER 0-3 remplaceront 0, A, B et FÉER 4-5
-- remplaceront C, D » lors de la transition à la CNP 2021) : une expérience n'est
-- diagnostiquée que par le diagnostic de l'année du dépôt, dans SA version CNP. Dérive
-- signalée (avertissement) : une année où des DI déclarent des expériences dans une version
-- CNP pour laquelle le diagnostic de l'année n'a aucune ligne (mélange CNP 2016 / 2021 que le
-- diagnostic ne couvre pas) : ces expériences ne peuvent pas être admissibles et l'indicateur
-- baisserait en silence.
{{ config(severity='warn') }}

with

experiences as (
    select * from {{ ref('int_attraction__experiences_diagnostiquees') }}
),

diagnostics as (
    select * from {{ ref('stg_referentiels__diagnostics_professions') }}
),

versions_diagnostiquees as (
    select distinct
        annee,
        version_cnp
    from diagnostics
),

experiences_par_version as (
    select
        annee_depot,
        version_cnp,
        count(*) as nb_experiences,
        count(distinct no_declaration) as nb_declarations
    from experiences
    group by
        annee_depot,
        version_cnp
),

final as (
    select
        experiences_par_version.annee_depot,
        experiences_par_version.version_cnp,
        experiences_par_version.nb_experiences,
        experiences_par_version.nb_declarations,
        'Année ' || cast(experiences_par_version.annee_depot as {{ dbt.type_string() }})
        || ' : ' || cast(experiences_par_version.nb_experiences as {{ dbt.type_string() }})
        || ' expérience(s) en CNP ' || experiences_par_version.version_cnp
        || ' sans aucune ligne du diagnostic dans cette version pour l''année.' as message
    from experiences_par_version
    left join versions_diagnostiquees
        on
            experiences_par_version.annee_depot = versions_diagnostiquees.annee
            and experiences_par_version.version_cnp = versions_diagnostiquees.version_cnp
    where versions_diagnostiquees.annee is null
)

select * from final
