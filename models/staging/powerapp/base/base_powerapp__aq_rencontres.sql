-- Toutes les lignes brutes de powerapp_aq_rencontres.csv (rencontres avec un agent d'aide à
-- l'intégration), typées, avec les doublons exacts et les lignes invalides marqués (motif de
-- quarantaine). Rien n'est filtré ici.
-- Typage et motifs engendrés par le contrat (macro base_extrait); propre à l'extrait : type et
-- statut requis, date de rencontre brute gardée.
-- Référence contrôlée : id_arrima doit exister dans arrima_clients et y être retenu;
-- sinon quarantaine (« id_arrima inconnu de arrima_clients » ou
-- « id_arrima en quarantaine dans arrima_clients »).
{% set relation = source('powerapp', 'powerapp_aq_rencontres') %}

{{ base_extrait(
    relation,
    ecarts={
        'date_rencontre': {'texte': true},
        'type_rencontre': {'requis': true},
        'statut_rencontre': {'requis': true},
    },
    references=[{'colonne': 'id_arrima', 'parent': ref('base_arrima__clients')}],
) }}
