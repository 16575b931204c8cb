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

from mifi.validation.contrat_extraits import EXTRAITS, Format
from mifi.validation.contrat_extraits import extrait as contrat_extrait

# fichier -> (encodage, séparateur, colonnes), d'après le contrat des extraits (indépendant du
# générateur, qui en tire aussi ses en-têtes : une dérive du contrat se voit dans test_contrat.py)
CONTRAT_CSV: dict[str, tuple[str, str, tuple[str, ...]]] = {
    extrait.fichier: (extrait.encodage, extrait.separateur, tuple(extrait.entete))
    for extrait in EXTRAITS
    if extrait.format is Format.CSV
}
ENTETE_DDRC = tuple(contrat_extrait("ddrc_projets_recrutement.xlsx").entete)
ENTETE_DGTNRI = tuple(contrat_extrait("dgtnri_services_numeriques.xlsx").entete)
FICHIERS = tuple(sorted(extrait.fichier for extrait in EXTRAITS))


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


def _date(texte: str | None, format_date: str) -> date | None:
    """Date lue au format donné (espaces de tête et de fin ignorés); None si vide ou invalide."""
    if texte is None:
        return None
    try:
        return datetime.strptime(texte.strip(), format_date).date()
    except ValueError:
        return None


def date_iso(texte: str | None) -> date | None:
    return _date(texte, "%Y-%m-%d")


def date_jma(texte: str | None) -> date | None:
    return _date(texte, "%d/%m/%Y")


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
