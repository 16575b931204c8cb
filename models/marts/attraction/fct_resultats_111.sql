-- Indicateur 1.1.1 : candidats distincts (no_candidat) ayant déposé au moins une déclaration
-- d'intérêt admissible dans la fenêtre (année civile et cumuls mensuels depuis le 1er janvier).
-- Une DI est un événement ponctuel à sa date de dépôt.
with

fenetres as (
    {{ fenetres_indicateur('1.1.1') }}
),

declarations as (
    select * from {{ ref('int_attraction__declarations_evaluees') }}
    where est_admissible
),

valeurs as (
    select
        fenetres.periode,
        fenetres.granularite,
        fenetres.date_debut,
        fenetres.date_fin,
        cast(count(distinct declarations.no_candidat) as double) as valeur,
        cast(null as double) as numerateur,
        cast(null as double) as denominateur
    from fenetres
    left join declarations
        on {{ chevauche_fenetre('declarations.date_depot', 'declarations.date_depot') }}
    group by
        fenetres.periode,
        fenetres.granularite,
        fenetres.date_debut,
        fenetres.date_fin
),

final as (
    {{ completer_resultats('1.1.1', 'valeurs') }}
)

select * from final
