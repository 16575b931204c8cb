-- Toutes les lignes brutes de gsi_services.csv (services PASI du nouveau système), typées, avec
-- les doublons exacts et les lignes invalides marqués (motif de quarantaine). Rien n'est filtré
-- ici. Typage et motifs engendrés par le contrat (macro base_extrait); règles communes aux
-- services PASI de CERIGES et de GSI (sexe requis, dates de naissance et de service brutes
-- gardées, périmètre du PASI) : macro base_services_pasi. Propre à l'extrait : organisme
-- nettoyé comme un code; une ligne datée avant la bascule vers GSI (2023-07-01) est mise de
-- côté avec le motif « hors periode du systeme » (docs/decisions_methodologiques.md, 3.1.2), un
-- code de volet autre que 1, 2, 3, 4 (liste du contrat) avec le motif « volet hors PASI ».
-- Ordre des motifs : l'ordre historique de l'extrait (premières colonnes), puis le contrat.
{% set relation = source('gsi', 'gsi_services') %}

{{ base_services_pasi(
    relation,
    hors_periode='date_service < ' ~ date_bascule_gsi(),
    codes=['id_organisme'],
    ordre=['id_personne', 'date_service', 'date_naissance', 'date_arrivee'],
) }}
