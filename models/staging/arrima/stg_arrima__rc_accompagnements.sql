-- Accompagnements en reconnaissance des compétences retenus : sans doublon exact ni ligne en
-- quarantaine. Tous les prestataires sont gardés ici (l'exclusion de Qualifications Québec
-- est une règle de l'indicateur 2.2.1, appliquée en intermédiaire).
with

base as (
    select * from {{ ref('base_arrima__rc_accompagnements') }}
),

final as (
    select
        id_accompagnement,
        id_arrima,
        prestataire,
        date_debut,
        date_fin,
        code_profession,
        version_cnp
    from base
    where
        not est_doublon
        and motif_quarantaine is null
)

select * from final
