-- Règle protégée (3.1.2, docs/decisions_methodologiques.md) : « V1A appartient au volet 1. Tout autre
-- code de volet est exclu et signalé. » Test de dérive (avertissement) : liste chaque code de
-- volet hors PASI rencontré dans CERIGES ou GSI, avec son nombre de lignes mises de côté.
{{ config(severity='warn') }}

with

ecartees as (
    {{ lignes_pasi_ecartees('volet hors PASI', colonnes=['volet']) }}
),

comptes as (
    select
        systeme_source,
        coalesce(volet, '(vide)') as volet,
        count(*) as nb_lignes
    from ecartees
    group by
        systeme_source,
        coalesce(volet, '(vide)')
),

final as (
    select
        systeme_source,
        volet,
        nb_lignes,
        systeme_source || ' : ' || cast(nb_lignes as {{ dbt.type_string() }})
        || ' ligne(s) au code de volet « ' || volet
        || ' », hors PASI, exclue(s) de l''indicateur 3.1.2.' as message
    from comptes
)

select * from final
