-- Ventilations annuelles de 6.1.1 : direction responsable et mode de consultation. Chaque
-- cellule est la proportion de l'indicateur restreinte à la modalité (numérateur : nouveaux
-- services de la modalité conçus avec participation en amont; dénominateur : nouveaux services
-- de la modalité).
-- Aucune suppression de petits effectifs : l'unité est un service numérique, pas une personne,
-- et le classeur ne contient aucun renseignement personnel (est_supprimee toujours faux).
with

fenetres as (
    {{ fenetres_indicateur('6.1.1') }}
),

services as (
    select * from {{ ref('int_numerique__nouveaux_services') }}
),

services_fenetres as (
    select
        fenetres.periode,
        fenetres.granularite,
        fenetres.date_debut,
        fenetres.date_fin,
        services.a_participation_clientele_amont,
        services.direction_responsable,
        services.mode_consultation
    from fenetres
    inner join services
        on {{ chevauche_fenetre('services.date_mise_en_ligne', 'services.date_mise_en_ligne') }}
    where fenetres.granularite = 'annuelle'
),

longue as (
    select
        periode,
        granularite,
        date_debut,
        date_fin,
        'direction_responsable' as dimension,
        coalesce(direction_responsable, 'inconnu') as modalite,
        a_participation_clientele_amont
    from services_fenetres

    union all

    select
        periode,
        granularite,
        date_debut,
        date_fin,
        'mode_consultation' as dimension,
        coalesce(mode_consultation, 'inconnu') as modalite,
        a_participation_clientele_amont
    from services_fenetres
),

comptes as (
    select
        periode,
        granularite,
        date_debut,
        date_fin,
        dimension,
        modalite,
        count(*) as denominateur,
        sum(case when a_participation_clientele_amont then 1 else 0 end) as numerateur
    from longue
    group by
        periode,
        granularite,
        date_debut,
        date_fin,
        dimension,
        modalite
),

final as (
    select
        cast('6.1.1' as {{ dbt.type_string() }}) as indicateur_id,
        periode,
        granularite,
        cast(date_debut as date) as date_debut,
        cast(date_fin as date) as date_fin,
        dimension,
        modalite,
        cast(numerateur as double) / denominateur as valeur,
        cast(numerateur as double) as numerateur,
        cast(denominateur as double) as denominateur,
        false as est_supprimee
    from comptes
)

select * from final
