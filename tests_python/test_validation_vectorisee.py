"""Validation vectorisée : mêmes résultats que la préparation et l'attente de format de date
évaluées valeur par valeur en Python (mises en œuvre d'avant, rejouées ici comme témoins)."""

from __future__ import annotations

import datetime as dt
import sys
from datetime import datetime
from pathlib import Path
from typing import Any

import great_expectations as gx
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from mifi.extraits.lecture import en_pandas, lire_csv, lire_csv_python
from mifi.validation import metriques
from mifi.validation.contrat_extraits import COLONNE_OCCURRENCE, COLONNE_ONGLET, extrait
from mifi.validation.lecture import ESPACES, TYPES_CODES, preparer
from mifi.validation.metriques import dates_conformes


def test_espaces_retires_sont_ceux_de_str_strip() -> None:
    assert set(ESPACES) == {c for c in map(chr, range(sys.maxunicode + 1)) if c.isspace()}


def _preparer_valeur_par_valeur(e, brut: pd.DataFrame) -> pd.DataFrame:
    """La préparation d'avant (pandas, une valeur à la fois)."""
    def normaliser(valeur: object, majuscules: bool) -> str | None:
        if not isinstance(valeur, str) or not valeur.strip():
            return None
        return valeur.strip().upper() if majuscules else valeur.strip()

    donnees = pd.DataFrame(index=brut.index)
    for colonne in e.colonnes:
        valeurs = [normaliser(v, colonne.type in TYPES_CODES) for v in brut[colonne.nom].tolist()]
        donnees[colonne.nom] = pd.Series(valeurs, index=brut.index, dtype=object)
    if COLONNE_ONGLET in brut.columns:
        donnees[COLONNE_ONGLET] = brut[COLONNE_ONGLET].astype(object)
    cles = brut.astype(object).map(lambda v: v.strip().upper() if isinstance(v, str) else "")
    donnees[COLONNE_OCCURRENCE] = cles.groupby(list(cles.columns), sort=False).cumcount().astype("int64") + 1
    return donnees


def test_preparation_identique_a_la_preparation_valeur_par_valeur() -> None:
    e = extrait("ddrc_projets_recrutement.xlsx")  # colonne _onglet, en-têtes accentués
    lignes = [
        ["Projet A", "Côté", "Zoé", "01/02/1990", " fra", "3012", "01/06/2023", None],
        ["Projet A", " Côté\xa0", "zoé", "01/02/1990", "FRA ", "3012", "01/06/2023", "  "],
        ["Projet A", "Côté", "Zoé", "01/02/1990", " fra", "3012", "01/06/2023", None],
        ["Projet B", "Côté", "Zoé", "01/02/1990", " fra", "3012", "01/06/2023", None],
        ["Projet A", "\u3000", "Zoé", "01/02/1990", "\tfra\n", "3012", "01/06/2023", ""],
        ["Projet A", "Côté", "Zoé", "01/02/1990", " fra", "3012", "01/06/2023", None],
    ]
    colonnes = [COLONNE_ONGLET, *e.entete]
    brut = pd.DataFrame(lignes, columns=colonnes, dtype=object)
    table = pa.Table.from_arrays([pa.array(list(c), type=pa.string()) for c in zip(*lignes)], names=colonnes)
    attendu = _preparer_valeur_par_valeur(e, brut)
    obtenu = en_pandas(preparer(e, table))
    assert list(obtenu.columns) == list(attendu.columns)
    for colonne in attendu.columns:
        assert obtenu[colonne].tolist() == attendu[colonne].tolist(), colonne
    assert obtenu[COLONNE_OCCURRENCE].tolist() == [1, 2, 3, 1, 1, 4]


def test_preparation_d_une_table_vide() -> None:
    e = extrait("arrima_clients.csv")
    table = pa.Table.from_arrays([pa.array([], type=pa.string()) for _ in e.entete], names=e.entete)
    prepare = preparer(e, table)
    assert prepare.num_rows == 0 and prepare.column_names == [*e.entete, COLONNE_OCCURRENCE]


@pytest.mark.parametrize("format_date", ["%Y-%m-%d", "%d/%m/%Y"])
def test_format_de_date_par_valeur_distincte_comme_strptime(format_date: str) -> None:
    valeurs = ["2024-02-29", "2023-02-29", "2024-13-01", "29/02/2024", "31/04/2024", "2024-2-3", "3/2/2024",
               " 2024-01-01", "2024-01-01", "01/01/2024", "", "x"] * 3
    colonne = pd.Series(valeurs, dtype="str")

    def conforme(valeur: str) -> bool:
        try:
            datetime.strptime(valeur, format_date)
        except ValueError:
            return False
        return True

    assert dates_conformes(colonne, format_date).tolist() == [conforme(v) for v in valeurs]
    with pytest.raises(TypeError, match="must be of type string"):
        dates_conformes(pd.Series([20240101], dtype=object), format_date)


def test_lecteur_rapide_et_lecteur_de_reference_d_accord_sur_une_ligne_d_espaces(tmp_path: Path) -> None:
    """DuckDB refuse une ligne faite d'espaces : le lecteur de référence est rejoué et l'ignore."""
    chemin = tmp_path / "ref_cours.csv"
    chemin.write_bytes("a,b\n1,é\n   \n2,\n".encode())
    lu = lire_csv(chemin, "utf-8", ",")
    assert lu.table.column_names == ["a", "b"]
    assert lu.table.to_pydict() == {"a": ["1", "2"], "b": ["é", None]}
    reference = lire_csv_python(chemin.read_text(encoding="utf-8"), chemin.name, ",")
    assert reference == (["a", "b"], [["1", "é"], ["2", None]])


def _strptime_conforme(valeur: str, format_date: str) -> bool:
    try:
        datetime.strptime(valeur, format_date)
    except ValueError:
        return False
    return True


@pytest.mark.parametrize("format_date", ["%Y-%m-%d", "%d/%m/%Y", "%Y%m%d"])
def test_format_de_date_lu_par_positions_comme_strptime(format_date: str) -> None:
    """Chemin rapide (motif strict, calendrier calculé en colonnes) : même verdict que strptime
    sur les bornes du calendrier, les années 0 et 9999, les bissextiles séculaires, les chiffres
    non ASCII, les espaces, le vide et les textes accentués."""
    dates = [dt.date(2024, 1, 1) + dt.timedelta(days=n) for n in range(0, 800, 7)]
    valeurs = [d.strftime(format_date) for d in dates]
    for annee in ("0000", "0001", "1900", "2000", "2023", "2024", "9999"):
        for mois in ("00", "01", "02", "04", "12", "13", "99"):
            for jour in ("00", "01", "28", "29", "30", "31", "32"):
                valeurs += [f"{annee}-{mois}-{jour}", f"{jour}/{mois}/{annee}", f"{annee}{mois}{jour}"]
    valeurs += ["", " ", "2024-01-01 ", " 2024-01-01", "\u00a02024-01-01", "2024-1-5", "5/1/2024", "2024-01-1",
                "٢٠٢٤-٠١-٠١", "０１/０１/２０２４", "2024-01-01T00:00", "2024/01/01", "é", "2024-0é-01", "+024-01-01",
                "-024-01-01", "2024-01-0\u0661", "2024−01−01"]
    colonne = pd.Series(valeurs, dtype="str")
    attendu = [_strptime_conforme(v, format_date) for v in valeurs]
    assert any(attendu) and not all(attendu)
    assert dates_conformes(colonne, format_date).tolist() == attendu
    assert dates_conformes(colonne.astype(object), format_date).tolist() == attendu
    with pytest.raises(TypeError, match="must be of type string"):
        dates_conformes(pd.Series(["2024-01-01", None], dtype=object), format_date)


def _resultats_gx(dossier: Path, type_source: str) -> list[tuple[Any, ...]]:
    contexte = gx.get_context(mode="ephemeral")
    ajouter = getattr(contexte.data_sources, f"add_{type_source}")
    source = ajouter("essai", base_directory=dossier)
    lot = source.add_parquet_asset("t").add_batch_definition_path("tout", path="t.parquet")
    distinctes = {"type": "comparison", "column": {"name": COLONNE_OCCURRENCE}, "operator": "==", "parameter": 1}
    suite = contexte.suites.add(gx.ExpectationSuite(name="essai", expectations=[
        gx.expectations.ExpectColumnValuesToNotBeNull(column="code", mostly=0.5),
        gx.expectations.ExpectColumnValuesToMatchRegex(column="code", regex=r"^[A-Z]{3}$"),
        gx.expectations.ExpectColumnValuesToBeInSet(column="code", value_set=["FRA", "ÉTÉ", " A"]),
        gx.expectations.ExpectColumnValuesToBeBetween(column=COLONNE_OCCURRENCE, max_value=1, mostly=0.5),
        gx.expectations.ExpectColumnValuesToMatchStrftimeFormat(column="date", strftime_format="%Y-%m-%d"),
        gx.expectations.ExpectColumnValuesToBeUnique(column="code", row_condition=distinctes),
        gx.expectations.ExpectCompoundColumnsToBeUnique(column_list=["code", "date"], row_condition=distinctes),
        gx.expectations.ExpectTableRowCountToBeBetween(min_value=1),
        gx.expectations.ExpectTableColumnsToMatchOrderedList(column_list=["code", "date", COLONNE_OCCURRENCE]),
    ]))
    validation = contexte.validation_definitions.add(gx.ValidationDefinition(name="v", data=lot, suite=suite))
    resultat = validation.run(
        result_format={"result_format": "SUMMARY", "partial_unexpected_count": 20}
    )
    return [(r.expectation_config.type, r.success, r.result, bool(r.exception_info.get("raised_exception")))
            for r in resultat.results]


def test_moteur_par_colonnes_meme_resultat_que_le_moteur_pandas_de_gx(tmp_path: Path) -> None:
    """Source mifi_extraits (domaine d'une métrique restreint à ses colonnes) : mêmes
    succès, nombres, exemples et index non conformes que la source pandas_filesystem de GX, sur
    des valeurs NULL, vides, faites d'espaces, accentuées, en double."""
    codes = ["FRA", None, "", " ", " A", "ÉTÉ", "été", "FRA", "ÉTÉ", "X\u00a0", None, "FRA", "ABC", "ABC", "\u3000"]
    dates = ["2024-01-01", "2024-02-30", None, "", " 2024-01-01", "2024-01-01", "٢٠٢٤-٠١-٠١", "2024-01-01",
             "2023-02-29", "2024-02-29", "x", "2024-01-01", "2024-13-01", "2024-13-01", "é"]
    occurrences = [1, 1, 1, 1, 1, 1, 1, 2, 1, 1, 1, 3, 1, 2, 1]
    table = pa.table({"code": pa.array(codes, pa.string()), "date": pa.array(dates, pa.string()),
                      COLONNE_OCCURRENCE: pa.array(occurrences, pa.int64())})
    pq.write_table(table, tmp_path / "t.parquet")
    metriques.installer()
    attendu = _resultats_gx(tmp_path, "pandas_filesystem")
    obtenu = _resultats_gx(tmp_path, "mifi_extraits")
    assert [r[3] for r in attendu] == [False] * len(attendu)
    assert not all(r[1] for r in attendu)
    assert obtenu == attendu
