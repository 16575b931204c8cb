-- Personnes Intimm avec les attributs dérivés communs à 5.2.1 et 3.1.3 : groupe de scolarité et
-- continent de naissance. Le statut de personne immigrante est établi dans chaque indicateur par
-- la macro est_personne_immigrante (pays de naissance et statut d'immigration).
with

personnes as (
    select * from {{ ref('stg_intimm__personnes') }}
),

pays as (
    select * from {{ ref('ref_pays') }}
),

final as (
    select
        personnes.no_client,
        personnes.date_naissance,
        personnes.sexe,
        personnes.pays_naissance,
        pays.continent as continent_naissance,
        personnes.langue_maternelle,
        personnes.statut_immigration,
        personnes.categorie_immigration,
        personnes.annees_scolarite,
        -- Groupes de scolarité (décisions méthodologiques, 5.2.1) : moins de 9 ans (sous le
        -- seuil des programmes « 9 ans ou plus »), 9-11 (secondaire), 12-15 (postsecondaire),
        -- 16 et plus (baccalauréat ou plus).
        case
            when personnes.annees_scolarite is null then null
            when personnes.annees_scolarite < 9 then 'moins de 9'
            when personnes.annees_scolarite <= 11 then '9-11'
            when personnes.annees_scolarite <= 15 then '12-15'
            else '16+'
        end as groupe_scolarite
    from personnes
    left join pays
        on personnes.pays_naissance = pays.code_pays
)

select * from final
