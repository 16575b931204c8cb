{#
    Test générique — règle « les fenêtres cumulées ne décroissent jamais et la dernière égale la
    valeur annuelle » (fiches : production mensuelle ou trimestrielle en cumul depuis le début
    de l'année, 1er janvier ou 1er avril). S'applique à un modèle fct_resultats_<id> (colonnes
    periode, granularite, date_debut, date_fin, valeur, numerateur, denominateur, est_produite,
    periode_complete). Pour chaque période, sur les fenêtres cumulées ordonnées par date_fin :
    - chaque fenêtre cumulée part du début de l'année et n'en dépasse pas la fin;
    - dénombrement (denominateur vide) : valeur ne décroît jamais;
      proportion (denominateur rempli) : numerateur et denominateur ne décroissent jamais
      (la proportion elle-même peut baisser);
    - une fenêtre non produite (est_produite faux, valeurs vides, ex. 3.1.2 T2 2023-2024) est
      écartée de la comparaison;
    - la fenêtre cumulée qui finit à la fin de l'année a les mêmes valeur, numerateur et
      denominateur que la ligne annuelle; elle doit exister quand l'année est terminée.
    Échoue avec une ligne par anomalie (message en français).
#}
{% test cumuls_croissants_jusqu_a_l_annee(model) %}
with

resultats as (
    select * from {{ model }}
),

annuelles as (
    select
        periode,
        date_debut,
        date_fin,
        valeur,
        numerateur,
        denominateur,
        periode_complete,
        est_produite
    from resultats
    where granularite = 'annuelle'
),

cumuls as (
    select
        periode,
        granularite,
        date_debut,
        date_fin,
        valeur,
        numerateur,
        denominateur,
        est_produite
    from resultats
    where granularite <> 'annuelle'
),

cumuls_produits as (
    select
        periode,
        granularite,
        date_fin,
        valeur,
        numerateur,
        denominateur,
        lag(valeur) over (partition by periode, granularite order by date_fin) as valeur_precedente,
        lag(numerateur) over (partition by periode, granularite order by date_fin) as numerateur_precedent,
        lag(denominateur) over (partition by periode, granularite order by date_fin) as denominateur_precedent
    from cumuls
    where est_produite
),

decroissances as (
    select
        periode,
        granularite,
        date_fin,
        case
            when denominateur is null
                then 'la valeur cumulée diminue par rapport à la fenêtre précédente'
            else 'le numérateur ou le dénominateur cumulé diminue par rapport à la fenêtre précédente'
        end as anomalie
    from cumuls_produits
    where
        (denominateur is null and valeur < valeur_precedente)
        or (
            denominateur is not null
            and (numerateur < numerateur_precedent or denominateur < denominateur_precedent)
        )
),

bornes_hors_annee as (
    select
        cumuls.periode,
        cumuls.granularite,
        cumuls.date_fin,
        case
            when annuelles.periode is null then 'la fenêtre annuelle de la période est absente'
            when cumuls.date_debut <> annuelles.date_debut then 'le cumul ne part pas du début de l''année'
            else 'le cumul finit après la fin de l''année'
        end as anomalie
    from cumuls
    left join annuelles
        on cumuls.periode = annuelles.periode
    where
        annuelles.periode is null
        or cumuls.date_debut <> annuelles.date_debut
        or cumuls.date_fin > annuelles.date_fin
),

fins_d_annee as (
    select
        annuelles.periode,
        coalesce(cumuls.granularite, 'cumul') as granularite,
        annuelles.date_fin,
        case
            when cumuls.periode is null
                then 'la fenêtre cumulée de fin d''année est absente alors que l''année est terminée'
            else 'le cumul de fin d''année diffère de la valeur annuelle'
        end as anomalie
    from annuelles
    left join cumuls
        on
            annuelles.periode = cumuls.periode
            and annuelles.date_fin = cumuls.date_fin
    where
        (cumuls.periode is null and annuelles.periode_complete)
        or (
            annuelles.est_produite
            and cumuls.est_produite
            and (
                cumuls.valeur is distinct from annuelles.valeur
                or cumuls.numerateur is distinct from annuelles.numerateur
                or cumuls.denominateur is distinct from annuelles.denominateur
            )
        )
),

anomalies as (
    select * from decroissances
    union all
    select * from bornes_hors_annee
    union all
    select * from fins_d_annee
),

final as (
    select
        periode,
        granularite,
        date_fin,
        anomalie,
        '{{ model.identifier }} ' || periode || ' ' || granularite || ' au '
        || cast(date_fin as {{ dbt.type_string() }}) || ' : ' || anomalie || '.' as message
    from anomalies
)

select * from final
{% endtest %}
