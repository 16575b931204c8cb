-- Règle protégée (3.1.2, fiche : production trimestrielle « à l'exception du trimestre allant
-- du 1er juillet au 30 septembre 2023 », mise en place de GSI) : le cumul au T2 2023-2024 est
-- publié (dès que le trimestre a commencé à date_extraction), non produit, valeur vide; toutes
-- les autres fenêtres publiées de 3.1.2, dont l'année 2023-2024 entière, sont produites avec
-- une valeur.
with

resultats as (
    select * from {{ ref('fct_resultats_312') }}
),

anomalies as (
    select
        periode,
        granularite,
        date_fin,
        case
            when
                granularite = 'cumul_trimestriel'
                and date_fin = cast('2023-09-30' as date)
                and (est_produite or valeur is not null)
                then 'le cumul au T2 2023-2024 doit être publié non produit, valeur vide'
            when
                not (granularite = 'cumul_trimestriel' and date_fin = cast('2023-09-30' as date))
                and (not est_produite or valeur is null)
                then 'la fenêtre doit être produite avec une valeur'
        end as anomalie
    from resultats

    union all

    select
        '2023-2024' as periode,
        'cumul_trimestriel' as granularite,
        cast('2023-09-30' as date) as date_fin,
        'la ligne du cumul au T2 2023-2024 est absente' as anomalie
    where
        {{ date_extraction() }} >= cast('2023-07-01' as date)
        and not exists (
            select 1
            from resultats
            where granularite = 'cumul_trimestriel' and date_fin = cast('2023-09-30' as date)
        )
),

final as (
    {{ messages_anomalies_fenetres('3.1.2', 'anomalies') }}
)

select * from final
