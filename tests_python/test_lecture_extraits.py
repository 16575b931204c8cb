"""Lecture des extraits Windows-1252 : ’ et œ survivent, erreurs claires en français."""

from __future__ import annotations

from pathlib import Path

import pytest

from mifi import chargement_serialise
from mifi.lecture_extraits import ErreurExtrait, Plugin, lire_csv_cp1252


def test_windows_1252_n_est_pas_latin_1(tmp_path: Path) -> None:
    chemin = tmp_path / "intimm_personnes.csv"
    chemin.write_bytes("no_client;nom\n0013;L’Heureux Bœuf\n0014;\n".encode("cp1252"))
    donnees = lire_csv_cp1252(chemin)
    assert list(donnees.columns) == ["no_client", "nom"]
    assert donnees["no_client"].tolist() == ["0013", "0014"]
    assert donnees["nom"].tolist()[0] == "L’Heureux Bœuf"
    assert donnees["nom"].tolist()[1] is None


def test_fichier_utf8_refuse_avec_le_nom_du_fichier(tmp_path: Path) -> None:
    chemin = tmp_path / "ceriges_services.csv"
    # 0x81 n'existe pas en Windows-1252 : un fichier qui le contient n'est pas du Windows-1252.
    chemin.write_bytes(b"no_dossier;nom\n1;\x81\n")
    with pytest.raises(ErreurExtrait, match=r"ceriges_services\.csv"):
        lire_csv_cp1252(chemin)


def test_chargement_des_sources_serialise() -> None:
    """Les sources de greffon se chargent une à une, une fois par processus (pas de conflit
    d'écriture du catalogue DuckDB entre fils d'exécution)."""
    Plugin(name="extraits_mifi", plugin_config={})
    assert chargement_serialise.est_installe()
