-- Réconciliation des extraits : pour chaque extrait, lignes brutes = lignes retenues par le
-- staging + doublons exacts + lignes mises en quarantaine (détail par motif). Rien ne
-- disparaît en silence (contrat des extraits). Aucune donnée personnelle : des comptes.
--
-- Un extrait = une ligne de la liste ci-dessous : (fichier, modèle base_, modèle stg_).
-- Le modèle base_ porte toutes les lignes brutes typées, avec est_doublon et motif_quarantaine;
-- le modèle stg_ les lignes retenues.
{%- set extraits = [
    ('bdi_declarations.csv', 'base_bdi__declarations', 'stg_bdi__declarations'),
    ('bdi_experiences.csv', 'base_bdi__experiences', 'stg_bdi__experiences'),
    ('bdi_francais.csv', 'base_bdi__francais', 'stg_bdi__francais'),
    ('ref_diagnostics_professions.csv', 'base_referentiels__diagnostics_professions',
        'stg_referentiels__diagnostics_professions'),
    ('arrima_clients.csv', 'base_arrima__clients', 'stg_arrima__clients'),
    ('arrima_aq_inscriptions.csv', 'base_arrima__aq_inscriptions', 'stg_arrima__aq_inscriptions'),
    ('powerapp_aq_rencontres.csv', 'base_powerapp__aq_rencontres', 'stg_powerapp__aq_rencontres'),
    ('arrima_rc_accompagnements.csv', 'base_arrima__rc_accompagnements', 'stg_arrima__rc_accompagnements'),
    ('arrima_paffarc_aides.csv', 'base_arrima__paffarc_aides', 'stg_arrima__paffarc_aides'),
    ('ddrc_projets_recrutement.xlsx', 'base_ddrc__participants', 'stg_ddrc__participants'),
    ('ceriges_services.csv', 'base_ceriges__services', 'stg_ceriges__services'),
    ('gsi_services.csv', 'base_gsi__services', 'stg_gsi__services'),
    ('intimm_personnes.csv', 'base_intimm__personnes', 'stg_intimm__personnes'),
    ('intimm_inscriptions.csv', 'base_intimm__inscriptions', 'stg_intimm__inscriptions'),
    ('intimm_evaluations.csv', 'base_intimm__evaluations', 'stg_intimm__evaluations'),
    ('ref_cours.csv', 'base_referentiels__cours', 'stg_referentiels__cours'),
    ('dgtnri_services_numeriques.xlsx', 'base_dgtnri__services_numeriques', 'stg_dgtnri__services_numeriques'),
] %}

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
            else cast(comptes.nb_quarantaine as double) / comptes.nb_brutes
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
