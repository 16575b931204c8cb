-- Réconciliation des extraits : pour chaque extrait, lignes brutes = lignes retenues par le
-- staging + doublons exacts + lignes mises en quarantaine (détail par motif). Rien ne
-- disparaît en silence (contrat des extraits). Aucune donnée personnelle : des comptes.
--
-- Un extrait = (fichier, modèle base_, modèle stg_), d'après le contrat des extraits (macro
-- engendrée contrat_extraits(), voir src/mifi/validation/contrat_extraits.py).
-- Le modèle base_ porte toutes les lignes brutes typées, avec est_doublon et motif_quarantaine;
-- le modèle stg_ les lignes retenues.
{%- set extraits = [] %}
{%- for extrait in contrat_extraits() %}
    {%- do extraits.append((extrait.fichier, 'base_' ~ extrait.modele, 'stg_' ~ extrait.modele)) %}
{%- endfor %}

with

lignes as (
    -- import : toutes les lignes brutes de chaque extrait (modèle base_)
    {% for fichier, modele_base, modele_stg in extraits %}
        select
            '{{ fichier }}' as fichier,
            est_doublon,
            motif_quarantaine
        from {{ ref(modele_base) }}
        {% if not loop.last %}union all{% endif %}
    {% endfor %}
),

retenues as (
    -- import : lignes retenues de chaque extrait (modèle stg_)
    {% for fichier, modele_base, modele_stg in extraits %}
        select
            '{{ fichier }}' as fichier,
            '{{ modele_stg }}' as modele_staging,
            count(*) as nb_retenues
        from {{ ref(modele_stg) }}
        {% if not loop.last %}union all{% endif %}
    {% endfor %}
),

comptes as (
    select
        fichier,
        count(*) as nb_brutes,
        cast(sum(case when est_doublon then 1 else 0 end) as {{ dbt.type_bigint() }}) as nb_doublons,
        cast(
            sum(case when not est_doublon and motif_quarantaine is not null then 1 else 0 end)
            as {{ dbt.type_bigint() }}
        ) as nb_quarantaine
    from lignes
    group by fichier
),

quarantaine_par_motif as (
    select
        fichier,
        motif_quarantaine,
        count(*) as nb_lignes
    from lignes
    where
        not est_doublon
        and motif_quarantaine is not null
    group by fichier, motif_quarantaine
),

detail_quarantaine as (
    select
        fichier,
        {{ dbt.listagg(
            "motif_quarantaine || ' : ' || cast(nb_lignes as " ~ dbt.type_string() ~ ")",
            "'; '",
            "order by motif_quarantaine",
        ) }} as detail_quarantaine
    from quarantaine_par_motif
    group by fichier
),

final as (
    -- un extrait sans aucune ligne garde sa ligne de réconciliation (comptes à 0)
    select
        retenues.fichier,
        retenues.modele_staging,
        coalesce(comptes.nb_brutes, 0) as nb_brutes,
        retenues.nb_retenues,
        coalesce(comptes.nb_doublons, 0) as nb_doublons,
        coalesce(comptes.nb_quarantaine, 0) as nb_quarantaine,
        detail_quarantaine.detail_quarantaine,
        case
            when coalesce(comptes.nb_brutes, 0) = 0 then 0.0
            else cast(comptes.nb_quarantaine as {{ type_double() }}) / comptes.nb_brutes
        end as taux_quarantaine,
        coalesce(comptes.nb_brutes, 0)
        = retenues.nb_retenues + coalesce(comptes.nb_doublons, 0) + coalesce(comptes.nb_quarantaine, 0)
            as est_reconcilie
    from retenues
    left join comptes
        on retenues.fichier = comptes.fichier
    left join detail_quarantaine
        on retenues.fichier = detail_quarantaine.fichier
)

select * from final
