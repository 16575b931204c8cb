-- Règle protégée (3.1.2, fiche : production trimestrielle, cumul depuis le 1er avril, personnes
-- uniques) : dans une année financière, les cumuls trimestriels produits ne décroissent jamais
-- et le cumul au 31 mars égale la valeur annuelle. Le cumul non produit (T2 2023-2024) est
-- ignoré.
with

resultats as (
    select * from {{ ref('fct_resultats_312') }}
),

cumuls as (
    select
        periode,
        date_fin,
        valeur,
        lag(valeur) over (partition by periode order by date_fin) as valeur_precedente
    from resultats
    where granularite = 'cumul_trimestriel' and est_produite
),

annuels as (
    select
        periode,
        date_fin,
        valeur
    from resultats
    where granularite = 'annuelle'
),

anomalies as (
    select
        periode,
        date_fin,
        'le cumul diminue par rapport au trimestre précédent' as anomalie
    from cumuls
    where valeur < valeur_precedente

    union all

    select
        cumuls.periode,
        cumuls.date_fin,
        'le cumul au 31 mars diffère de la valeur annuelle' as anomalie
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
        '3.1.2 ' || periode || ' au ' || cast(date_fin as {{ dbt.type_string() }}) || ' : ' || anomalie || '.'
            as message
    from anomalies
)

select * from final
