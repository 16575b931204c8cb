-- Indicateur 2.2.1 : personnes distinctes ayant reçu au moins un service en reconnaissance des
-- compétences (accompagnement CRRC, accompagnement DDRC, aide PAFFARC accordée) dans chaque
-- fenêtre publiée (année financière et cumuls trimestriels depuis le 1er avril).
-- Un accompagnement compte dans chaque fenêtre que chevauche [date_debut, date_fin_effective];
-- une aide, dans la fenêtre de sa date de décision.
with

fenetres as (
    {{ fenetres_indicateur('2.2.1') }}
),

services as (
    select * from {{ ref('int_reconnaissance_competences__services') }}
),

valeurs as (
    select
        fenetres.periode,
        fenetres.granularite,
        fenetres.date_debut,
        fenetres.date_fin,
        cast(count(distinct services.cle_personne) as double) as valeur,
        cast(null as double) as numerateur,
        cast(null as double) as denominateur
    from fenetres
    left join services
        on {{ chevauche_fenetre('services.date_debut', 'services.date_fin_effective') }}
    group by
        fenetres.periode,
        fenetres.granularite,
        fenetres.date_debut,
        fenetres.date_fin
),

final as (
    {{ completer_resultats('2.2.1', 'valeurs') }}
)

select * from final
