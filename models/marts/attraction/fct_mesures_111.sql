-- Mesures complémentaires de 1.1.1 (d'une autre unité que l'indicateur, qui compte des DI),
-- en format long, pour fct_mesures_complementaires :
--   candidats_distincts : candidats (no_candidat) distincts ayant déposé au moins une DI
--     admissible dans la fenêtre, pour chaque fenêtre publiée (année civile et cumuls mensuels);
--   di_methode_reference : DI admissibles distinctes selon la méthode de la donnée de
--     référence 2022 (niveau oral déclaré, DIPLOME exclu), fenêtres annuelles seulement
--     (reprises de fct_reconstitution_reference_111).
-- Ce sont des totaux : jamais supprimés.
with

declarations as (
    select * from {{ ref('int_attraction__declarations_evaluees') }}
    where est_admissible
),

reconstitution as (
    select * from {{ ref('fct_reconstitution_reference_111') }}
),

candidats as (
    {{ compter_personnes_par_fenetre('1.1.1', 'declarations', 'no_candidat', 'date_depot') }}
),

mesure_candidats as (
    select
        periode,
        granularite,
        date_debut,
        date_fin,
        'candidats_distincts' as mesure,
        'Candidats distincts ayant déposé au moins une DI admissible' as libelle_mesure,
        valeur
    from candidats
),

mesure_reference as (
    select
        periode,
        'annuelle' as granularite,
        date_debut,
        date_fin,
        'di_methode_reference' as mesure,
        'DI admissibles selon la méthode de la donnée de référence 2022' as libelle_mesure,
        valeur_methode_reference as valeur
    from reconstitution
),

unionees as (
    select * from mesure_candidats
    union all
    select * from mesure_reference
),

final as (
    select
        cast('1.1.1' as {{ dbt.type_string() }}) as indicateur_id,
        cast(periode as {{ dbt.type_string() }}) as periode,
        cast(granularite as {{ dbt.type_string() }}) as granularite,
        cast(date_debut as date) as date_debut,
        cast(date_fin as date) as date_fin,
        cast(mesure as {{ dbt.type_string() }}) as mesure,
        cast(libelle_mesure as {{ dbt.type_string() }}) as libelle_mesure,
        cast(valeur as {{ type_double() }}) as valeur
    from unionees
)

select * from final
