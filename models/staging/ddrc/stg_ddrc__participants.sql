-- Participants DDRC retenus (une ligne par participant d'un projet), sans doublon exact ni
-- ligne en quarantaine, avec leur identifiant de ligne « <onglet exact>#<ligne Excel> » et la clé
-- nominative normalisée qui sert au rapprochement avec ARRIMA (2.2.1).
{{ stg_extrait(
    ref('base_ddrc__participants'),
    avant=[
        "onglet || '#' || " ~ dbt.cast('no_ligne_excel', dbt.type_string()) ~ ' as id_ligne_ddrc',
        'projet',
        'no_ligne_excel',
    ],
    remplacer={
        'code_cnp': ['code_profession', 'version_cnp'],
        'date_debut_accompagnement': 'date_debut',
        'date_fin_accompagnement': 'date_fin',
    },
    ajouts=[cle_nominative('nom', 'prenom', 'date_naissance') ~ ' as cle_nominative'],
) }}
