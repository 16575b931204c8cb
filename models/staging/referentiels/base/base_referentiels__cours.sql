-- Toutes les lignes brutes de ref_cours.csv, typées, avec les doublons exacts et les lignes
-- invalides marqués (motif de quarantaine). Rien n'est filtré ici.
-- Typage et motifs engendrés par le contrat (macro base_extrait); propre à l'extrait : sigle
-- nettoyé comme un code, indicateurs O/N requis (code brut dans <colonne>_code), niveaux
-- cibles « hors echelle ». Un type de programme hors liste n'est pas une cause de
-- quarantaine : il ne sert qu'aux ventilations, et un test de dérive (avertissement) le signale.
{{ base_extrait(
    source('referentiels', 'ref_cours'),
    requises=['programme_norme', 'scolarite_9_ans_plus', 'evaluation_sommative_finale'],
    codes=['sigle_cours'],
    ecarts={
        'type_programme': {'controle': false},
        'programme_norme': {'alias': 'programme_norme_code'},
        'scolarite_9_ans_plus': {'alias': 'scolarite_9_ans_plus_code'},
        'evaluation_sommative_finale': {'alias': 'evaluation_sommative_finale_code'},
        'niveau_cible_co': {'invalide': 'hors echelle'},
        'niveau_cible_po': {'invalide': 'hors echelle'},
    },
) }}
