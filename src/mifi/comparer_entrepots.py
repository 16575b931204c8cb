"""Preuve de non-régression d'un remaniement : export et comparaison de deux entrepôts DuckDB.

Deux commandes ::

    # photographie : chaque relation des schémas staging, intermediate et marts, triée, en Parquet
    python -m mifi.comparer_entrepots exporter donnees/entrepot/test.duckdb /tmp/avant_test

    # comparaison de deux photographies (ou d'une photographie et d'un entrepôt)
    python -m mifi.comparer_entrepots comparer /tmp/avant_test /tmp/apres_test

Une relation est « identique » si elle a les mêmes colonnes, dans le même ordre, avec les mêmes
types, et les mêmes lignes une fois triées sur toutes ses colonnes (les doublons comptent).
Le schéma d'une relation (``<prefixe>_staging``, ``main_marts``...) est réduit à son suffixe :
deux entrepôts construits sous des schémas de base différents restent comparables.
Code de sortie : 0 si tout est identique, 1 sinon (le détail est écrit sur la sortie standard).
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass
from pathlib import Path

import duckdb

SCHEMAS_COMPARES = ("staging", "intermediate", "marts")


def _famille(schema: str) -> str | None:
    for famille in SCHEMAS_COMPARES:
        if schema == famille or schema.endswith("_" + famille):
            return famille
    return None


def exporter(entrepot: Path, dossier: Path) -> list[str]:
    """Écrit chaque relation comparée, triée sur toutes ses colonnes, dans ``dossier``
    (``<famille>.<relation>.parquet``); rend les noms écrits."""
    dossier.mkdir(parents=True, exist_ok=True)
    ecrits: list[str] = []
    with duckdb.connect(str(entrepot), read_only=True) as connexion:
        relations = connexion.execute(
            "select table_schema, table_name from information_schema.tables order by 1, 2"
        ).fetchall()
        for schema, nom in relations:
            famille = _famille(schema)
            if famille is None:
                continue
            colonnes = [
                ligne[0]
                for ligne in connexion.execute(
                    "select column_name from information_schema.columns where table_schema = ? "
                    "and table_name = ? order by ordinal_position",
                    [schema, nom],
                ).fetchall()
            ]
            tri = ", ".join(f'"{colonne}"' for colonne in colonnes)
            cible = dossier / f"{famille}.{nom}.parquet"
            connexion.execute(
                f'copy (select * from "{schema}"."{nom}" order by {tri}) '
                f"to '{cible}' (format parquet)"
            )
            ecrits.append(cible.name)
    return ecrits


@dataclass
class Ecart:
    relation: str
    detail: str


def comparer(avant: Path, apres: Path) -> tuple[list[str], list[Ecart]]:
    """Compare deux photographies; rend (relations identiques, écarts)."""
    noms_avant = {chemin.name for chemin in avant.glob("*.parquet")}
    noms_apres = {chemin.name for chemin in apres.glob("*.parquet")}
    identiques: list[str] = []
    ecarts: list[Ecart] = [
        Ecart(nom.removesuffix(".parquet"), "absente après") for nom in sorted(noms_avant - noms_apres)
    ] + [Ecart(nom.removesuffix(".parquet"), "nouvelle") for nom in sorted(noms_apres - noms_avant)]
    connexion = duckdb.connect()
    for nom in sorted(noms_avant & noms_apres):
        relation = nom.removesuffix(".parquet")
        a, b = avant / nom, apres / nom
        schema_a = connexion.execute(f"describe select * from '{a}'").fetchall()
        schema_b = connexion.execute(f"describe select * from '{b}'").fetchall()
        colonnes_a = [(ligne[0], ligne[1]) for ligne in schema_a]
        colonnes_b = [(ligne[0], ligne[1]) for ligne in schema_b]
        if colonnes_a != colonnes_b:
            ecarts.append(Ecart(relation, f"colonnes {colonnes_a} -> {colonnes_b}"))
            continue
        n_a = connexion.execute(f"select count(*) from '{a}'").fetchone()[0]  # type: ignore[index]
        n_b = connexion.execute(f"select count(*) from '{b}'").fetchone()[0]  # type: ignore[index]
        # différence de multiensembles : lignes (avec leurs répétitions) présentes d'un seul côté
        seulement_a = connexion.execute(  # type: ignore[index]
            f"select count(*) from (select * from '{a}' except all select * from '{b}')"
        ).fetchone()[0]
        seulement_b = connexion.execute(  # type: ignore[index]
            f"select count(*) from (select * from '{b}' except all select * from '{a}')"
        ).fetchone()[0]
        if n_a != n_b or seulement_a or seulement_b:
            ecarts.append(
                Ecart(
                    relation,
                    f"{n_a} -> {n_b} lignes; {seulement_a} seulement avant, {seulement_b} seulement après",
                )
            )
        else:
            identiques.append(relation)
    return identiques, ecarts


def main(arguments: list[str] | None = None) -> int:
    analyseur = argparse.ArgumentParser(prog="python -m mifi.comparer_entrepots", description=__doc__)
    commandes = analyseur.add_subparsers(dest="commande", required=True)
    commande_export = commandes.add_parser("exporter", help="photographier un entrepôt en Parquet")
    commande_export.add_argument("entrepot", type=Path)
    commande_export.add_argument("dossier", type=Path)
    commande_comparer = commandes.add_parser("comparer", help="comparer deux photographies")
    commande_comparer.add_argument("avant", type=Path)
    commande_comparer.add_argument("apres", type=Path)
    options = analyseur.parse_args(arguments)
    if options.commande == "exporter":
        ecrits = exporter(options.entrepot, options.dossier)
        print(f"{len(ecrits)} relations écrites dans {options.dossier}")
        return 0
    identiques, ecarts = comparer(options.avant, options.apres)
    for ecart in ecarts:
        print(f"DIFFÉRENTE {ecart.relation} : {ecart.detail}")
    print(f"{len(identiques)} relations identiques, {len(ecarts)} différentes")
    return 1 if ecarts else 0


if __name__ == "__main__":
    sys.exit(main())
