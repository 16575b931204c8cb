-- Ventilations annuelles de 1.1.1. Les caractéristiques d'un candidat sont celles de sa
-- dernière DI admissible de l'année (date de dépôt la plus récente; à égalité, le plus grand
-- no_declaration) : une modalité par candidat et par dimension. Cellules de moins de 5
-- candidats supprimées (macro compter_ventilations).
-- S'y ajoute, pour le rapprochement, le nombre de DI admissibles distinctes (dimension
-- `mesure`, modalité `declarations_admissibles`) : un nombre de déclarations, pas de
-- personnes; il n'est pas soumis à la règle des petits effectifs (il n'est jamais ventilé).
with

fenetres as (
    {{ fenetres_indicateur('1.1.1') }}
),

declarations as (
    select * from {{ ref('int_attraction__declarations_evaluees') }}
    where est_admissible
),

declarations_fenetres as (
    select
        fenetres.periode,
        fenetres.granularite,
        fenetres.date_debut,
        fenetres.date_fin,
        declarations.no_declaration,
        declarations.no_candidat,
        declarations.date_depot,
        declarations.date_naissance,
        declarations.sexe,
        declarations.pays_naissance,
        declarations.pays_residence,
        declarations.diplome_plus_eleve,
        declarations.domaine_formation_en_demande,
        declarations.accompagne_conjoint,
        declarations.nb_enfants_accompagnants,
        declarations.mois_experience_admissible,
        declarations.type_preuve_retenue,
        declarations.niveau_oral_retenu,
        row_number() over (
            partition by fenetres.periode, fenetres.granularite, fenetres.date_fin, declarations.no_candidat
            order by declarations.date_depot desc, declarations.no_declaration desc
        ) as rang_recent
    from fenetres
    inner join declarations
        on {{ chevauche_fenetre('declarations.date_depot', 'declarations.date_depot') }}
    where fenetres.granularite = 'annuelle'
),

candidats as (
    select
        periode,
        granularite,
        date_debut,
        date_fin,
        no_candidat as cle_personne,
        {{ age_a_la_date('date_naissance', 'date_depot') }} as age_depot,
        sexe,
        pays_naissance,
        pays_residence,
        diplome_plus_eleve,
        domaine_formation_en_demande,
        accompagne_conjoint,
        nb_enfants_accompagnants,
        mois_experience_admissible,
        type_preuve_retenue,
        niveau_oral_retenu
    from declarations_fenetres
    where rang_recent = 1
),

modalites as (
    select
        periode,
        granularite,
        date_debut,
        date_fin,
        cle_personne,
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
    from candidats
),

longue as (
    {{ depivoter_dimensions('modalites', [
        'groupe_age', 'sexe', 'diplome_plus_eleve', 'domaine_formation_en_demande', 'experience',
        'accompagne_conjoint', 'avec_enfants', 'niveau_francais', 'pays_naissance', 'pays_residence',
    ]) }}
),

personnes as (
    {{ compter_ventilations('1.1.1', 'longue') }}
),

mesure_declarations as (
    select
        cast('1.1.1' as {{ dbt.type_string() }}) as indicateur_id,
        periode,
        granularite,
        cast(date_debut as date) as date_debut,
        cast(date_fin as date) as date_fin,
        'mesure' as dimension,
        'declarations_admissibles' as modalite,
        cast(count(distinct no_declaration) as {{ type_double() }}) as valeur,
        cast(null as {{ type_double() }}) as numerateur,
        cast(null as {{ type_double() }}) as denominateur,
        false as est_supprimee
    from declarations_fenetres
    group by 1, 2, 3, 4, 5, 6
),

final as (
    select * from personnes
    union all
    select * from mesure_declarations
)

select * from final
