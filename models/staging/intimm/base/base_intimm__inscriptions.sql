-- Toutes les lignes brutes de intimm_inscriptions.csv, typées, avec les doublons exacts et les
-- lignes invalides marqués (motif de quarantaine). Rien n'est filtré ici.
-- Typage et motifs engendrés par le contrat (macro base_extrait); propre à l'extrait : sigle et
-- prestataire nettoyés comme des codes, dates de cours « manquante ou invalide », fin au plus
-- tôt au début, statut et journées de présence requis (vides : « manquant »).
-- Référence contrôlée : no_client doit exister dans intimm_personnes et y être retenu;
-- sinon quarantaine (« no_client inconnu de intimm_personnes » ou
-- « no_client en quarantaine dans intimm_personnes »).
-- Ordre des motifs : l'ordre historique de l'extrait (premières colonnes), puis le contrat.
{{ base_extrait(
    source('intimm', 'intimm_inscriptions'),
    requises=['jours_presence'],
    textes=['jours_presence'],
    codes=['sigle_cours', 'code_prestataire'],
    ecarts={
        'date_debut_cours': {'invalide': 'manquante ou invalide'},
        'date_fin_cours': {'invalide': 'manquante ou invalide'},
        'enseignant_mifi': {'alias': 'enseignant_mifi_code'},
    },
    regles=[
        {
            'apres': 'date_fin_cours',
            'si': 'date_fin_cours < date_debut_cours',
            'motif': 'date_fin_cours anterieure a date_debut_cours',
        },
        {'avant': 'statut_inscription', 'si': 'statut_inscription is null', 'motif': 'statut_inscription manquant'},
        {'avant': 'jours_presence', 'si': 'jours_presence_texte is null', 'motif': 'jours_presence manquant'},
    ],
    references={'no_client': ref('base_intimm__personnes')},
    ordre=[
        'no_inscription', 'no_client', 'sigle_cours', 'date_debut_cours', 'date_fin_cours',
        'statut_inscription', 'jours_presence'
    ],
) }}
