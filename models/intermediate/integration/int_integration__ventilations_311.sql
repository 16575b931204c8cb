-- 3.1.1 Participants AQ : cellules des ventilations annuelles (non supprimées; contrôle de la
-- divulgation à la publication). Fiche : au Québec et pré-départ, catégorie d'immigration,
-- région administrative, DR, nouveaux participants. Une personne compte une fois par
-- modalité; lieu de service et DR sont ceux de l'inscription rattachée à chacune de ses
-- évaluations de l'année (plusieurs possibles : dimensions non exclusives). Catégorie et
-- région sont celles du client ARRIMA, nouveau participant celle de la personne : une seule
-- modalité par personne (dimensions exclusives).
with

evaluations as (
    select * from {{ ref('int_integration__aq_evaluations') }}
),

evaluations_annuelles as (
    {{ activites_par_fenetre_annuelle('3.1.1', 'evaluations', expression_debut='date_rencontre', colonnes=[
        'evaluations.id_arrima',
        'evaluations.lieu_service',
        'evaluations.categorie_immigration',
        'evaluations.region_administrative',
        'evaluations.direction_regionale',
        "case when evaluations.date_premiere_evaluation between fenetres.date_debut and fenetres.date_fin"
        ~ " then 'oui' else 'non' end as nouveau_participant",
    ]) }}
),

longue as (
    {% set dimensions = [
        'lieu_service', 'categorie_immigration', 'region_administrative', 'direction_regionale',
        'nouveau_participant',
    ] %}
    {{ depivoter_dimensions('evaluations_annuelles', dimensions, cle_personne='id_arrima') }}
),

final as (
    {{ compter_ventilations('3.1.1', 'longue', dimensions_exclusives=[
        'categorie_immigration', 'region_administrative', 'nouveau_participant',
    ]) }}
)

select * from final
