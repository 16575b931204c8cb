-- Indicateur 6.1.1 : proportion des nouveaux services numériques mis en ligne dans la fenêtre
-- (année financière et cumuls trimestriels depuis le 1er avril) conçus avec la participation
-- en amont des clientèles. Dénominateur : nouveaux services mis en ligne dans la fenêtre;
-- numérateur : parmi eux, participation en amont = Oui. Fenêtre sans nouveau service : valeur
-- vide (jamais 0 %), numérateur et dénominateur à 0.
with

fenetres as (
    {{ fenetres_indicateur('6.1.1') }}
),

services as (
    select * from {{ ref('int_numerique__nouveaux_services') }}
),

comptes as (
    select
        fenetres.periode,
        fenetres.granularite,
        fenetres.date_debut,
        fenetres.date_fin,
        count(services.identifiant) as nb_nouveaux_services,
        sum(case when services.a_participation_clientele_amont then 1 else 0 end)
            as nb_avec_participation
    from fenetres
    left join services
        on {{ chevauche_fenetre('services.date_mise_en_ligne', 'services.date_mise_en_ligne') }}
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
        cast(
            case
                when nb_nouveaux_services > 0
                    then cast(nb_avec_participation as double) / nb_nouveaux_services
            end as double
        ) as valeur,
        cast(coalesce(nb_avec_participation, 0) as double) as numerateur,
        cast(nb_nouveaux_services as double) as denominateur
    from comptes
),

final as (
    {{ completer_resultats('6.1.1', 'valeurs') }}
)

select * from final
