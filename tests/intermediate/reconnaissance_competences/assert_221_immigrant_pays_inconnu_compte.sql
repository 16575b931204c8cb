-- Règle protégée (« Personne immigrante », 2.2.1) : une personne dont le pays de naissance est
-- inconnu (client ARRIMA, ou participant DDRC sans dossier ARRIMA) est comptée comme immigrante
-- (macro est_personne_immigrante; ni ARRIMA ni DDRC ne donnent de statut d'immigration). Test de
-- dérive (avertissement) : une ligne si des personnes sont comptées sur un pays de naissance
-- inconnu, avec leur nombre, par source du pays.
{{ config(severity='warn') }}

with

services as (
    select * from {{ ref('int_reconnaissance_competences__services') }}
),

sur_pays_inconnu as (
    select
        cle_personne,
        id_service,
        case
            when id_arrima is not null then 'client ARRIMA'
            else 'participant DDRC sans dossier ARRIMA'
        end as source_pays_naissance
    from services
    where {{ est_pays_naissance_inconnu('pays_naissance') }}
),

comptes as (
    select
        source_pays_naissance,
        count(distinct cle_personne) as nb_personnes,
        count(*) as nb_services
    from sur_pays_inconnu
    group by source_pays_naissance
),

final as (
    select
        '2.2.1' as indicateur_id,
        source_pays_naissance,
        nb_personnes,
        nb_services,
        '2.2.1 : ' || cast(nb_personnes as {{ dbt.type_string() }})
        || ' personne(s) comptée(s) comme immigrante(s) sur un pays de naissance inconnu ('
        || source_pays_naissance || ', ' || cast(nb_services as {{ dbt.type_string() }})
        || ' service(s)).' as message
    from comptes
)

select * from final
