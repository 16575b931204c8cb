-- Toutes les lignes brutes de powerapp_aq_rencontres.csv (rencontres avec un agent d'aide à
-- l'intégration), typées, avec les doublons exacts et les lignes invalides marqués (motif de
-- quarantaine). Rien n'est filtré ici.
-- Typage et motifs engendrés par le contrat (macro base_extrait); propre à l'extrait : type et
-- statut requis, date de rencontre brute gardée.
-- Référence contrôlée : id_arrima doit exister dans arrima_clients et y être retenu;
-- sinon quarantaine (« id_arrima inconnu de arrima_clients » ou
-- « id_arrima en quarantaine dans arrima_clients »).
{{ base_extrait(
    source('powerapp', 'powerapp_aq_rencontres'),
    requises=['type_rencontre', 'statut_rencontre'],
    textes=['date_rencontre'],
    references={'id_arrima': ref('base_arrima__clients')},
) }}
