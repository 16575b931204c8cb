"""Interface en ligne de commande (messages en français) et portage de normaliser_nom."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from cas_normalisation_noms import cas_difficiles
from mifi.cli import main
from mifi.generateur.noms import NOMS, PRENOMS_F, PRENOMS_M
from mifi.generateur.normalisation import normaliser_nom
from mifi.generateur.referentiels import PAYS_IMMIGRATION, PROFESSIONS

RACINE = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("arguments, message", [
    (["--echelle", "-1"], "échelle invalide"),
    (["--echelle", "beaucoup"], "échelle invalide"),
    (["--date-extraction", "2023-02-30"], "date d'extraction invalide"),
    (["--date-extraction", "2021-12-31"], "à partir du 2022-01-01"),
    (["--graine", "x"], "graine invalide"),
    (["--bruit", "fort"], "bruit invalide"),
])
def test_erreurs_claires(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], arguments: list[str], message: str
) -> None:
    with pytest.raises(SystemExit) as sortie:
        main(["generer", "--sortie", str(tmp_path), *arguments])
    assert sortie.value.code == 2
    assert message in capsys.readouterr().err


def test_sortie_qui_est_un_fichier(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    fichier = tmp_path / "f"
    fichier.write_text("x")
    assert main(["generer", "--sortie", str(fichier), "--echelle", "0.01"]) == 2
    assert "n'est pas un dossier" in capsys.readouterr().err


def test_generation_par_la_commande(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["generer", "--sortie", str(tmp_path / "x"), "--echelle", "0.01", "--graine", "3",
                 "--date-extraction", "2023-03-31", "--bruit", "aucun"])
    assert code == 0
    assert "Extraits synthétiques écrits" in capsys.readouterr().out
    verite = json.loads((tmp_path / "x" / "verite.json").read_text(encoding="utf-8"))
    assert verite["parametres"]["echelle"] == 0.01 and verite["parametres"]["date_extraction"] == "2023-03-31"
    assert {r["periode"] for r in verite["resultats"] if r["indicateur_id"] == "3.1.2"} == {"2022-2023"}


def _cas_sql() -> list[tuple[str, str, str]]:
    # Table VALUES du test SQL évaluée par DuckDB (les formes NFD y sont écrites avec chr()).
    return cas_difficiles()


def test_normalisation_identique_a_la_macro_sql() -> None:
    cas = _cas_sql()
    assert len(cas) >= 8
    for a, b, attendu in cas:
        assert normaliser_nom(a) == attendu and normaliser_nom(b) == attendu, (a, b)


def test_listes_de_noms_sures() -> None:
    for liste in (NOMS, PRENOMS_F, PRENOMS_M):
        assert len({normaliser_nom(n) for n in liste}) == len(liste)
        for n in liste:
            n.encode("cp1252")
            n.upper().encode("cp1252")
    assert not {normaliser_nom(n) for n in PRENOMS_F} & {normaliser_nom(n) for n in PRENOMS_M}


def test_referentiels_du_projet() -> None:
    with open(RACINE / "seeds" / "ref_pays.csv", encoding="utf-8") as flux:
        pays = {l["code_pays"] for l in csv.DictReader(flux)}
    assert {p for p, _, _ in PAYS_IMMIGRATION} <= pays
    assert all(len(p.code_2016) == 4 and len(p.code_2021) == 5 for p in PROFESSIONS)
    assert len({p.code_2016 for p in PROFESSIONS}) == len(PROFESSIONS)
