"""Parité DuckDB / PostgreSQL : mêmes extraits, mêmes modèles, mêmes marts publiés.

Une grappe PostgreSQL jetable est démarrée (127.0.0.1, port libre, dossier temporaire), les
extraits de test y sont chargés (`python -m mifi charger-postgres`), puis `dbt build --target
postgres` tourne sur les mêmes extraits que la construction DuckDB des tests d'exactitude.
Les deux tables du contrat de publication doivent être identiques ligne à ligne (réels à 1e-9
près), et le rôle analyste ne doit lire que le schéma marts.

Ignoré seulement si les binaires serveur PostgreSQL sont absents (make test les installe par
apt-get quand il tourne en root).
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import psycopg2
import pytest

from mifi.chargement_postgres import GrappeTemporaire, ParametresConnexion, charger, dossier_binaires_postgres
from outils_dbt import DATE_EXTRACTION, RACINE, Construction, environnement
from outils_parite import TABLES_PUBLIEES, comptes_duckdb, lignes_triees, verifier_parite

pytestmark = pytest.mark.skipif(
    dossier_binaires_postgres() is None,
    reason=(
        "PostgreSQL absent (initdb/pg_ctl introuvables) : test de parité DuckDB/PostgreSQL ignoré. "
        "Installer le paquet postgresql (make test le fait en root)."
    ),
)


# Réglages d'une grappe de test jetable : pas de durabilité (les données sont recréées).
REGLAGES_TEST = {"fsync": "off", "synchronous_commit": "off", "full_page_writes": "off"}


def _dbt_postgres(arguments: list[str], construction: Construction, parametres: ParametresConnexion, cible: Path):
    env = environnement(construction.extraits, cible / "inutilise.duckdb")
    env.update(parametres.variables())
    env["MIFI_DBT_CIBLE"] = "postgres"
    commande = [
        str(Path(sys.executable).parent / "dbt"), *arguments, "--target", "postgres",
        "--vars", json.dumps({"date_extraction": DATE_EXTRACTION}),
        "--target-path", str(cible), "--log-path", str(cible / "logs"),
    ]
    resultat = subprocess.run(commande, cwd=RACINE, env=env, capture_output=True, text=True)
    if resultat.returncode != 0:
        raise AssertionError(
            f"dbt {' '.join(arguments)} (PostgreSQL) a échoué :\n{resultat.stdout[-8000:]}\n{resultat.stderr[-3000:]}"
        )
    return resultat


@pytest.fixture(scope="module")
def postgres_construit(
    construction_verite: Construction, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[ParametresConnexion]:
    """Grappe PostgreSQL jetable, extraits chargés dans brut, `dbt build --target postgres` fait."""
    with GrappeTemporaire(reglages=REGLAGES_TEST) as grappe:
        parametres = grappe.parametres
        charger(construction_verite.extraits, parametres, journal=lambda _ligne: None)
        _dbt_postgres(["build"], construction_verite, parametres, tmp_path_factory.mktemp("cible_postgres"))
        yield parametres


def _lignes_postgres(parametres: ParametresConnexion, table: str, colonnes: list[str]) -> list[tuple[Any, ...]]:
    connexion = parametres.connecter()
    try:
        with connexion.cursor() as curseur:
            curseur.execute(f"select {', '.join(colonnes)} from marts.{table}")
            lignes = curseur.fetchall()
    finally:
        connexion.close()
    return lignes_triees(lignes)


def _colonnes_postgres(parametres: ParametresConnexion, table: str) -> list[str]:
    connexion = parametres.connecter()
    try:
        with connexion.cursor() as curseur:
            curseur.execute(
                "select column_name from information_schema.columns where table_schema = 'marts' "
                "and table_name = %s order by ordinal_position", (table,),
            )
            return [ligne[0] for ligne in curseur.fetchall()]
    finally:
        connexion.close()


def _comptes_par_modele(construction: Construction, parametres: ParametresConnexion) -> list[str]:
    """Diagnostic : modèles staging/intermediate/marts dont le nombre de lignes diffère."""
    ecarts: list[str] = []
    connexion_pg = parametres.connecter()
    try:
        with connexion_pg.cursor() as curseur:
            for nom, compte in sorted(comptes_duckdb(construction.entrepot).items()):
                schema, table = nom.split(".", 1)
                try:
                    curseur.execute(f'select count(*) from {schema}."{table}"')
                    compte_pg = curseur.fetchone()[0]
                except Exception:  # noqa: BLE001 — relation absente sur PostgreSQL
                    connexion_pg.rollback()
                    compte_pg = None
                if compte_pg != compte:
                    ecarts.append(f"{nom} : DuckDB {compte} lignes, PostgreSQL {compte_pg}")
    finally:
        connexion_pg.close()
    return ecarts


@pytest.mark.parametrize("table", TABLES_PUBLIEES)
def test_marts_publies_identiques_sur_duckdb_et_postgres(
    table: str, construction_verite: Construction, postgres_construit: ParametresConnexion
) -> None:
    verifier_parite(
        table,
        construction_verite.entrepot,
        "PostgreSQL",
        _colonnes_postgres(postgres_construit, table),
        lambda colonnes: _lignes_postgres(postgres_construit, table, colonnes),
        lambda: _comptes_par_modele(construction_verite, postgres_construit),
    )


def _lecture_comme_analyste(parametres: ParametresConnexion, relation: str) -> str | None:
    """None si le rôle analyste lit la relation, sinon le code d'erreur SQLSTATE."""
    connexion = parametres.connecter()
    try:
        with connexion.cursor() as curseur:
            curseur.execute("set role analyste")
            try:
                curseur.execute(f"select count(*) from {relation}")
                curseur.fetchall()
                return None
            except psycopg2.Error as erreur:
                return erreur.pgcode
    finally:
        connexion.close()


def test_role_analyste_ne_lit_que_marts(postgres_construit: ParametresConnexion) -> None:
    connexion = postgres_construit.connecter()
    try:
        with connexion.cursor() as curseur:
            curseur.execute(
                "select table_schema, min(table_name) from information_schema.tables "
                "where table_schema in ('brut', 'staging', 'intermediate', 'referentiels', 'marts') "
                "group by table_schema order by table_schema"
            )
            une_relation_par_schema = dict(curseur.fetchall())
    finally:
        connexion.close()
    assert set(une_relation_par_schema) >= {"brut", "staging", "intermediate", "referentiels", "marts"}
    for table in TABLES_PUBLIEES:
        assert _lecture_comme_analyste(postgres_construit, f"marts.{table}") is None, (
            f"le rôle analyste doit pouvoir lire marts.{table}"
        )
    for schema, table in une_relation_par_schema.items():
        if schema == "marts":
            continue
        # 42501 : insufficient_privilege (permission denied).
        assert _lecture_comme_analyste(postgres_construit, f'{schema}."{table}"') == "42501", (
            f"le rôle analyste ne doit pas lire {schema}.{table}"
        )
