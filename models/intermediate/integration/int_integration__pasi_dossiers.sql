-- 3.1.2 : une ligne par dossier PASI (no_dossier CERIGES ou id_personne GSI), avec la clé de
-- la personne (docs/decisions_methodologiques.md, 3.1.2) : la clé nominative (nom, prénom, date
-- de naissance normalisés) la plus fréquente parmi les services du dossier; à égalité, la plus
-- petite dans l'ordre alphabétique. Les personnes sont les clés distinctes : un dossier CERIGES
-- et un dossier GSI de même clé sont une seule personne. Les services du dossier retenus au
-- staging (valides, dans le périmètre du PASI) servent à établir la clé.
with

services as (
    select * from {{ ref('int_integration__pasi_services') }}
),

frequences as (
    select
        systeme_source,
        id_dossier,
        cle_nominative,
        min(date_naissance) as date_naissance,
        cast(count(*) as integer) as nb_services_cle
    from services
    group by
        systeme_source,
        id_dossier,
        cle_nominative
),

classees as (
    select
        *,
        row_number() over (
            partition by systeme_source, id_dossier
            order by nb_services_cle desc, cle_nominative asc
        ) as rang_cle,
        cast(count(*) over dossier as integer) as nb_cles_distinctes,
        cast(sum(nb_services_cle) over dossier as integer) as nb_services
    from frequences
    window dossier as (partition by systeme_source, id_dossier)
),

final as (
    select
        systeme_source,
        id_dossier,
        cle_nominative as cle_personne,
        date_naissance,
        nb_services,
        nb_cles_distinctes
    from classees
    where rang_cle = 1
)

select * from final
