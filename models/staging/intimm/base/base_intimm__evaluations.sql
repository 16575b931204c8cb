-- Toutes les lignes brutes de intimm_evaluations.csv, typées, avec les doublons exacts et les
-- lignes invalides marqués (motif de quarantaine). Rien n'est filtré ici.
-- Typage et motifs engendrés par le contrat (macro base_extrait); propre à l'extrait :
-- compétence et type requis, résultat lu aussi comme niveau (1-12, sinon NE), date requise.
-- Référence contrôlée : no_inscription doit exister dans intimm_inscriptions et y être retenu;
-- sinon quarantaine (« no_inscription inconnu de intimm_inscriptions » ou
-- « no_inscription en quarantaine dans intimm_inscriptions »).
{{ base_extrait(
    source('intimm', 'intimm_evaluations'),
    requises=['competence', 'type_evaluation', 'date_evaluation'],
    ecarts={
        'resultat': {'controle': false, 'suivie_de': [['niveau', convertir_entier('resultat')]]},
        'date_evaluation': {'invalide': 'manquante ou invalide'},
    },
    regles=[
        {'apres': 'resultat', 'si': 'resultat is null', 'motif': 'resultat manquant'},
        {
            'apres': 'resultat',
            'si': ["resultat <> 'NE'", 'and (niveau is null or niveau not between 1 and 12)'],
            'motif': 'resultat hors echelle',
        },
    ],
    references={'no_inscription': ref('base_intimm__inscriptions')},
) }}
