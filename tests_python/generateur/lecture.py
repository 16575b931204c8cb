"""Lecture des extraits pour les tests, telle que le contrat la décrit (indépendante du
générateur) : encodage, séparateur, en-tête; champ vide = None."""

from __future__ import annotations

import csv
import io
from datetime import date, datetime
from functools import lru_cache
from pathlib import Path
from typing import Any

import openpyxl

# fichier -> (encodage, séparateur, colonnes) — recopié du contrat des extraits (docs/contrat_extraits.md)
CONTRAT_CSV: dict[str, tuple[str, str, tuple[str, ...]]] = {
    "bdi_declarations.csv": ("utf-8", ",", (
        "no_declaration", "no_candidat", "date_depot", "statut_declaration", "date_naissance", "sexe",
        "pays_naissance", "pays_residence", "diplome_plus_eleve", "domaine_formation_en_demande", "en_emploi",
        "accompagne_conjoint", "nb_enfants_accompagnants")),
    "bdi_experiences.csv": ("utf-8", ",", ("no_declaration", "code_profession", "version_cnp", "mois_experience")),
    "bdi_francais.csv": ("utf-8", ",", (
        "no_declaration", "type_preuve", "niveau_comprehension_orale", "niveau_production_orale")),
    "ref_diagnostics_professions.csv": ("utf-8", ",", (
        "annee", "version_cnp", "code_profession", "niveau_competence", "feer", "diagnostic")),
    "arrima_clients.csv": ("utf-8", ",", (
        "id_arrima", "nom", "prenom", "date_naissance", "sexe", "pays_naissance", "categorie_immigration",
        "date_arrivee_quebec", "region_administrative")),
    "arrima_aq_inscriptions.csv": ("utf-8", ",", (
        "id_inscription_aq", "id_arrima", "date_inscription", "admissible", "lieu_service", "statut_inscription",
        "direction_regionale")),
    "powerapp_aq_rencontres.csv": ("utf-8", ",", (
        "id_rencontre", "id_arrima", "date_rencontre", "type_rencontre", "statut_rencontre", "matricule_agent")),
    "arrima_rc_accompagnements.csv": ("utf-8", ",", (
        "id_accompagnement", "id_arrima", "prestataire", "date_debut", "date_fin", "code_profession", "version_cnp")),
    "arrima_paffarc_aides.csv": ("utf-8", ",", (
        "id_aide", "id_arrima", "date_decision", "statut_aide", "montant_accorde", "code_profession", "version_cnp")),
    "ceriges_services.csv": ("cp1252", ";", (
        "no_dossier", "nom", "prenom", "date_naissance", "sexe", "pays_naissance", "statut", "date_arrivee",
        "code_organisme", "region_administrative", "volet", "date_service", "code_service")),
    "gsi_services.csv": ("utf-8-sig", ",", (
        "id_personne", "id_arrima", "nom", "prenom", "date_naissance", "sexe", "pays_naissance",
        "situation_statutaire", "date_arrivee", "id_organisme", "region_administrative", "volet", "date_service",
        "type_service")),
    "intimm_personnes.csv": ("cp1252", ";", (
        "no_client", "date_naissance", "sexe", "pays_naissance", "langue_maternelle", "statut_immigration",
        "categorie_immigration", "annees_scolarite")),
    "intimm_inscriptions.csv": ("cp1252", ";", (
        "no_inscription", "no_client", "sigle_cours", "reseau", "intensite", "formule", "type_prestataire",
        "code_prestataire", "region_prestataire", "type_inscription", "date_debut_cours", "date_fin_cours",
        "statut_inscription", "jours_presence", "enseignant_mifi")),
    "intimm_evaluations.csv": ("cp1252", ";", (
        "no_inscription", "competence", "type_evaluation", "resultat", "date_evaluation")),
    "ref_cours.csv": ("utf-8", ",", (
        "sigle_cours", "titre_cours", "type_programme", "programme_norme", "scolarite_9_ans_plus",
        "evaluation_sommative_finale", "niveau_cible_co", "niveau_cible_po")),
}
ENTETE_DDRC = ("Nom", "Prénom", "Date de naissance", "Pays de naissance", "Code CNP",
               "Début de l'accompagnement", "Fin de l'accompagnement")
ENTETE_DGTNRI = ("Identifiant", "Service numérique", "Date de mise en ligne", "Nouveau service",
                 "Participation des clientèles en amont", "Mode de consultation", "Direction responsable",
                 "Commentaire")
FICHIERS = tuple(sorted([*CONTRAT_CSV, "ddrc_projets_recrutement.xlsx", "dgtnri_services_numeriques.xlsx"]))


@lru_cache(maxsize=64)
def lire_brut(dossier: Path, nom: str) -> tuple[list[str], list[list[str]]]:
    """En-tête et lignes (texte brut, champs vides = chaîne vide). Mis en cache : ne pas modifier."""
    encodage, sep, _ = CONTRAT_CSV[nom]
    texte = (dossier / nom).read_bytes().decode(encodage)
    lignes = list(csv.reader(io.StringIO(texte, newline=""), delimiter=sep))
    return lignes[0], lignes[1:]


@lru_cache(maxsize=64)
def lire(dossier: Path, nom: str) -> list[dict[str, str | None]]:
    """Lignes en dictionnaires (vide -> None). Mis en cache : ne pas modifier."""
    entete, lignes = lire_brut(dossier, nom)
    return [{c: (v if v != "" else None) for c, v in zip(entete, l)} for l in lignes]


def date_iso(texte: str | None) -> date | None:
    if texte is None:
        return None
    try:
        return datetime.strptime(texte.strip(), "%Y-%m-%d").date()
    except ValueError:
        return None


def date_jma(texte: str | None) -> date | None:
    if texte is None:
        return None
    try:
        return datetime.strptime(texte.strip(), "%d/%m/%Y").date()
    except ValueError:
        return None


def cellule_date(valeur: Any) -> date | None:
    """Cellule Excel : date, ou texte JJ/MM/AAAA."""
    if valeur is None:
        return None
    if isinstance(valeur, datetime):
        return valeur.date()
    if isinstance(valeur, date):
        return valeur
    return date_jma(str(valeur))


@lru_cache(maxsize=8)
def lire_ddrc(dossier: Path) -> dict[str, list[tuple[Any, ...]]]:
    classeur = openpyxl.load_workbook(dossier / "ddrc_projets_recrutement.xlsx")
    return {f.title: [tuple(l) for l in f.iter_rows(values_only=True)] for f in classeur.worksheets}


@lru_cache(maxsize=8)
def lire_dgtnri(dossier: Path) -> list[tuple[Any, ...]]:
    classeur = openpyxl.load_workbook(dossier / "dgtnri_services_numeriques.xlsx")
    return [tuple(l) for l in classeur["Suivi 6.1.1"].iter_rows(values_only=True)]


def code(valeur: str | None) -> str | None:
    """Nettoyage d'un code comme en staging : espaces retirés, majuscules, vide -> None."""
    if valeur is None:
        return None
    v = valeur.strip().upper()
    return v or None
