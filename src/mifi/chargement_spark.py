"""Chargement des extraits dans Spark (base ``brut``) pour la cible dbt ``spark``.

Spark ne lit pas les fichiers d'extraits comme DuckDB (greffon Windows-1252 et Excel, options
``read_csv``) : cette commande les charge d'abord dans la base ``brut`` du métastore, une table
Parquet par source, toutes colonnes en texte. La lecture est celle de
``mifi.chargement_extraits``, commune avec PostgreSQL (mêmes lecteurs que DuckDB, par
construction) : chaque source est réécrite en Parquet, puis enregistrée par Spark
(``saveAsTable``, mode ``overwrite``) dans l'entrepôt de la cible. Les sources dbt
(``schema: brut``) s'y résolvent sans changement.

La session Spark est ouverte avec les ``server_side_parameters`` de la cible ``spark`` de
profiles.yml (mêmes dossiers d'entrepôt et de métastore que dbt) : il n'y a qu'une
configuration. Le métastore Derby embarqué n'admet qu'un processus à la fois : charger, puis
lancer dbt. Contrairement à PostgreSQL, le chargement n'est pas transactionnel : une erreur
laisse les tables déjà remplacées (relancer la commande).

Usage ::

    python -m mifi charger-spark --extraits DOSSIER

Dossier de l'entrepôt et du métastore : MIFI_SPARK_DOSSIER (défaut ``donnees/spark``).
"""

from __future__ import annotations

import argparse
import itertools
import os
import shutil
import sys
from pathlib import Path
from typing import Any

import jinja2
import yaml  # type: ignore[import-untyped]  # PyYAML (dépendance de dbt-core) sans stubs installés

from mifi.chargement_extraits import (
    RACINE_PROJET,
    ErreurChargement,
    ajouter_arguments,
    conclure,
    dossier_demande,
    exporter_extraits,
)

__all__ = ["ajouter_arguments", "charger", "executer", "java_disponible", "pyspark_disponible", "reglages_spark"]

CIBLE = "spark"


def java_disponible() -> bool:
    """Vrai si un environnement Java (JRE) est trouvé : JAVA_HOME ou ``java`` dans le PATH."""
    java_home = os.environ.get("JAVA_HOME")
    if java_home and (Path(java_home) / "bin" / "java").is_file():
        return True
    return shutil.which("java") is not None


def pyspark_disponible() -> bool:
    # pyspark vient de l'extra facultatif [spark] : on sonde sa présence, d'où l'import ici.
    try:
        import pyspark  # noqa: F401, PLC0415
    except ImportError:
        return False
    return True


def reglages_spark(projet: Path = RACINE_PROJET, env: dict[str, str] | None = None) -> dict[str, str]:
    """Les ``server_side_parameters`` de la cible spark de profiles.yml, ``env_var`` rendus.

    dbt-spark force ``spark.sql.ansi.enabled=false`` (conversions tolérantes) : le chargeur aussi.
    """
    variables = dict(os.environ if env is None else env)

    def env_var(nom: str, defaut: str | None = None) -> str:
        if nom in variables:
            return variables[nom]
        if defaut is None:
            raise ErreurChargement(f"Variable d'environnement {nom} requise par la cible spark de profiles.yml.")
        return defaut

    profils = yaml.safe_load((projet / "profiles.yml").read_text(encoding="utf-8"))
    sortie = profils["indicateurs_mifi"]["outputs"][CIBLE]
    rendu = jinja2.Environment(autoescape=False)
    reglages = {
        str(cle): rendu.from_string(str(valeur)).render(env_var=env_var)
        for cle, valeur in sortie.get("server_side_parameters", {}).items()
    }
    reglages["spark.sql.ansi.enabled"] = "false"
    return reglages


def session_spark(reglages: dict[str, str]) -> Any:
    """Session Spark (support Hive : métastore partagé avec dbt) aux réglages donnés."""
    # Import différé : pyspark vient de l'extra facultatif [spark] (absent d'une installation sans
    # Spark, où « mifi charger-spark --help » et pyspark_disponible() doivent marcher) et coûte
    # 0,3 à 0,6 s à l'import (python -X importtime), payés seulement si une session est ouverte.
    from pyspark.sql import SparkSession  # noqa: PLC0415

    constructeur = SparkSession.builder.enableHiveSupport()
    for cle, valeur in reglages.items():
        constructeur = constructeur.config(cle, valeur)
    session = constructeur.getOrCreate()
    session.sparkContext.setLogLevel("ERROR")
    return session


def charger(
    extraits: Path,
    projet: Path = RACINE_PROJET,
    journal: Any = print,
    reglages: dict[str, str] | None = None,
) -> dict[str, int]:
    """Charge tous les extraits du dossier dans la base brut de Spark. Rend {table: lignes}."""
    extraits_lus = exporter_extraits(Path(extraits), "parquet", projet)
    premier = next(extraits_lus)  # lit les sources du projet (et vérifie le dossier) avant de lancer Spark
    spark = session_spark(reglages or reglages_spark(projet))
    comptes: dict[str, int] = {}
    bases_creees: set[str] = set()
    try:
        for extrait in itertools.chain([premier], extraits_lus):
            source = extrait.source
            if source.schema not in bases_creees:
                spark.sql(f"create database if not exists `{source.schema}`")
                bases_creees.add(source.schema)
            table = spark.read.parquet(str(extrait.fichier))
            if table.columns != extrait.colonnes:
                raise ErreurChargement(f"{source.nom_complet} : colonnes relues différentes ({table.columns}).")
            table.write.mode("overwrite").format("parquet").saveAsTable(f"`{source.schema}`.`{source.identifiant}`")
            comptes[source.nom_complet] = extrait.lignes
            journal(extrait.journal())
    finally:
        extraits_lus.close()
        spark.stop()
    return comptes


# --------------------------------------------------------------------------------------------
# Ligne de commande
# --------------------------------------------------------------------------------------------


def executer(args: argparse.Namespace) -> int:
    extraits = dossier_demande(args)
    if extraits is None:
        return 2
    if not java_disponible() or not pyspark_disponible():
        print(
            "Spark indisponible : il faut Java (paquet openjdk-17-jre-headless) et pyspark "
            "(pip install -e '.[spark]' -c constraints.txt).",
            file=sys.stderr,
        )
        return 1
    reglages = reglages_spark()
    print(f"Chargement de {extraits} dans Spark (base brut, entrepôt {reglages['spark.sql.warehouse.dir']})")
    return conclure(lambda: charger(extraits, reglages=reglages))
