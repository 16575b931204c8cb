-- Expériences déclarées dans les DI, situées dans le diagnostic des professions de l'année
-- civile du dépôt (même version CNP, même code) : diagnostic, niveau de compétence (CNP 2016)
-- ou FÉER (CNP 2021) et seuil de français oral de la profession :
--   niveaux 0, A, B (CNP 2016) ou FÉER 0-3 (CNP 2021) : 7;
--   niveaux C, D (CNP 2016) ou FÉER 4-5 (CNP 2021)    : 5.
-- Une profession absente du diagnostic de l'année du dépôt n'a ni diagnostic ni seuil : son
-- expérience n'est pas admissible.
with

declarations as (
    select * from {{ ref('stg_bdi__declarations') }}
),

experiences as (
    select * from {{ ref('stg_bdi__experiences') }}
),

diagnostics as (
    select * from {{ ref('stg_referentiels__diagnostics_professions') }}
),

situees as (
    select
        experiences.no_declaration,
        experiences.code_profession,
        experiences.version_cnp,
        experiences.mois_experience,
        cast(extract(year from declarations.date_depot) as integer) as annee_depot,
        diagnostics.diagnostic,
        diagnostics.niveau_competence,
        diagnostics.feer
    from experiences
    inner join declarations
        on experiences.no_declaration = declarations.no_declaration
    left join diagnostics
        on
            diagnostics.annee = cast(extract(year from declarations.date_depot) as integer)
            and experiences.version_cnp = diagnostics.version_cnp
            and experiences.code_profession = diagnostics.code_profession
),

seuils as (
    select
        *,
        case
            when version_cnp = '2016' and niveau_competence in ('0', 'A', 'B') then 7
            when version_cnp = '2016' and niveau_competence in ('C', 'D') then 5
            when version_cnp = '2021' and feer in ('0', '1', '2', '3') then 7
            when version_cnp = '2021' and feer in ('4', '5') then 5
        end as seuil_oral
    from situees
),

final as (
    select
        no_declaration,
        code_profession,
        version_cnp,
        mois_experience,
        annee_depot,
        diagnostic,
        niveau_competence,
        feer,
        seuil_oral,
        (
            mois_experience >= 12
            and diagnostic in ('DEFICIT', 'LEGER_DEFICIT')
            and seuil_oral is not null
        ) as est_experience_admissible
    from seuils
)

select * from final
