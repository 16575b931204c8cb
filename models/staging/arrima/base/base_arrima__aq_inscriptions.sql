-- Toutes les lignes brutes de arrima_aq_inscriptions.csv (inscriptions à Accompagnement
-- Québec), typées, avec les doublons exacts et les lignes invalides marqués (motif de
-- quarantaine). Rien n'est filtré ici.
-- Typage et motifs engendrés par le contrat (macro base_extrait); propre à l'extrait :
-- admissibilité et statut requis, date d'inscription brute gardée, direction régionale
-- nettoyée comme un code.
-- Référence contrôlée : id_arrima doit exister dans arrima_clients et y être retenu;
-- sinon quarantaine (« id_arrima inconnu de arrima_clients » ou
-- « id_arrima en quarantaine dans arrima_clients »).
{{ base_extrait(
    source('arrima', 'arrima_aq_inscriptions'),
    requises=['admissible', 'statut_inscription'],
    textes=['date_inscription'],
    codes=['direction_regionale'],
    references={'id_arrima': ref('base_arrima__clients')},
) }}
