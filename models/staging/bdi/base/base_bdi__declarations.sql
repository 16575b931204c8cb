-- Toutes les lignes brutes de bdi_declarations.csv, typées, avec les doublons exacts et les
-- lignes invalides marqués (motif de quarantaine). Rien n'est filtré ici.
-- Typage et motifs engendrés par le contrat (macro base_extrait); propre à l'extrait : le
-- statut et l'emploi vides sont inconnus.
-- Ordre des motifs : l'ordre historique de l'extrait (premières colonnes), puis le contrat.
{{ base_extrait(
    source('bdi', 'bdi_declarations'),
    requises=['statut_declaration', 'en_emploi'],
    ecarts={'nb_enfants_accompagnants': {'texte': 'nb_enfants_texte'}},
    ordre=[
        'no_declaration', 'no_candidat', 'date_depot', 'date_naissance', 'statut_declaration',
        'sexe', 'diplome_plus_eleve', 'en_emploi'
    ],
) }}
