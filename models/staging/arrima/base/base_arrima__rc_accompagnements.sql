-- Toutes les lignes brutes de arrima_rc_accompagnements.csv, typées, avec les doublons exacts
-- et les lignes invalides marqués (motif de quarantaine). Rien n'est filtré ici.
-- Typage et motifs engendrés par le contrat (macro base_extrait); propre à l'extrait :
-- prestataire requis, fin au plus tôt au début, code CNP valide pour sa version (contrôlé
-- après la version).
-- Référence contrôlée : id_arrima doit exister dans arrima_clients et y être retenu;
-- sinon quarantaine (« id_arrima inconnu de arrima_clients » ou
-- « id_arrima en quarantaine dans arrima_clients »).
-- Ordre des motifs : l'ordre historique de l'extrait (premières colonnes), puis le contrat.
{{ base_extrait(
    source('arrima', 'arrima_rc_accompagnements'),
    requises=['prestataire'],
    regles=[
        {'apres': 'date_fin', 'si': 'date_fin < date_debut', 'motif': 'date_fin anterieure a date_debut'},
    ] + regles_code_cnp(),
    references={'id_arrima': ref('base_arrima__clients')},
    ordre=['id_accompagnement', 'id_arrima', 'date_debut', 'date_fin'],
) }}
