-- Toutes les lignes du classeur DDRC (tous les onglets), typées, avec les doublons exacts et
-- les lignes invalides marqués (motif de quarantaine). Rien n'est filtré ici.
-- Typage et motifs engendrés par le contrat (macro base_extrait); propre à l'extrait : nom et
-- prénom contrôlés ensemble, code CNP nommé code_profession avec sa version déduite du nombre
-- de chiffres, dates d'accompagnement nommées date_debut et date_fin (fin au plus tôt au début).
{{ base_extrait(
    source('ddrc', 'ddrc_projets_recrutement'),
    codes=['pays_naissance'],
    ecarts={
        'nom': {'controle': false},
        'prenom': {'controle': false},
        'code_cnp': {
            'alias': 'code_profession',
            'suivie_de': [['version_cnp', version_cnp_du_code(nettoyer_code('code_cnp'))]],
        },
        'date_debut_accompagnement': {'alias': 'date_debut', 'libelle': 'date_debut'},
        'date_fin_accompagnement': {'alias': 'date_fin', 'libelle': 'date_fin'},
    },
    regles=[
        {'avant': 'date_naissance', 'si': 'nom is null or prenom is null', 'motif': 'nom ou prenom manquant'},
        {'apres': 'date_fin_accompagnement', 'si': 'date_fin < date_debut', 'motif': 'date_fin anterieure a date_debut'},
        {'si': 'code_profession is not null and version_cnp is null', 'motif': 'code_cnp invalide'},
    ],
) }}
