"""Comparaison de deux publications (mifi.comparer_publications) sur de petits Parquet écrits par DuckDB."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import duckdb

from mifi.cli import main as mifi
from mifi.comparer_publications import main

RESULTATS = (
    "select * from (values ('1.1.1', 2023, 10.0), ('2.2.1', 2023, 5.0), ('2.2.1', 2024, null)) "
    "as t(indicateur_id, annee, valeur)"
)
INDICATEURS = "select * from (values ('1.1.1', 'Attraction'), ('2.2.1', 'Intégration')) as t(indicateur_id, nom)"


def _publication(racine: Path, relations: dict[str, str], compression: str = "zstd") -> Path:
    """Une publication comme celle de la nuit : <racine>/versions/v1/parquet, et parquet -> lien."""
    version = racine / "versions" / "v1" / "parquet"
    version.mkdir(parents=True)
    with duckdb.connect() as connexion:
        for nom, requete in relations.items():
            connexion.execute(
                f"copy ({requete}) to '{version / (nom + '.parquet')}' (format parquet, compression {compression})"
            )
    (racine / "parquet").symlink_to(Path("versions") / "v1" / "parquet")
    return racine


def test_publications_identiques(tmp_path, capsys):
    a = _publication(tmp_path / "a", {"fct_resultats": RESULTATS, "dim_indicateurs": INDICATEURS})
    b = _publication(tmp_path / "b", {"fct_resultats": RESULTATS, "dim_indicateurs": INDICATEURS})
    assert main([str(a), str(b)]) == 0
    sortie = capsys.readouterr().out
    assert "Publications identiques : 2 relations" in sortie
    assert "fct_resultats : identique (mêmes octets)" in sortie


def test_meme_contenu_octets_differents(tmp_path, capsys):
    """Autre compression, lignes dans un autre ordre : octets différents, contenu identique."""
    a = _publication(tmp_path / "a", {"fct_resultats": RESULTATS})
    b = _publication(tmp_path / "b", {"fct_resultats": RESULTATS + " order by annee desc"}, compression="snappy")
    assert main([str(a / "parquet"), str(b)]) == 0
    sortie = capsys.readouterr().out
    assert "fct_resultats : identique (même contenu, octets différents : 3 lignes)" in sortie
    assert "Publications identiques : 1 relation" in sortie


def test_une_relation_differe(tmp_path, capsys):
    a = _publication(tmp_path / "a", {"fct_resultats": RESULTATS, "dim_indicateurs": INDICATEURS})
    modifiee = RESULTATS.replace("5.0", "6.0")
    b = _publication(tmp_path / "b", {"fct_resultats": modifiee, "dim_indicateurs": INDICATEURS})
    assert main([str(a), str(b), "--exemples", "1"]) == 1
    sortie = capsys.readouterr().out
    assert "dim_indicateurs : identique" in sortie
    assert (
        "fct_resultats : différente — 3 lignes de chaque côté; 1 ligne de A absente de B; 1 ligne de B absente de A"
        in sortie
    )
    assert "A seulement : indicateur_id='2.2.1', annee=2023, valeur=5.0" in sortie
    assert "Publications différentes : 1 relation(s) sur 2 (fct_resultats)" in sortie


def test_lignes_en_double_comptees(tmp_path, capsys):
    a = _publication(tmp_path / "a", {"fct_resultats": RESULTATS})
    b = _publication(tmp_path / "b", {"fct_resultats": RESULTATS + " union all " + RESULTATS + " limit 4"})
    assert main([str(a), str(b), "--exemples", "0"]) == 1
    assert "3 lignes dans A, 4 dans B; 1 ligne de B absente de A" in capsys.readouterr().out


def test_une_relation_manquante(tmp_path, capsys):
    a = _publication(tmp_path / "a", {"fct_resultats": RESULTATS, "dim_indicateurs": INDICATEURS})
    b = _publication(tmp_path / "b", {"fct_resultats": RESULTATS})
    assert mifi(["comparer-publications", str(a), str(b)]) == 1
    sortie = capsys.readouterr().out
    assert "dim_indicateurs : absente de B" in sortie
    assert "Publications différentes : 1 relation(s) sur 2 (dim_indicateurs)" in sortie


def test_colonnes_differentes(tmp_path, capsys):
    a = _publication(tmp_path / "a", {"dim_indicateurs": INDICATEURS})
    b = _publication(tmp_path / "b", {"dim_indicateurs": INDICATEURS.replace("nom)", "libelle)")})
    assert main([str(a), str(b)]) == 1
    assert "colonnes absentes de B : nom; colonnes absentes de A : libelle" in capsys.readouterr().out


def test_dossier_introuvable(tmp_path, capsys):
    a = _publication(tmp_path / "a", {"dim_indicateurs": INDICATEURS})
    assert main([str(a), str(tmp_path / "absent")]) == 2
    assert "Dossier introuvable" in capsys.readouterr().out
    (tmp_path / "vide").mkdir()
    assert main([str(a), str(tmp_path / "vide")]) == 2
    assert "Aucun fichier Parquet" in capsys.readouterr().out


def test_lancement_en_module(tmp_path):
    a = _publication(tmp_path / "a", {"dim_indicateurs": INDICATEURS})
    resultat = subprocess.run(
        [sys.executable, "-m", "mifi.comparer_publications", str(a), str(a)],
        capture_output=True, text=True, cwd=tmp_path,
    )
    assert resultat.returncode == 0, resultat.stderr
    assert "Publications identiques : 1 relation" in resultat.stdout
