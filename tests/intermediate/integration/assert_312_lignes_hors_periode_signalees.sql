-- Règle protégée (3.1.2, docs/decisions_methodologiques.md) : « Une ligne CERIGES datée après le
-- 2023-06-30 ou une ligne GSI datée avant le 2023-07-01 est écartée et comptée comme telle. »
-- Avertissement : compte, par système, les lignes mises de côté du mauvais côté de la bascule.
{{ config(severity='warn') }}

with

ecartees as (
    {{ lignes_pasi_ecartees('hors periode du systeme') }}
),

final as (
    select
        systeme_source,
        count(*) as nb_lignes,
        systeme_source || ' : ' || cast(count(*) as {{ dbt.type_string() }})
        || ' ligne(s) datée(s) '
        || case systeme_source when 'CERIGES' then 'après le 2023-06-30' else 'avant le 2023-07-01' end
        || ', hors de la période du système, écartée(s) de l''indicateur 3.1.2.' as message
    from ecartees
    group by systeme_source
)

select * from final
