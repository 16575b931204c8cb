-- Cellules des ventilations annuelles de 1.1.1 (non supprimées; contrôle de la divulgation à
-- la publication). L'unité est celle de l'indicateur, la déclaration d'intérêt admissible :
-- chaque DI est ventilée selon ses propres caractéristiques (âge au dépôt, sexe, preuve de
-- français retenue...), une seule modalité par dimension : toutes les dimensions sont
-- exclusives. nb_personnes : candidats distincts derrière les DI de la cellule.
with

declarations as (
    select * from {{ ref('int_attraction__declarations_evaluees') }}
    where est_admissible
),

declarations_annuelles as (
    {{ activites_par_fenetre_annuelle('1.1.1', 'declarations', expression_debut='date_depot', colonnes=[
        'declarations.no_declaration',
        'declarations.no_candidat',
        age_a_la_date('declarations.date_naissance', 'declarations.date_depot') ~ ' as age_depot',
        'declarations.sexe',
        'declarations.pays_naissance',
        'declarations.pays_residence',
        'declarations.diplome_plus_eleve',
        'declarations.domaine_formation_en_demande',
        'declarations.accompagne_conjoint',
        'declarations.nb_enfants_accompagnants',
        'declarations.mois_experience_admissible',
        'declarations.type_preuve_retenue',
        'declarations.niveau_oral_retenu',
    ]) }}
),

modalites as (
    select
        periode,
        granularite,
        date_debut,
        date_fin,
        no_declaration,
        no_candidat as cle_personne,
        case
            when age_depot is null then null
            when age_depot < 18 then 'moins de 18'
            when age_depot < 25 then '18-24'
            when age_depot < 35 then '25-34'
            when age_depot < 45 then '35-44'
            when age_depot < 55 then '45-54'
            else '55+'
        end as groupe_age,
        sexe,
        lower(diplome_plus_eleve) as diplome_plus_eleve,
        case domaine_formation_en_demande when 'O' then 'oui' when 'N' then 'non' end
            as domaine_formation_en_demande,
        case
            when mois_experience_admissible is null then null
            when mois_experience_admissible < 24 then '12-23'
            when mois_experience_admissible < 60 then '24-59'
            else '60+'
        end as experience,
        case accompagne_conjoint when 'O' then 'oui' when 'N' then 'non' end as accompagne_conjoint,
        case
            when nb_enfants_accompagnants is null then null
            when nb_enfants_accompagnants > 0 then 'oui'
            else 'non'
        end as avec_enfants,
        case
            when type_preuve_retenue = 'DIPLOME' then 'DIPLOME'
            when niveau_oral_retenu is null then null
            when niveau_oral_retenu <= 6 then '5-6'
            when niveau_oral_retenu <= 8 then '7-8'
            else '9+'
        end as niveau_francais,
        pays_naissance,
        pays_residence
    from declarations_annuelles
),

{%- set dimensions = [
    'groupe_age', 'sexe', 'diplome_plus_eleve', 'domaine_formation_en_demande', 'experience',
    'accompagne_conjoint', 'avec_enfants', 'niveau_francais', 'pays_naissance', 'pays_residence',
] %}

longue as (
    {{ depivoter_dimensions('modalites', dimensions, colonnes_supplementaires=['no_declaration']) }}
),

final as (
    {{ compter_ventilations('1.1.1', 'longue', dimensions, cle_unite='no_declaration') }}
)

select * from final
