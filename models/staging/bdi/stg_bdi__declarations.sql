-- Déclarations d'intérêt retenues : sans doublon exact ni ligne en quarantaine.
with

base as (
    select * from {{ ref('base_bdi__declarations') }}
),

final as (
    select
        no_declaration,
        no_candidat,
        date_depot,
        statut_declaration,
        date_naissance,
        sexe,
        pays_naissance,
        pays_residence,
        diplome_plus_eleve,
        domaine_formation_en_demande,
        en_emploi,
        accompagne_conjoint,
        nb_enfants_accompagnants
    from base
    where
        not est_doublon
        and motif_quarantaine is null
)

select * from final
