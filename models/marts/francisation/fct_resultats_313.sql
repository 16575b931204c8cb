-- 3.1.3 Proportion des personnes immigrantes évaluées ayant atteint les niveaux cibles du
-- cours à l'oral : réussites / participations évaluées dont la session se termine
-- (date_fin_cours) dans la fenêtre, pour l'année financière et chaque cumul trimestriel.
-- Valeur vide quand aucune participation n'est évaluée (numérateur et dénominateur à 0).
with

fenetres as (
    {{ fenetres_indicateur('3.1.3') }}
),

participations as (
    select * from {{ ref('int_francisation__participations_evaluees_313') }}
),

comptes as (
    select
        fenetres.periode,
        fenetres.granularite,
        fenetres.date_debut,
        fenetres.date_fin,
        cast(sum(case when participations.est_reussite then 1 else 0 end) as {{ type_double() }})
            as numerateur,
        cast(count(participations.no_inscription) as {{ type_double() }}) as denominateur
    from fenetres
    left join participations
        on {{ chevauche_fenetre('participations.date_fin_cours', 'participations.date_fin_cours') }}
    group by
        fenetres.periode,
        fenetres.granularite,
        fenetres.date_debut,
        fenetres.date_fin
),

valeurs as (
    select
        periode,
        granularite,
        date_debut,
        date_fin,
        numerateur / nullif(denominateur, 0) as valeur,
        numerateur,
        denominateur
    from comptes
),

final as (
    {{ completer_resultats('3.1.3', 'valeurs') }}
)

select * from final
