-- 3.1.2 Participants services PASI : personnes uniques (cle_personne, union des volets 1 à 4,
-- CERIGES jusqu'au 2023-06-30 puis GSI) ayant reçu un service dans la fenêtre; cumuls
-- trimestriels depuis le 1er avril et année financière. Le cumul au T2 2023-2024 est publié
-- non produit (seed periodes_non_produites, via completer_resultats).
with

fenetres as (
    {{ fenetres_indicateur('3.1.2') }}
),

services as (
    select * from {{ ref('int_integration__pasi_participations') }}
),

valeurs as (
    select
        fenetres.periode,
        fenetres.granularite,
        fenetres.date_debut,
        fenetres.date_fin,
        cast(count(distinct services.cle_personne) as double) as valeur,
        cast(null as double) as numerateur,
        cast(null as double) as denominateur
    from fenetres
    left join services
        on {{ chevauche_fenetre('services.date_service', 'services.date_service') }}
    group by
        fenetres.periode,
        fenetres.granularite,
        fenetres.date_debut,
        fenetres.date_fin
),

final as (
    {{ completer_resultats('3.1.2', 'valeurs') }}
)

select * from final
