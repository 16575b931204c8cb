-- Chaque modalité publiée a un libellé non vide (pas seulement non nul), et un même libellé a
-- un seul ordre de tri dans toute la dimension des modalités : condition du « tri par
-- colonne » de Power BI (libelle_modalite trié par ordre).
with

modalites as (
    select * from {{ ref('dim_modalites') }}
),

libelles_vides as (
    select
        libelle_modalite,
        'libellé vide' as motif
    from modalites
    where libelle_modalite is null or trim(libelle_modalite) = ''
),

libelles_a_plusieurs_ordres as (
    select
        libelle_modalite,
        'libellé à plusieurs ordres de tri' as motif
    from modalites
    group by libelle_modalite
    having count(distinct ordre) > 1
),

final as (
    select * from libelles_vides
    union all
    select * from libelles_a_plusieurs_ordres
)

select * from final
