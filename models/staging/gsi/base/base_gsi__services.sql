-- Toutes les lignes brutes de gsi_services.csv (services PASI du nouveau système), typées, avec
-- les doublons exacts et les lignes invalides marqués (motif de quarantaine). Rien n'est filtré
-- ici. Typage et motifs engendrés par le contrat (macro base_extrait); propre à l'extrait :
-- sexe requis, organisme nettoyé comme un code, dates de naissance et de service brutes
-- gardées. Périmètre du PASI (docs/decisions_methodologiques.md, 3.1.2) : une ligne datée avant
-- la bascule vers GSI (2023-07-01) est mise de côté avec le motif « hors periode du systeme »,
-- un code de volet autre que 1, 2, 3, 4 (liste du contrat) avec le motif « volet hors PASI ».
-- Ordre des motifs : l'ordre historique de l'extrait (premières colonnes), puis le contrat.
{% set relation = source('gsi', 'gsi_services') %}

{{ base_extrait(
    relation,
    requises=['sexe'],
    facultatives=['region_administrative'],
    textes=['date_naissance', 'date_service'],
    codes=['id_organisme'],
    ecarts={'volet': {'controle': false}},
    regles=regles_perimetre_pasi('date_service < ' ~ date_bascule_gsi(), relation),
    ordre=['id_personne', 'date_service', 'date_naissance', 'date_arrivee'],
) }}
