-- Ventilations annuelles de 3.1.3 : proportion de réussite des participations évaluées par
-- modalité de chaque dimension. L'unité reste la participation (comme l'indicateur) : chaque
-- participation tombe dans une seule modalité par dimension. Une cellule dont le dénominateur
-- compte moins de 5 participations est supprimée (valeur, numérateur et dénominateur vides).
{%- set dimensions = [
    'sexe', 'scolarite', 'pays_naissance', 'langue_maternelle', 'categorie_immigration',
    'region_prestataire', 'titre_cours',
] %}

with

fenetres_publiees as (
    {{ fenetres_indicateur('3.1.3') }}
),

participations as (
    select * from {{ ref('int_francisation__participations_evaluees_313') }}
),

fenetres as (
    select * from fenetres_publiees
    where granularite = 'annuelle'
),

participations_annee as (
    select
        fenetres.periode,
        fenetres.granularite,
        fenetres.date_debut,
        fenetres.date_fin,
        participations.no_inscription,
        participations.est_reussite,
        participations.sexe,
        participations.groupe_scolarite as scolarite,
        participations.pays_naissance,
        participations.langue_maternelle,
        participations.categorie_immigration,
        participations.region_prestataire,
        participations.titre_cours
    from fenetres
    inner join participations
        on {{ chevauche_fenetre('participations.date_fin_cours', 'participations.date_fin_cours') }}
),

longue as (
    {% for dimension in dimensions %}
        select
            periode,
            granularite,
            date_debut,
            date_fin,
            '{{ dimension }}' as dimension,
            coalesce({{ dimension }}, 'inconnu') as modalite,
            no_inscription,
            est_reussite
        from participations_annee
        {% if not loop.last %}union all{% endif %}
    {% endfor %}
),

cellules as (
    select
        periode,
        granularite,
        date_debut,
        date_fin,
        dimension,
        modalite,
        cast(sum(case when est_reussite then 1 else 0 end) as {{ type_double() }}) as numerateur,
        cast(count(distinct no_inscription) as {{ type_double() }}) as denominateur
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
        cast('3.1.3' as {{ dbt.type_string() }}) as indicateur_id,
        periode,
        granularite,
        cast(date_debut as date) as date_debut,
        cast(date_fin as date) as date_fin,
        dimension,
        modalite,
        cast(
            {{ supprimer_petits_effectifs('denominateur', 'numerateur / denominateur') }}
            as {{ type_double() }}
        ) as valeur,
        cast(
            {{ supprimer_petits_effectifs('denominateur', 'numerateur') }}
            as {{ type_double() }}
        ) as numerateur,
        cast(
            {{ supprimer_petits_effectifs('denominateur', 'denominateur') }}
            as {{ type_double() }}
        ) as denominateur,
        {{ est_cellule_supprimee('denominateur') }} as est_supprimee
    from cellules
)

select * from final
