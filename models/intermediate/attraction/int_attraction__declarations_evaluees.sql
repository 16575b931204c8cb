-- Une ligne par déclaration d'intérêt (DI), évaluée selon deux méthodes :
--   est_admissible (indicateur 1.1.1) : en_emploi = 'O' et une même expérience admissible
--     (12 mois ou plus, profession en DEFICIT ou LEGER_DEFICIT au diagnostic de l'année du
--     dépôt) dont le seuil de français oral est atteint par au moins une preuve : TEST avec
--     compréhension ET production orales >= seuil, ou DIPLOME. AUTODECLARATION ne compte pas.
--   est_admissible_reference (méthode de la donnée de référence 2022, « avoir et déclaré une
--     connaissance du français de niveau 7 [ou 5] à l'oral ») : mêmes conditions d'emploi et
--     d'expérience, mais la preuve est un niveau oral déclaré : TEST ou AUTODECLARATION avec
--     CO et PO >= seuil de la même expérience. DIPLOME ne compte pas (l'exemption par diplôme
--     est la mesure nouvelle de 2023). Appliquée à toutes les années civiles.
-- Pour les ventilations (méthode de l'indicateur) : l'expérience admissible la plus longue et
-- la preuve retenue (le TEST au plus haut niveau oral, min(CO, PO), sinon le DIPLOME).
with

declarations as (
    select * from {{ ref('stg_bdi__declarations') }}
),

experiences as (
    select * from {{ ref('int_attraction__experiences_diagnostiquees') }}
),

preuves as (
    select * from {{ ref('stg_bdi__francais') }}
),

paires as (
    select
        experiences.no_declaration,
        experiences.mois_experience,
        preuves.type_preuve,
        case
            when preuves.type_preuve in ('TEST', 'AUTODECLARATION')
                then least(preuves.niveau_comprehension_orale, preuves.niveau_production_orale)
        end as niveau_oral,
        (
            preuves.type_preuve = 'DIPLOME'
            or (
                preuves.type_preuve = 'TEST'
                and preuves.niveau_comprehension_orale >= experiences.seuil_oral
                and preuves.niveau_production_orale >= experiences.seuil_oral
            )
        ) as est_suffisante,
        (
            preuves.type_preuve in ('TEST', 'AUTODECLARATION')
            and preuves.niveau_comprehension_orale >= experiences.seuil_oral
            and preuves.niveau_production_orale >= experiences.seuil_oral
        ) as est_suffisante_reference
    from experiences
    inner join preuves
        on experiences.no_declaration = preuves.no_declaration
    where experiences.est_experience_admissible
),

paires_suffisantes as (
    select
        no_declaration,
        mois_experience,
        type_preuve,
        niveau_oral,
        row_number() over (
            partition by no_declaration
            order by
                case when type_preuve = 'TEST' then 0 else 1 end,
                niveau_oral desc,
                mois_experience desc
        ) as rang_preuve
    from paires
    where coalesce(est_suffisante, false)
),

par_declaration as (
    select
        no_declaration,
        max(case when coalesce(est_suffisante, false) then 1 else 0 end) as a_paire_suffisante,
        max(case when coalesce(est_suffisante_reference, false) then 1 else 0 end)
            as a_paire_suffisante_reference,
        max(case when coalesce(est_suffisante, false) then mois_experience end)
            as mois_experience_admissible
    from paires
    group by no_declaration
),

preuve_retenue as (
    select
        no_declaration,
        type_preuve as type_preuve_retenue,
        niveau_oral as niveau_oral_retenu
    from paires_suffisantes
    where rang_preuve = 1
),

final as (
    select
        declarations.no_declaration,
        declarations.no_candidat,
        declarations.date_depot,
        cast(extract(year from declarations.date_depot) as integer) as annee_depot,
        declarations.date_naissance,
        declarations.sexe,
        declarations.pays_naissance,
        declarations.pays_residence,
        declarations.diplome_plus_eleve,
        declarations.domaine_formation_en_demande,
        declarations.accompagne_conjoint,
        declarations.nb_enfants_accompagnants,
        declarations.en_emploi,
        (
            declarations.en_emploi = 'O' and coalesce(par_declaration.a_paire_suffisante, 0) = 1
        ) as est_admissible,
        (
            declarations.en_emploi = 'O'
            and coalesce(par_declaration.a_paire_suffisante_reference, 0) = 1
        ) as est_admissible_reference,
        par_declaration.mois_experience_admissible,
        preuve_retenue.type_preuve_retenue,
        preuve_retenue.niveau_oral_retenu
    from declarations
    left join par_declaration
        on declarations.no_declaration = par_declaration.no_declaration
    left join preuve_retenue
        on declarations.no_declaration = preuve_retenue.no_declaration
)

select * from final
