"""Lecteurs Windows-1252 (rapide DuckDB et Python de référence) : mêmes valeurs, mêmes erreurs."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from mifi.lecture_extraits import ErreurExtrait, lire_csv_cp1252, lire_csv_cp1252_arrow


def _valeurs(tableau) -> dict[str, list]:
    return {nom: tableau.column(nom).to_pylist() for nom in tableau.column_names}


def test_memes_valeurs_que_le_lecteur_python_sur_un_fichier_retors(tmp_path: Path) -> None:
    chemin = tmp_path / "ceriges_services.csv"
    contenu = (
        " no_dossier ;nom;prenom;note\r\n"
        "0013;L’Heureux Bœuf;  Zoé ;\r\n"
        '0014;"Dupont; fils";"";"ligne 1\r\nligne 2"\r\n'
        '0015;"O""Neil";Œdipe;  \r\n'
        "0013;L’Heureux Bœuf;  Zoé ;\r\n"
    )
    chemin.write_bytes(contenu.encode("cp1252"))
    rapide, python = lire_csv_cp1252_arrow(chemin), lire_csv_cp1252(chemin)
    assert rapide.column_names == list(python.columns) == ["no_dossier", "nom", "prenom", "note"]
    attendu = {nom: python[nom].tolist() for nom in python.columns}
    assert _valeurs(rapide) == attendu
    assert attendu["nom"][:3] == ["L’Heureux Bœuf", "Dupont; fils", 'O"Neil']
    assert attendu["prenom"][1] is None and attendu["note"][0] is None
    assert attendu["note"][1] == "ligne 1\r\nligne 2" and attendu["note"][2] == "  "


def test_octet_hors_windows_1252_refuse_avec_sa_position(tmp_path: Path) -> None:
    chemin = tmp_path / "intimm_personnes.csv"
    chemin.write_bytes(b"no_client;nom\n1;\x81\n")
    with pytest.raises(ErreurExtrait, match=r"intimm_personnes.csv.*position 16"):
        lire_csv_cp1252_arrow(chemin)


@pytest.mark.parametrize(
    ("nom", "contenu", "motif"),
    [("intimm_evaluations.csv", b"a;b\n1,2\n", "ligne 2"), ("intimm_inscriptions.csv", b"", "vide")],
    ids=["mauvais_separateur", "fichier_vide"],
)
@pytest.mark.parametrize("lire", [lire_csv_cp1252, lire_csv_cp1252_arrow], ids=["python", "rapide"])
def test_erreur_signalee_par_les_deux_lecteurs(
    tmp_path: Path, lire: Callable[[Path], object], nom: str, contenu: bytes, motif: str
) -> None:
    """Mauvais séparateur, fichier vide : mêmes erreurs, mêmes messages pour le lecteur Python de
    référence et le lecteur rapide."""
    chemin = tmp_path / nom
    chemin.write_bytes(contenu)
    with pytest.raises(ErreurExtrait, match=motif):
        lire(chemin)
