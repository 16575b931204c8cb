"""Contrat des extraits bruts (shared/contrat-extraits.md), en données Python typées.

Seule description Python du contrat : noms des 17 fichiers, encodages, séparateurs, en-têtes
exacts (dans l'ordre), colonnes de dates et leur format. Module de données pur (aucune
lecture de fichier ici) : le traitement de nuit (contrôles de base, ``mifi.nuit``) et la
validation Great Expectations (``mifi.validation``) s'en servent tous deux.

Exemple ::

    from mifi.contrat import EXTRAITS, extrait

    for fichier in EXTRAITS:
        print(fichier.nom, fichier.encodage, fichier.colonnes)
    extrait("ceriges_services.csv").format_date   # 'JJ/MM/AAAA'
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Encodage = Literal["utf-8", "utf-8-sig", "cp1252", "xlsx"]
"""``utf-8`` : UTF-8 sans BOM; ``utf-8-sig`` : UTF-8 avec BOM; ``cp1252`` : Windows-1252;
``xlsx`` : classeur Excel."""

FormatDate = Literal["AAAA-MM-JJ", "JJ/MM/AAAA", "excel"]
"""``excel`` : cellule date Excel, parfois du texte ``JJ/MM/AAAA``."""

MOTIFS_FORMAT_DATE: dict[str, str] = {
    "AAAA-MM-JJ": r"^\d{4}-\d{2}-\d{2}$",
    "JJ/MM/AAAA": r"^\d{2}/\d{2}/\d{4}$",
}
"""Expression régulière de la forme d'une date texte, par format (pas sa validité)."""

FORMATS_STRPTIME: dict[str, str] = {"AAAA-MM-JJ": "%Y-%m-%d", "JJ/MM/AAAA": "%d/%m/%Y"}


@dataclass(frozen=True)
class FichierExtrait:
    """Un fichier d'extrait du contrat.

    - ``colonnes`` : en-tête exact, dans l'ordre (ligne d'en-tête des CSV; ligne
      ``ligne_entete`` des onglets Excel).
    - ``colonnes_dates`` : colonnes contenant des dates, au format ``format_date``.
    - ``onglet`` : pour un classeur, nom de l'onglet attendu; ``None`` = tous les onglets
      (un onglet par projet, classeur DDRC).
    """

    nom: str
    systeme: str
    encodage: Encodage
    separateur: str | None
    format_date: FormatDate
    colonnes: tuple[str, ...]
    colonnes_dates: tuple[str, ...]
    indicateurs: tuple[str, ...]
    onglet: str | None = None
    ligne_entete: int = 1

    @property
    def est_csv(self) -> bool:
        return self.encodage != "xlsx"

    @property
    def table(self) -> str:
        """Nom de la table brute correspondante (nom du fichier sans extension)."""
        return self.nom.rsplit(".", 1)[0]


def _csv_utf8(nom: str, systeme: str, colonnes: tuple[str, ...], dates: tuple[str, ...],
              indicateurs: tuple[str, ...]) -> FichierExtrait:
    return FichierExtrait(nom, systeme, "utf-8", ",", "AAAA-MM-JJ", colonnes, dates, indicateurs)


EXTRAITS: tuple[FichierExtrait, ...] = (
    # --- BDI (1.1.1) : UTF-8, virgule, AAAA-MM-JJ ---------------------------------------
    _csv_utf8(
        "bdi_declarations.csv", "BDI",
        ("no_declaration", "no_candidat", "date_depot", "statut_declaration", "date_naissance",
         "sexe", "pays_naissance", "pays_residence", "diplome_plus_eleve",
         "domaine_formation_en_demande", "en_emploi", "accompagne_conjoint",
         "nb_enfants_accompagnants"),
        ("date_depot", "date_naissance"), ("1.1.1",),
    ),
    _csv_utf8(
        "bdi_experiences.csv", "BDI",
        ("no_declaration", "code_profession", "version_cnp", "mois_experience"),
        (), ("1.1.1",),
    ),
    _csv_utf8(
        "bdi_francais.csv", "BDI",
        ("no_declaration", "type_preuve", "niveau_comprehension_orale", "niveau_production_orale"),
        (), ("1.1.1",),
    ),
    _csv_utf8(
        "ref_diagnostics_professions.csv", "BDI",
        ("annee", "version_cnp", "code_profession", "niveau_competence", "feer", "diagnostic"),
        (), ("1.1.1",),
    ),
    # --- ARRIMA et Power App AQ (2.2.1, 3.1.1) : UTF-8, virgule, AAAA-MM-JJ --------------
    _csv_utf8(
        "arrima_clients.csv", "ARRIMA",
        ("id_arrima", "nom", "prenom", "date_naissance", "sexe", "pays_naissance",
         "categorie_immigration", "date_arrivee_quebec", "region_administrative"),
        ("date_naissance", "date_arrivee_quebec"), ("2.2.1", "3.1.1"),
    ),
    _csv_utf8(
        "arrima_aq_inscriptions.csv", "ARRIMA",
        ("id_inscription_aq", "id_arrima", "date_inscription", "admissible", "lieu_service",
         "statut_inscription", "direction_regionale"),
        ("date_inscription",), ("3.1.1",),
    ),
    _csv_utf8(
        "powerapp_aq_rencontres.csv", "Power App AQ",
        ("id_rencontre", "id_arrima", "date_rencontre", "type_rencontre", "statut_rencontre",
         "matricule_agent"),
        ("date_rencontre",), ("3.1.1",),
    ),
    _csv_utf8(
        "arrima_rc_accompagnements.csv", "ARRIMA",
        ("id_accompagnement", "id_arrima", "prestataire", "date_debut", "date_fin",
         "code_profession", "version_cnp"),
        ("date_debut", "date_fin"), ("2.2.1",),
    ),
    _csv_utf8(
        "arrima_paffarc_aides.csv", "ARRIMA",
        ("id_aide", "id_arrima", "date_decision", "statut_aide", "montant_accorde",
         "code_profession", "version_cnp"),
        ("date_decision",), ("2.2.1",),
    ),
    # --- DDRC (2.2.1) : classeur, un onglet par projet, en-tête en ligne 1 --------------
    FichierExtrait(
        nom="ddrc_projets_recrutement.xlsx", systeme="DDRC", encodage="xlsx", separateur=None,
        format_date="excel",
        colonnes=("Nom", "Prénom", "Date de naissance", "Pays de naissance", "Code CNP",
                  "Début de l'accompagnement", "Fin de l'accompagnement"),
        colonnes_dates=("Date de naissance", "Début de l'accompagnement",
                        "Fin de l'accompagnement"),
        indicateurs=("2.2.1",), onglet=None, ligne_entete=1,
    ),
    # --- PASI (3.1.2) ---------------------------------------------------------------------
    FichierExtrait(
        nom="ceriges_services.csv", systeme="CERIGES", encodage="cp1252", separateur=";",
        format_date="JJ/MM/AAAA",
        colonnes=("no_dossier", "nom", "prenom", "date_naissance", "sexe", "pays_naissance",
                  "statut", "date_arrivee", "code_organisme", "region_administrative", "volet",
                  "date_service", "code_service"),
        colonnes_dates=("date_naissance", "date_arrivee", "date_service"),
        indicateurs=("3.1.2",),
    ),
    FichierExtrait(
        nom="gsi_services.csv", systeme="GSI", encodage="utf-8-sig", separateur=",",
        format_date="AAAA-MM-JJ",
        colonnes=("id_personne", "id_arrima", "nom", "prenom", "date_naissance", "sexe",
                  "pays_naissance", "situation_statutaire", "date_arrivee", "id_organisme",
                  "region_administrative", "volet", "date_service", "type_service"),
        colonnes_dates=("date_naissance", "date_arrivee", "date_service"),
        indicateurs=("3.1.2",),
    ),
    # --- Intimm (3.1.3, 5.2.1) : Windows-1252, point-virgule, AAAA-MM-JJ ----------------
    FichierExtrait(
        nom="intimm_personnes.csv", systeme="Intimm", encodage="cp1252", separateur=";",
        format_date="AAAA-MM-JJ",
        colonnes=("no_client", "date_naissance", "sexe", "pays_naissance", "langue_maternelle",
                  "statut_immigration", "categorie_immigration", "annees_scolarite"),
        colonnes_dates=("date_naissance",), indicateurs=("3.1.3", "5.2.1"),
    ),
    FichierExtrait(
        nom="intimm_inscriptions.csv", systeme="Intimm", encodage="cp1252", separateur=";",
        format_date="AAAA-MM-JJ",
        colonnes=("no_inscription", "no_client", "sigle_cours", "reseau", "intensite", "formule",
                  "type_prestataire", "code_prestataire", "region_prestataire",
                  "type_inscription", "date_debut_cours", "date_fin_cours",
                  "statut_inscription", "jours_presence", "enseignant_mifi"),
        colonnes_dates=("date_debut_cours", "date_fin_cours"), indicateurs=("3.1.3", "5.2.1"),
    ),
    FichierExtrait(
        nom="intimm_evaluations.csv", systeme="Intimm", encodage="cp1252", separateur=";",
        format_date="AAAA-MM-JJ",
        colonnes=("no_inscription", "competence", "type_evaluation", "resultat",
                  "date_evaluation"),
        colonnes_dates=("date_evaluation",), indicateurs=("3.1.3",),
    ),
    _csv_utf8(
        "ref_cours.csv", "Intimm",
        ("sigle_cours", "titre_cours", "type_programme", "programme_norme",
         "scolarite_9_ans_plus", "evaluation_sommative_finale", "niveau_cible_co",
         "niveau_cible_po"),
        (), ("3.1.3", "5.2.1"),
    ),
    # --- DGTNRI (6.1.1) : classeur, onglet « Suivi 6.1.1 », en-tête en ligne 4 ----------
    FichierExtrait(
        nom="dgtnri_services_numeriques.xlsx", systeme="DGTNRI", encodage="xlsx",
        separateur=None, format_date="excel",
        colonnes=("Identifiant", "Service numérique", "Date de mise en ligne", "Nouveau service",
                  "Participation des clientèles en amont", "Mode de consultation",
                  "Direction responsable", "Commentaire"),
        colonnes_dates=("Date de mise en ligne",), indicateurs=("6.1.1",),
        onglet="Suivi 6.1.1", ligne_entete=4,
    ),
)

NOMS_EXTRAITS: tuple[str, ...] = tuple(fichier.nom for fichier in EXTRAITS)


def extrait(nom: str) -> FichierExtrait:
    """Le fichier du contrat qui porte ce nom (``KeyError`` sinon)."""
    for fichier in EXTRAITS:
        if fichier.nom == nom:
            return fichier
    raise KeyError(f"Fichier absent du contrat des extraits : {nom}")
