"""Mêmes options -> mêmes octets (classeurs Excel compris), en parallèle comme en séquentiel."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from .lecture import FICHIERS


def test_deux_executions_memes_octets(tmp_path: Path, generer_jeu, monkeypatch: pytest.MonkeyPatch) -> None:
    a = generer_jeu(tmp_path / "a", 0.02, 5, "realiste", date(2024, 8, 15))
    monkeypatch.setenv("MIFI_GENERATEUR_PROCESSUS", "1")
    b = generer_jeu(tmp_path / "b", 0.02, 5, "realiste", date(2024, 8, 15))
    for nom in [*FICHIERS, "verite.json"]:
        assert (a / nom).read_bytes() == (b / nom).read_bytes(), nom


def test_autre_graine_autres_donnees(tmp_path: Path, generer_jeu) -> None:
    a = generer_jeu(tmp_path / "a", 0.01, 1, "aucun", date(2023, 3, 31))
    b = generer_jeu(tmp_path / "b", 0.01, 2, "aucun", date(2023, 3, 31))
    assert (a / "ceriges_services.csv").read_bytes() != (b / "ceriges_services.csv").read_bytes()
    assert (a / "bdi_declarations.csv").read_bytes() != (b / "bdi_declarations.csv").read_bytes()
