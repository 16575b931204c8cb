"""Parité DuckDB / Spark : mêmes extraits, mêmes modèles, mêmes marts publiés.

Spark tourne en mode local (session dans le processus dbt), entrepôt et métastore Derby dans un
dossier temporaire (MIFI_SPARK_DOSSIER). Les extraits de test y sont chargés par `python -m mifi
charger-spark` (même lecture que pour PostgreSQL), puis `dbt build --target spark` tourne sur les
mêmes extraits que la construction DuckDB des tests d'exactitude. Les tables du contrat de
publication doivent être identiques ligne à ligne (réels à 1e-9 près). Elles sont relues dans
les fichiers Parquet de l'entrepôt Spark (par DuckDB : pas de seconde JVM sur le métastore).

Sélection (durée : Spark local paie chaque requête plusieurs secondes) : seeds et modèles, et
les tests de données des tables publiées (contrat de publication). Les cas difficiles de la
normalisation des noms (reflect, regex, échappements propres à Spark) sont vérifiés à part, sur
la table du test SQL évaluée par DuckDB (ses littéraux '' et chr() sont ceux de DuckDB et
PostgreSQL : Spark lit '' comme deux chaînes et chr(n) modulo 256). Les autres tests de
données ne changent pas d'un moteur à l'autre et tournent sur DuckDB; les tests unitaires dbt ne
tournent pas sur Spark (écrits avec les types de DuckDB et PostgreSQL, varchar sans longueur).
Les historiques (snapshots) exigent Delta ou Iceberg sur Spark : exclus, avec leurs dépendants.

Ignoré seulement si Java ou pyspark manque (make test installe le JRE par apt-get en root, et
pyspark avec l'extra spark du paquet).
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import duckdb
import pytest

from cas_normalisation_noms import cas_difficiles, compiler_macro
from mifi.chargement_spark import java_disponible, pyspark_disponible
from outils_dbt import DATE_EXTRACTION, RACINE, Construction, environnement
from outils_parite import TABLES_PUBLIEES, comptes_duckdb, lignes_triees, verifier_parite

pytestmark = pytest.mark.skipif(
    not (java_disponible() and pyspark_disponible()),
    reason=(
        "Java ou pyspark absent : test de parité DuckDB/Spark ignoré. Installer le paquet "
        "openjdk-17-jre-headless (make test le fait en root) et l'extra spark "
        "(pip install -e '.[spark]' -c constraints.txt)."
    ),
)

# Voir la docstring : ce que construit et vérifie dbt sur Spark.
SELECTION = [
    "--select", "resource_type:seed", "resource_type:model",
    "marts.publication",
    "--exclude", "test_type:unit", "hist_resultats_indicateurs+", "hist_intimm__inscriptions+",
    "--indirect-selection", "empty",
]


def _lancer(commande: list[str], env: dict[str, str], quoi: str) -> float:
    debut = time.perf_counter()
    resultat = subprocess.run(commande, cwd=RACINE, env=env, capture_output=True, text=True)
    if resultat.returncode != 0:
        lignes_dbt = [ligne for ligne in resultat.stdout.splitlines() if not ligne.lstrip().startswith("{")]
        raise AssertionError(f"{quoi} (Spark) a échoué :\n" + "\n".join(lignes_dbt)[-8000:] + resultat.stderr[-2000:])
    return time.perf_counter() - debut


@pytest.fixture(scope="module")
def entrepot_spark(construction_verite: Construction, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Extraits chargés dans la base brut de Spark, `dbt build --target spark` fait. Rend l'entrepôt."""
    dossier = tmp_path_factory.mktemp("spark")
    cible = dossier / "target"
    env = environnement(construction_verite.extraits, dossier / "inutilise.duckdb")
    env["MIFI_SPARK_DOSSIER"] = str(dossier)
    duree_chargement = _lancer(
        [sys.executable, "-m", "mifi", "charger-spark", "--extraits", str(construction_verite.extraits)],
        env, "python -m mifi charger-spark",
    )
    duree_build = _lancer(
        [
            str(Path(sys.executable).parent / "dbt"), "build", "--target", "spark",
            *SELECTION,
            "--vars", json.dumps({"date_extraction": DATE_EXTRACTION}),
            "--target-path", str(cible), "--log-path", str(cible / "logs"),
        ],
        env, "dbt build",
    )
    print(f"\nSpark : chargement {duree_chargement:.0f} s, dbt build {duree_build:.0f} s")
    return dossier / "entrepot"


# Évalue une requête sur la table entree (colonne x) dans une session Spark locale à part
# (catalogue en mémoire, mode ANSI coupé comme dbt-spark). Entrée et sortie en JSON.
_SCRIPT_SPARK = """
import json, sys
from pyspark.sql import SparkSession
donnees = json.load(sys.stdin)
spark = (SparkSession.builder.master("local[1]").config("spark.ui.enabled", "false")
         .config("spark.sql.ansi.enabled", "false").getOrCreate())
spark.sparkContext.setLogLevel("ERROR")
spark.createDataFrame([(v,) for v in donnees["valeurs"]], "x string").createOrReplaceTempView("entree")
print(json.dumps({ligne["x"]: ligne["cle"] for ligne in spark.sql(donnees["requete"]).collect()}))
spark.stop()
"""


def _fichiers_table(entrepot: Path, schema: str, table: str) -> str:
    dossier = entrepot / f"{schema}.db" / table
    assert dossier.is_dir(), f"{schema}.{table} absente de l'entrepôt Spark ({dossier})"
    return str(dossier / "*.parquet").replace("'", "''")


def _lignes_spark(entrepot: Path, table: str, colonnes: list[str]) -> list[tuple[Any, ...]]:
    with duckdb.connect(":memory:") as connexion:
        lignes = connexion.execute(
            f"select {', '.join(colonnes)} from read_parquet('{_fichiers_table(entrepot, 'marts', table)}')"
        ).fetchall()
    return lignes_triees(lignes)


def _colonnes_spark(entrepot: Path, table: str) -> list[str]:
    with duckdb.connect(":memory:") as connexion:
        description = connexion.execute(
            f"select * from read_parquet('{_fichiers_table(entrepot, 'marts', table)}') limit 0"
        ).description
    return [colonne[0] for colonne in description]


def _comptes_par_modele(construction: Construction, entrepot: Path) -> list[str]:
    """Diagnostic : modèles staging/intermediate/marts dont le nombre de lignes diffère."""
    ecarts: list[str] = []
    with duckdb.connect(":memory:") as connexion:
        for nom, compte in sorted(comptes_duckdb(construction.entrepot).items()):
            schema, table = nom.split(".", 1)
            dossier = entrepot / f"{schema}.db" / table
            compte_spark = (
                connexion.execute(f"select count(*) from read_parquet('{_fichiers_table(entrepot, schema, table)}')")
                .fetchall()[0][0]
                if dossier.is_dir() else None  # vue (staging) ou relation absente
            )
            if compte_spark is not None and compte_spark != compte:
                ecarts.append(f"{nom} : DuckDB {compte} lignes, Spark {compte_spark}")
    return ecarts


@pytest.mark.parametrize("table", TABLES_PUBLIEES)
def test_marts_publies_identiques_sur_duckdb_et_spark(
    table: str, construction_verite: Construction, entrepot_spark: Path
) -> None:
    verifier_parite(
        table,
        construction_verite.entrepot,
        "Spark",
        _colonnes_spark(entrepot_spark, table),
        lambda colonnes: _lignes_spark(entrepot_spark, table, colonnes),
        lambda: _comptes_par_modele(construction_verite, entrepot_spark),
    )


def test_normaliser_nom_cas_difficiles_sur_spark(entrepot_spark: Path, tmp_path: Path) -> None:
    """Chaque paire de la table des cas difficiles donne la clé attendue sur Spark."""
    macro = compiler_macro(
        tmp_path, {"MIFI_DBT_CIBLE": "spark", "MIFI_SPARK_DOSSIER": str(entrepot_spark.parent)}
    )
    cas = cas_difficiles()
    valeurs = sorted({nom for a, b, _ in cas for nom in (a, b)})
    resultat = subprocess.run(
        [sys.executable, "-c", _SCRIPT_SPARK], input=json.dumps({"valeurs": valeurs, "requete": macro.requete}),
        capture_output=True, text=True, cwd=RACINE,
    )
    assert resultat.returncode == 0, resultat.stderr[-3000:]
    cles = json.loads(resultat.stdout.strip().splitlines()[-1])
    ecarts = [
        f"{nom!r} -> {cles.get(nom)!r}, attendu {attendu!r}"
        for a, b, attendu in cas for nom in (a, b) if cles.get(nom) != attendu
    ]
    assert not ecarts, "normaliser_nom sur Spark :\n" + "\n".join(ecarts)
