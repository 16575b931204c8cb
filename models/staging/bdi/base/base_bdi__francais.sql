-- Toutes les lignes brutes de bdi_francais.csv, typées, avec les doublons exacts et les
-- lignes invalides marqués (motif de quarantaine). Rien n'est filtré ici.
-- Typage et motifs engendrés par le contrat (macro base_extrait); propre à l'extrait : type de
-- preuve requis.
-- Référence contrôlée : no_declaration doit exister dans bdi_declarations et y être retenu;
-- sinon quarantaine (« no_declaration inconnu de bdi_declarations » ou
-- « no_declaration en quarantaine dans bdi_declarations »).
{{ base_extrait(
    source('bdi', 'bdi_francais'),
    requises=['type_preuve'],
    ecarts={
        'niveau_comprehension_orale': {'texte': 'niveau_co_texte'},
        'niveau_production_orale': {'texte': 'niveau_po_texte'},
    },
    references={'no_declaration': ref('base_bdi__declarations')},
) }}
