-- Avertissement : une modalité de pays (ISO 3166-1 alpha-3) ou de région administrative
-- (01-17) absente de son référentiel. Elle est publiée avec le libellé « Pays inconnu (XYZ) »
-- ou « Région inconnue (XX) » dans dim_modalites; ce test la signale pour correction à la
-- source (ou mise à jour du référentiel : python -m mifi.referentiels_pays).
{{ config(severity='warn') }}

with

modalites as (
    select * from {{ ref('dim_modalites') }}
),

dimensions as (
    select * from {{ ref('libelles_dimensions') }}
),

pays as (
    select * from {{ ref('ref_pays') }}
),

regions as (
    select * from {{ ref('ref_regions_administratives') }}
),

inconnues as (
    select
        modalites.dimension,
        modalites.modalite,
        modalites.libelle_modalite
    from modalites
    inner join dimensions
        on modalites.dimension = dimensions.dimension
    left join pays
        on modalites.modalite = pays.code_pays
    left join regions
        on modalites.modalite = regions.code_region
    where
        modalites.modalite != 'inconnu'
        and (
            (dimensions.source_libelles = 'pays' and pays.code_pays is null)
            or (dimensions.source_libelles = 'region' and regions.code_region is null)
        )
)

select * from inconnues
