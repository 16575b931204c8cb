"""Configuration commune de pytest : chemins du projet et environnement sans télémétrie."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from mifi.environnement import SANS_TELEMETRIE
from outils_dbt import Construction, dbt, generer

RACINE = Path(__file__).resolve().parents[1]

for _variable, _valeur in SANS_TELEMETRIE.items():
    os.environ.setdefault(_variable, _valeur)


@pytest.fixture(scope="session")
def racine_projet() -> Path:
    return RACINE


@pytest.fixture(scope="session")
def construction_verite(tmp_path_factory: pytest.TempPathFactory):
    """Extraits générés sans bruit (échelle 0,05) et entrepôt construit par `dbt build`.

    Partagé par tous les tests d'exactitude : une seule génération et une seule construction
    par session. Les extraits de `donnees/extraits_test` (make test) sont réutilisés s'ils
    existent.
    """
    extraits = generer(RACINE / "donnees" / "extraits_test")
    dossier = tmp_path_factory.mktemp("construction")
    entrepot = dossier / "verite.duckdb"
    dbt(["build"], extraits, entrepot, dossier / "target")
    verite = json.loads((extraits / "verite.json").read_text(encoding="utf-8"))
    return Construction(extraits=extraits, entrepot=entrepot, verite=verite)
