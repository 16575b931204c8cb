-- Toutes les lignes brutes de arrima_clients.csv, typées, avec les doublons exacts et les
-- lignes invalides marqués (motif de quarantaine). Rien n'est filtré ici.
-- Typage et motifs engendrés par le contrat (macro base_extrait); propre à l'extrait : sexe
-- requis, date de naissance brute gardée.
-- Ordre des motifs : l'ordre historique de l'extrait (premières colonnes), puis le contrat.
{{ base_extrait(
    source('arrima', 'arrima_clients'),
    requises=['sexe'],
    textes=['date_naissance'],
    ordre=['id_arrima', 'date_naissance', 'date_arrivee_quebec'],
) }}
