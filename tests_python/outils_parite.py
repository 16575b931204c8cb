"""Outils des tests de parité entre moteurs (PostgreSQL, Spark) : mêmes marts publiés que DuckDB.

Les lignes sont normalisées (dates en ISO, nombres en réels), triées de la même façon sur chaque
moteur, puis comparées ligne à ligne, réels à TOLERANCE près.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable
from pathlib import Path
from typing import Any

import duckdb
import pytest

TABLES_PUBLIEES = (
    "fct_resultats_indicateurs",
    "fct_ventilations_indicateurs",
    "fct_mesures_complementaires",
    "dim_indicateurs",
    "dim_periodes",
    "dim_modalites",
)
TOLERANCE = 1e-9


def valeur_normalisee(valeur: Any) -> Any:
    if isinstance(valeur, (dt.datetime, dt.date)):
        return valeur.isoformat()
    if isinstance(valeur, bool) or valeur is None or isinstance(valeur, str):
        return valeur
    if isinstance(valeur, (int, float)):
        return float(valeur)
    return str(valeur)


def _cle_tri(ligne: tuple[Any, ...]) -> tuple[Any, ...]:
    # None avant toute valeur; réels arrondis pour que deux lignes égales à 1e-9 près se trient pareil.
    return tuple(
        (0, "") if valeur is None
        else (1, round(valeur, 6)) if isinstance(valeur, float)
        else (1, str(valeur))
        for valeur in ligne
    )


def lignes_triees(lignes: list[tuple[Any, ...]]) -> list[tuple[Any, ...]]:
    """Lignes normalisées et triées (ordre indépendant du moteur)."""
    return sorted((tuple(valeur_normalisee(v) for v in ligne) for ligne in lignes), key=_cle_tri)


def lignes_duckdb(entrepot: Path, table: str, colonnes: list[str]) -> list[tuple[Any, ...]]:
    with duckdb.connect(str(entrepot), read_only=True) as connexion:
        return lignes_triees(connexion.execute(f"select {', '.join(colonnes)} from marts.{table}").fetchall())


def colonnes_duckdb(entrepot: Path, table: str) -> list[str]:
    with duckdb.connect(str(entrepot), read_only=True) as connexion:
        return [
            ligne[0] for ligne in connexion.execute(
                "select column_name from information_schema.columns where table_schema = 'marts' "
                "and table_name = ? order by ordinal_position", [table],
            ).fetchall()
        ]


def _egales(a: tuple[Any, ...], b: tuple[Any, ...]) -> bool:
    if len(a) != len(b):
        return False
    for x, y in zip(a, b):
        if isinstance(x, float) and isinstance(y, float):
            if math.isnan(x) and math.isnan(y):
                continue
            if abs(x - y) > TOLERANCE:
                return False
        elif x != y:
            return False
    return True


def verifier_parite(
    table: str,
    entrepot_duckdb: Path,
    moteur: str,
    colonnes_moteur: list[str],
    lignes_moteur: Callable[[list[str]], list[tuple[Any, ...]]],
    diagnostic: Callable[[], list[str]],
) -> None:
    """Échoue si marts.<table> diffère entre DuckDB et le moteur (colonnes, lignes, valeurs)."""
    colonnes = colonnes_duckdb(entrepot_duckdb, table)
    assert colonnes == colonnes_moteur, f"{table} : colonnes différentes entre DuckDB et {moteur}"
    attendues = lignes_duckdb(entrepot_duckdb, table, colonnes)
    obtenues = lignes_moteur(colonnes)
    differences: list[str] = []
    if len(attendues) != len(obtenues):
        differences.append(f"{len(attendues)} lignes sur DuckDB, {len(obtenues)} sur {moteur}")
    for ligne_duckdb, ligne_moteur in zip(attendues, obtenues):
        if not _egales(ligne_duckdb, ligne_moteur):
            differences.append(f"DuckDB {ligne_duckdb}\n  {moteur} {ligne_moteur}")
            if len(differences) >= 10:
                break
    if differences:
        ecarts = diagnostic()
        pytest.fail(
            f"marts.{table} diffère entre DuckDB et {moteur} (colonnes {colonnes}) :\n"
            + "\n".join(differences)
            + ("\nModèles dont le nombre de lignes diffère :\n" + "\n".join(ecarts) if ecarts else "")
        )
    assert attendues, f"marts.{table} est vide : la parité ne prouverait rien"


def comptes_duckdb(entrepot: Path) -> dict[str, int]:
    """Nombre de lignes de chaque relation staging/intermediate/marts de l'entrepôt DuckDB."""
    requete = (
        "select table_schema, table_name from information_schema.tables "
        "where table_schema in ('staging', 'intermediate', 'marts')"
    )
    with duckdb.connect(str(entrepot), read_only=True) as connexion:
        relations = connexion.execute(requete).fetchall()
        return {f"{s}.{t}": connexion.execute(f'select count(*) from {s}."{t}"').fetchall()[0][0] for s, t in relations}
