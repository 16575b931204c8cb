-- Règle protégée (« Personne immigrante », 3.1.3 et 5.2.1) : une personne dont le pays de
-- naissance est inconnu est comptée comme immigrante, sauf si son statut d'immigration Intimm est
-- CITOYEN_CANADIEN (macro est_personne_immigrante). Test de dérive (avertissement) : une ligne
-- par indicateur qui compte des personnes sur un pays de naissance inconnu, avec leur nombre;
-- une hausse signale une dégradation de la saisie du pays de naissance dans Intimm.
{{ config(severity='warn') }}

with

participations_521 as (
    select * from {{ ref('int_francisation__participations_521') }}
),

participations_313 as (
    select * from {{ ref('int_francisation__participations_evaluees_313') }}
),

sur_pays_inconnu as (
    select
        '5.2.1' as indicateur_id,
        no_client,
        no_inscription
    from participations_521
    where {{ est_pays_naissance_inconnu('pays_naissance') }}

    union all

    select
        '3.1.3' as indicateur_id,
        no_client,
        no_inscription
    from participations_313
    where {{ est_pays_naissance_inconnu('pays_naissance') }}
),

comptes as (
    select
        indicateur_id,
        count(distinct no_client) as nb_personnes,
        count(*) as nb_participations
    from sur_pays_inconnu
    group by indicateur_id
),

final as (
    select
        indicateur_id,
        nb_personnes,
        nb_participations,
        indicateur_id || ' : ' || cast(nb_personnes as {{ dbt.type_string() }})
        || ' personne(s) comptée(s) comme immigrante(s) sur un pays de naissance inconnu ('
        || cast(nb_participations as {{ dbt.type_string() }})
        || ' participation(s)); statut d''immigration autre que CITOYEN_CANADIEN.' as message
    from comptes
)

select * from final
