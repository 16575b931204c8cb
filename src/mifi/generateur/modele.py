"""Modèle d'événements en mémoire : ce qui s'est *réellement* passé, en valeurs canoniques.

Les écrivains de domaine sérialisent ces objets dans les extraits (en y ajoutant des défauts
d'écriture que le projet sait absorber); :mod:`~mifi.generateur.verite` applique les règles des
indicateurs à ces mêmes objets, sans jamais relire les fichiers écrits. Les lignes invalides
(ajoutées en plus des lignes réelles) ne sont jamais représentées ici.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date


# --- BDI (1.1.1) ------------------------------------------------------------------------
@dataclass(slots=True)
class Experience:
    code_profession: str
    version_cnp: str  # "2016" ou "2021"
    mois_experience: int


@dataclass(slots=True)
class PreuveFrancais:
    type_preuve: str  # TEST, DIPLOME, AUTODECLARATION
    niveau_co: int | None
    niveau_po: int | None


@dataclass(slots=True)
class Declaration:
    no_declaration: str
    no_candidat: str
    date_depot: date
    en_emploi: bool
    experiences: list[Experience] = field(default_factory=list)
    preuves: list[PreuveFrancais] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Diagnostic:
    diagnostic: str  # DEFICIT, LEGER_DEFICIT, EQUILIBRE, SURPLUS
    niveau: str  # niveau de compétence (CNP 2016) ou FÉER (CNP 2021)


# --- ARRIMA, Power App, DDRC (2.2.1, 3.1.1) --------------------------------------------------
@dataclass(slots=True)
class InscriptionAQ:
    date_inscription: date
    admissible: bool
    statut: str  # ACTIVE, FERMEE, ANNULEE


@dataclass(slots=True)
class Rencontre:
    date_rencontre: date
    type_rencontre: str  # EVALUATION_BESOINS, SUIVI, AUTRE
    statut: str  # TENUE, ANNULEE, ABSENCE


@dataclass(slots=True)
class Accompagnement:
    prestataire: str  # CRRC, QUALIFICATIONS_QUEBEC
    date_debut: date
    date_fin: date | None  # None : en cours


@dataclass(slots=True)
class AidePaffarc:
    date_decision: date
    statut: str  # ACCORDEE, REFUSEE, ANNULEE


@dataclass(slots=True)
class ParticipationDdrc:
    projet: str
    date_debut: date
    date_fin: date | None


# --- PASI (3.1.2) -----------------------------------------------------------------------
@dataclass(slots=True)
class ServicePasi:
    systeme: str  # CERIGES ou GSI
    date_service: date
    volet: str  # code canonique du système : V1, V1A, V2, V3, V4 (CERIGES); 1-4 (GSI); autres


# --- Intimm (3.1.3, 5.2.1) --------------------------------------------------------------
@dataclass(slots=True)
class Evaluation:
    competence: str  # CO, PO, CE, PE
    type_evaluation: str  # SOMMATIVE_FINALE, FORMATIVE
    resultat: int | None  # None : NE (non évalué)
    date_evaluation: date


@dataclass(slots=True)
class InscriptionCours:
    no_inscription: str
    sigle_cours: str
    statut: str  # INSCRITE, EN_COURS, TERMINEE, ABANDON, ANNULEE, DESISTEMENT
    date_debut: date
    date_fin: date
    jours_presence: int
    enseignant_mifi: bool
    evaluations: list[Evaluation] = field(default_factory=list)


# --- DGTNRI (6.1.1) ---------------------------------------------------------------------
@dataclass(slots=True)
class ServiceNumerique:
    identifiant: str
    nom: str
    date_mise_en_ligne: date
    nouveau: bool
    participation: bool
