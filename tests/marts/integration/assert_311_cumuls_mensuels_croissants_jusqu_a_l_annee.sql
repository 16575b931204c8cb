-- Règle protégée (3.1.1, fiche : production mensuelle, cumul du 1er avril à la fin de chaque
-- mois) : dans une année financière, les cumuls mensuels ne décroissent jamais, partent du
-- 1er avril, et le cumul à la fin de mars égale la valeur annuelle.
with

resultats as (
    select * from {{ ref('fct_resultats_311') }}
),

cumuls as (
    select
        periode,
        date_debut,
        date_fin,
        valeur,
        lag(valeur) over (partition by periode order by date_fin) as valeur_precedente
    from resultats
    where granularite = 'cumul_mensuel'
),

annuels as (
    select
        periode,
        date_debut,
        date_fin,
        valeur
    from resultats
    where granularite = 'annuelle'
),

anomalies as (
    select
        periode,
        date_fin,
        'le cumul diminue par rapport au mois précédent' as anomalie
    from cumuls
    where valeur < valeur_precedente

    union all

    select
        cumuls.periode,
        cumuls.date_fin,
        'le cumul ne part pas du début de l''année financière' as anomalie
    from cumuls
    inner join annuels
        on cumuls.periode = annuels.periode
    where cumuls.date_debut <> annuels.date_debut

    union all

    select
        cumuls.periode,
        cumuls.date_fin,
        'le cumul de mars diffère de la valeur annuelle' as anomalie
    from cumuls
    inner join annuels
        on
            cumuls.periode = annuels.periode
            and cumuls.date_fin = annuels.date_fin
    where cumuls.valeur <> annuels.valeur
),

final as (
    select
        periode,
        date_fin,
        anomalie,
        '3.1.1 ' || periode || ' au ' || cast(date_fin as {{ dbt.type_string() }}) || ' : ' || anomalie || '.'
            as message
    from anomalies
)

select * from final
