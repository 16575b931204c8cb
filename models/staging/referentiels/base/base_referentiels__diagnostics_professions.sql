-- Toutes les lignes brutes de ref_diagnostics_professions.csv, typées, avec les doublons
-- exacts et les lignes invalides marqués (motif de quarantaine). Rien n'est filtré ici.
-- Typage et motifs engendrés par le contrat (macro base_extrait). Propre à l'extrait : année
-- lisible (sans bornes), version CNP et diagnostic requis, code CNP valide pour sa version; le
-- niveau de compétence (CNP 2016) ou le FÉER (CNP 2021) est obligatoire pour sa version : sans
-- lui, le seuil de français de la profession ne peut pas être fixé.
{{ base_extrait(
    source('referentiels_bdi', 'ref_diagnostics_professions'),
    requises=['version_cnp', 'diagnostic'],
    ecarts={
        'annee': {'bornes': none},
        'niveau_competence': {'controle': false},
        'feer': {'controle': false},
    },
    regles=regles_code_cnp(requis=true) + [
        {
            'si': [
                "version_cnp = '2016'",
                "and (niveau_competence is null or niveau_competence not in ('0', 'A', 'B', 'C', 'D'))",
            ],
            'motif': 'niveau_competence inconnu',
        },
        {
            'si': [
                "version_cnp = '2021'",
                "and (feer is null or feer not in ('0', '1', '2', '3', '4', '5'))",
            ],
            'motif': 'feer inconnu',
        },
    ],
) }}
