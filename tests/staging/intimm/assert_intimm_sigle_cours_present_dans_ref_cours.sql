-- Règle protégée (5.2.1 : cours « offerts en vertu des programmes normés du Ministère »,
-- ref_cours.programme_norme = 'O'; 3.1.3 : conditions du cours lues dans ref_cours) : chaque
-- sigle de cours des inscriptions Intimm figure dans le référentiel ref_cours. Un sigle absent
-- ne permet pas d'établir que le cours est normé : ses inscriptions sont exclues de 5.2.1 et de
-- 3.1.3. Test de dérive (avertissement) : une ligne par sigle absent, avec son nombre
-- d'inscriptions et, parmi elles, de participations au sens de 5.2.1 (ni ANNULEE ni DESISTEMENT,
-- au moins une journée de présence) ainsi écartées.
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
        count(*) as nb_inscriptions,
        sum(
            case
                when
                    inscriptions.statut_inscription not in ('ANNULEE', 'DESISTEMENT')
                    and inscriptions.jours_presence >= 1
                    then 1
                else 0
            end
        ) as nb_participations_exclues_521
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
        nb_participations_exclues_521,
        'Sigle de cours ' || sigle_cours || ' absent de ref_cours.csv ('
        || cast(nb_inscriptions as {{ dbt.type_string() }}) || ' inscription(s), dont '
        || cast(nb_participations_exclues_521 as {{ dbt.type_string() }})
        || ' participation(s)) : exclues de 5.2.1 (programme normé non établi) et de 3.1.3.'
            as message
    from sigles_inconnus
)

select * from final
