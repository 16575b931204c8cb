-- Toutes les lignes brutes de arrima_paffarc_aides.csv, typées, avec les doublons exacts et
-- les lignes invalides marqués (motif de quarantaine). Rien n'est filtré ici.
-- Typage et motifs engendrés par le contrat (macro base_extrait); propre à l'extrait : statut
-- requis; code CNP valide pour sa version (contrôlé après la version).
-- Référence contrôlée : id_arrima doit exister dans arrima_clients et y être retenu;
-- sinon quarantaine (« id_arrima inconnu de arrima_clients » ou
-- « id_arrima en quarantaine dans arrima_clients »).
{{ base_extrait(
    source('arrima', 'arrima_paffarc_aides'),
    requises=['statut_aide'],
    regles=regles_code_cnp(),
    references={'id_arrima': ref('base_arrima__clients')},
) }}
