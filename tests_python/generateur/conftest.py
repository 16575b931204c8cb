"""Jeux d'extraits générés une fois par session (petites échelles : suite rapide)."""

from __future__ import annotations

import json
import os
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from mifi.generateur.generation import generer
from mifi.generateur.parametres import Parametres

DATE_EXTRACTION = date(2026, 10, 31)


def _generer(dossier: Path, echelle: float, graine: int, bruit: str, date_extraction: date = DATE_EXTRACTION) -> Path:
    generer(Parametres(sortie=dossier, echelle=echelle, graine=graine, date_extraction=date_extraction, bruit=bruit))
    return dossier


@pytest.fixture(scope="session")
def jeu_aucun(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Données de test du projet : échelle 0.05, graine 7, bruit aucun."""
    return _generer(tmp_path_factory.mktemp("aucun"), 0.05, 7, "aucun")


@pytest.fixture(scope="session")
def jeu_realiste(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _generer(tmp_path_factory.mktemp("realiste"), 0.02, 11, "realiste")


@pytest.fixture(scope="session")
def verite_aucun(jeu_aucun: Path) -> dict[str, Any]:
    return json.loads((jeu_aucun / "verite.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def verite_realiste(jeu_realiste: Path) -> dict[str, Any]:
    return json.loads((jeu_realiste / "verite.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def generer_jeu():
    return _generer


@pytest.fixture(autouse=True)
def _processus_par_defaut(monkeypatch: pytest.MonkeyPatch) -> None:
    if "MIFI_GENERATEUR_PROCESSUS" in os.environ:
        monkeypatch.delenv("MIFI_GENERATEUR_PROCESSUS")
