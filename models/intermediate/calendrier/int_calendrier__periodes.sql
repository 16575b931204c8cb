-- Calendrier des fenêtres de calcul publiées. Pour chaque type de période (année civile,
-- année financière), une fenêtre par granularité :
--   annuelle          : l'année entière;
--   cumul_trimestriel : du début de l'année à la fin de chaque trimestre;
--   cumul_mensuel     : du début de l'année à la fin de chaque mois.
-- Années civiles : du 1er janvier; années financières : du 1er avril (notées 2023-2024).
with

mois as (
    select * from {{ ref('int_calendrier__mois') }}
),

mois_situes as (
    select
        date_mois,
        {{ dbt.last_day('date_mois', 'month') }} as date_fin_mois,
        cast(extract(year from date_mois) as integer) as annee_civile,
        cast(extract(month from date_mois) as integer) as no_mois_civil,
        {{ annee_debut_financiere('date_mois') }} as annee_debut_financiere
    from mois
),

mois_par_type as (
    select
        'civile' as type_periode,
        {{ dbt.cast('annee_civile', dbt.type_string()) }} as periode,
        {{ dbt.date_trunc('year', 'date_mois') }} as date_debut_annee,
        no_mois_civil as rang_mois,
        date_mois,
        date_fin_mois
    from mois_situes

    union all

    select
        'financiere' as type_periode,
        {{ libelle_annee_financiere('annee_debut_financiere') }} as periode,
        {{ dbt.dateadd('month', 3, dbt.date_trunc('year', dbt.dateadd('month', -3, 'date_mois'))) }}
            as date_debut_annee,
        mod(no_mois_civil + 8, 12) + 1 as rang_mois,
        date_mois,
        date_fin_mois
    from mois_situes
    -- L'année financière 2021-2022 n'est couverte qu'en partie par les extraits : exclue.
    where annee_debut_financiere >= {{ var('premiere_annee') }}
),

fenetres as (
    select
        type_periode,
        periode,
        'cumul_mensuel' as granularite,
        'M' || {{ dbt.right("'0' || " ~ dbt.cast('rang_mois', dbt.type_string()), 2) }} as sous_periode,
        rang_mois as rang,
        date_debut_annee as date_debut,
        date_fin_mois as date_fin,
        date_mois as date_debut_sous_periode
    from mois_par_type

    union all

    select
        type_periode,
        periode,
        'cumul_trimestriel' as granularite,
        'T' || {{ dbt.cast('cast(rang_mois / 3 as integer)', dbt.type_string()) }} as sous_periode,
        cast(rang_mois / 3 as integer) as rang,
        date_debut_annee as date_debut,
        date_fin_mois as date_fin,
        {{ dbt.dateadd('month', -2, 'date_mois') }} as date_debut_sous_periode
    from mois_par_type
    where mod(rang_mois, 3) = 0

    union all

    select
        type_periode,
        periode,
        'annuelle' as granularite,
        'A' as sous_periode,
        1 as rang,
        date_debut_annee as date_debut,
        date_fin_mois as date_fin,
        date_debut_annee as date_debut_sous_periode
    from mois_par_type
    where rang_mois = 12
),

final as (
    select
        type_periode,
        periode,
        granularite,
        sous_periode,
        rang,
        cast(date_debut as date) as date_debut,
        cast(date_fin as date) as date_fin,
        cast(date_debut_sous_periode as date) as date_debut_sous_periode,
        cast(date_fin as date) <= {{ date_extraction() }} as periode_complete,
        cast(date_debut_sous_periode as date) <= {{ date_extraction() }} as est_commencee
    from fenetres
)

select * from final
