-- Toutes les lignes brutes de ceriges_services.csv (services PASI de l'ancien système), typées,
-- avec les doublons exacts et les lignes invalides marqués (motif de quarantaine). Rien n'est
-- filtré ici. Typage et motifs engendrés par le contrat (macro base_extrait); règles communes
-- aux services PASI de CERIGES et de GSI (sexe requis, dates de naissance et de service brutes
-- gardées, périmètre du PASI) : macro base_services_pasi. Propre à l'extrait : codes
-- d'organisme et de service nettoyés comme des codes; une ligne datée à partir de la bascule
-- vers GSI (2023-07-01) est mise de côté avec le motif « hors periode du systeme »
-- (docs/decisions_methodologiques.md, 3.1.2), un volet autre que V1, V1A, V2, V3, V4 (liste du
-- contrat) avec le motif « volet hors PASI ».
-- Ordre des motifs : l'ordre historique de l'extrait (premières colonnes), puis le contrat.
{% set relation = source('ceriges', 'ceriges_services') %}

{{ base_services_pasi(
    relation,
    hors_periode='date_service >= ' ~ date_bascule_gsi(),
    codes=['code_organisme', 'code_service'],
    ordre=['no_dossier', 'date_service', 'date_naissance', 'date_arrivee'],
) }}
