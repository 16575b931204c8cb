-- Toutes les lignes brutes de bdi_experiences.csv, typées, avec les doublons exacts et les
-- lignes invalides marqués (motif de quarantaine). Rien n'est filtré ici.
-- Typage et motifs engendrés par le contrat (macro base_extrait). Propre à l'extrait : version
-- CNP et mois d'expérience requis; code CNP valide pour sa version, contrôlé après la version.
-- Référence contrôlée : no_declaration doit exister dans bdi_declarations et y être retenu;
-- sinon quarantaine (« no_declaration inconnu de bdi_declarations » ou
-- « no_declaration en quarantaine dans bdi_declarations »).
{{ base_extrait(
    source('bdi', 'bdi_experiences'),
    requises=['version_cnp', 'mois_experience'],
    regles=regles_code_cnp(requis=true),
    references={'no_declaration': ref('base_bdi__declarations')},
) }}
