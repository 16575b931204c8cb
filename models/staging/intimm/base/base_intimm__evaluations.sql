-- Toutes les lignes brutes de intimm_evaluations.csv, typées, avec les doublons exacts et les
-- lignes invalides marqués (motif de quarantaine). Rien n'est filtré ici.
-- Typage et motifs engendrés par le contrat (macro base_extrait); propre à l'extrait :
-- compétence et type requis, résultat lu aussi comme niveau (1-12, sinon NE), date requise.
-- Référence contrôlée : no_inscription doit exister dans intimm_inscriptions et y être retenu;
-- sinon quarantaine (« no_inscription inconnu de intimm_inscriptions » ou
-- « no_inscription en quarantaine dans intimm_inscriptions »).
{% set relation = source('intimm', 'intimm_evaluations') %}

{{ base_extrait(
    relation,
    ecarts={
        'competence': {'requis': true},
        'type_evaluation': {'requis': true},
        'resultat': {'controle': false, 'suivie_de': [['niveau', convertir_entier('resultat')]]},
        'date_evaluation': {'requis': true, 'invalide': 'manquante ou invalide'},
    },
    regles=[
        {'apres': 'resultat', 'si': 'resultat is null', 'motif': 'resultat manquant'},
        {
            'apres': 'resultat',
            'si': ["resultat <> 'NE'", 'and (niveau is null or niveau not between 1 and 12)'],
            'motif': 'resultat hors echelle',
        },
    ],
    references=[{'colonne': 'no_inscription', 'parent': ref('base_intimm__inscriptions')}],
) }}
