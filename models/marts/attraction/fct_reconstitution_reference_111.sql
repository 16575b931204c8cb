-- Reconstitution de la donnée de référence de 1.1.1 : pour chaque année civile, les DI
-- admissibles distinctes selon la méthode de l'indicateur (TEST au seuil ou DIPLOME) et selon
-- la méthode de la donnée de référence 2022 (niveau oral déclaré : TEST ou AUTODECLARATION au
-- seuil, DIPLOME exclu), côte à côte, avec leur écart et, pour l'année de référence, la valeur
-- publiée dans la fiche (seed donnees_reference : 16 739) et l'écart à cette valeur.
with

fenetres as (
    {{ fenetres_indicateur('1.1.1') }}
),

declarations as (
    select * from {{ ref('int_attraction__declarations_evaluees') }}
),

reference as (
    select * from {{ ref('donnees_reference') }}
    where indicateur_id = '1.1.1'
),

annees as (
    select
        periode,
        date_debut,
        date_fin,
        periode_complete
    from fenetres
    where granularite = 'annuelle'
),

valeurs as (
    select
        annees.periode,
        annees.date_debut,
        annees.date_fin,
        annees.periode_complete,
        count(distinct case when declarations.est_admissible then declarations.no_declaration end)
            as valeur_methode_indicateur,
        count(distinct case when declarations.est_admissible_reference then declarations.no_declaration end)
            as valeur_methode_reference
    from annees
    left join declarations
        on {{ chevauche_fenetre('declarations.date_depot', 'declarations.date_depot', 'annees') }}
    group by
        annees.periode,
        annees.date_debut,
        annees.date_fin,
        annees.periode_complete
),

final as (
    select
        valeurs.periode,
        cast(valeurs.date_debut as date) as date_debut,
        cast(valeurs.date_fin as date) as date_fin,
        cast(valeurs.valeur_methode_indicateur as {{ type_double() }}) as valeur_methode_indicateur,
        cast(valeurs.valeur_methode_reference as {{ type_double() }}) as valeur_methode_reference,
        cast(valeurs.valeur_methode_reference - valeurs.valeur_methode_indicateur as {{ type_double() }})
            as ecart_methodes,
        cast(reference.valeur as {{ type_double() }}) as valeur_publiee_fiche,
        cast(valeurs.valeur_methode_reference - reference.valeur as {{ type_double() }})
            as ecart_reconstitution_fiche,
        valeurs.periode_complete
    from valeurs
    left join reference
        on valeurs.periode = {{ dbt.cast('reference.periode', dbt.type_string()) }}
)

select * from final
