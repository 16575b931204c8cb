-- Toutes les lignes brutes de intimm_personnes.csv, typées, avec les doublons exacts et les
-- lignes invalides marqués (motif de quarantaine). Rien n'est filtré ici.
-- Typage et motifs engendrés par le contrat (macro base_extrait); propre à l'extrait : le code
-- H d'Intimm est harmonisé en M (valeurs publiées F, M, X; code source dans sexe_source), une
-- scolarité illisible est invalide, négative, « annees_scolarite negative ».
{{ base_extrait(
    source('intimm', 'intimm_personnes'),
    ecarts={'sexe': {'alias': 'sexe_source'}, 'annees_scolarite': {'bornes': none}},
    regles=[{'apres': 'annees_scolarite', 'si': 'annees_scolarite < 0', 'motif': 'annees_scolarite negative'}],
    derivees=[["sexe", "case sexe_source when 'H' then 'M' when 'F' then 'F' when 'X' then 'X' end"]],
) }}
