-- Cellules des ventilations annuelles de 6.1.1 :
--   direction_responsable : la proportion de l'indicateur restreinte à la direction
--     (numérateur : ses nouveaux services conçus avec participation en amont; dénominateur :
--     ses nouveaux services);
--   mode_consultation : le mode n'est renseigné que pour les services conçus avec
--     participation; chaque cellule est la part des nouveaux services de l'année conçus avec ce
--     mode (numérateur : services du mode; dénominateur : tous les nouveaux services de
--     l'année), de sorte que les modes s'additionnent à la valeur de l'indicateur. Les services
--     sans participation forment la modalité `sans_participation`; un service avec
--     participation sans mode saisi, la modalité `inconnu`.
-- Chaque service tombe dans une seule direction : direction_responsable est exclusive (ses
-- cellules s'additionnent au total). Les cellules de mode_consultation s'additionnent au nombre
-- de nouveaux services (sans_participation compris), pas à la valeur de l'indicateur : non
-- exclusive au sens de la publication.
-- Aucune suppression de petits effectifs : l'unité est un service numérique, pas une personne,
-- et le classeur ne contient aucun renseignement personnel (nb_personnes vide).
with

services as (
    select * from {{ ref('int_numerique__nouveaux_services') }}
),

services_fenetres as (
    {{ activites_par_fenetre_annuelle('6.1.1', 'services', expression_debut='date_mise_en_ligne', colonnes=[
        'services.a_participation_clientele_amont',
        'services.direction_responsable',
        'services.mode_consultation',
    ]) }}
),

longue as (
    select
        periode,
        granularite,
        date_debut,
        date_fin,
        'direction_responsable' as dimension,
        coalesce(direction_responsable, 'inconnu') as modalite,
        case when a_participation_clientele_amont then 1 else 0 end as est_au_numerateur,
        1 as est_au_denominateur
    from services_fenetres

    union all

    select
        periode,
        granularite,
        date_debut,
        date_fin,
        'mode_consultation' as dimension,
        case
            when not a_participation_clientele_amont then 'sans_participation'
            else coalesce(mode_consultation, 'inconnu')
        end as modalite,
        1 as est_au_numerateur,
        0 as est_au_denominateur
    from services_fenetres
),

denominateurs_annuels as (
    select
        periode,
        granularite,
        date_fin,
        count(*) as nb_nouveaux_services
    from services_fenetres
    group by
        periode,
        granularite,
        date_fin
),

comptes as (
    select
        longue.periode,
        longue.granularite,
        longue.date_debut,
        longue.date_fin,
        longue.dimension,
        longue.modalite,
        sum(longue.est_au_numerateur) as numerateur,
        case
            when longue.dimension = 'mode_consultation' then max(denominateurs_annuels.nb_nouveaux_services)
            else sum(longue.est_au_denominateur)
        end as denominateur,
        cast(null as {{ type_double() }}) as nb_personnes
    from longue
    inner join denominateurs_annuels
        on
            longue.periode = denominateurs_annuels.periode
            and longue.granularite = denominateurs_annuels.granularite
            and longue.date_fin = denominateurs_annuels.date_fin
    group by
        longue.periode,
        longue.granularite,
        longue.date_debut,
        longue.date_fin,
        longue.dimension,
        longue.modalite
),

final as (
    {{ finaliser_cellules(
        '6.1.1', 'comptes', ['direction_responsable'],
        expression_valeur='cast(numerateur as ' ~ type_double() ~ ') / denominateur',
    ) }}
)

select * from final
