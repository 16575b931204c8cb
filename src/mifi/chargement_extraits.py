"""Lecture des extraits pour les moteurs qui ne lisent pas les fichiers (PostgreSQL, Spark).

Sur DuckDB, les sources dbt lisent les fichiers directement (``external_location`` ou greffon
``extraits_mifi``). PostgreSQL et Spark ne lisent pas ces fichiers : un chargeur les dépose
d'abord dans le schéma ``brut`` du moteur, une table par source (nom = ``identifier`` de la
source, c'est-à-dire le nom du fichier sans extension), toutes colonnes en texte. Les sources
dbt (``schema: brut``) s'y résolvent alors sans changement : les cibles postgres et spark
ignorent la méta ``external_location``, qui n'est lue que par dbt-duckdb.

Ce module est la partie commune aux chargeurs (``mifi.chargement_postgres``,
``mifi.chargement_spark``) : mêmes règles de décodage que DuckDB, par construction. La liste
des sources et leurs options de lecture viennent du projet dbt lui-même (``dbt parse``), et
chaque source est lue par le même code que sur DuckDB :

- source à greffon (Windows-1252, Excel) : le greffon ``mifi.lecture_extraits`` (mêmes
  lecteurs, mêmes colonnes snake_case pour les classeurs);
- source ``external_location`` (CSV UTF-8, avec ou sans BOM) : la même expression
  ``read_csv(...)`` évaluée par DuckDB en mémoire.

``exporter_extraits`` réécrit ensuite chaque source, toutes colonnes en texte, dans un fichier
temporaire au format que le moteur cible lit le mieux : CSV pour ``COPY`` de PostgreSQL,
Parquet pour Spark (NULL et texte vide y restent distincts dans les deux cas).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from collections.abc import Generator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, cast

import duckdb

from mifi.environnement import environnement_dbt

# Imports différés (noqa: PLC0415) : dbt.cli.main, dbt-duckdb (SourceConfig) et le greffon
# (mifi.lecture_extraits, qui tire pandas) coûtent ensemble 3 à 8 s à l'import (python -X
# importtime : 3,4 s, 2,1 s et 2,5 s cumulés sur machine chargée; ~3,5 s au repos), contre
# 0,2 s pour le reste du module. Ce module est importé par « mifi charger-postgres »,
# « mifi charger-spark » et « mifi bench » : leur --help, « bench --rapport-seul » et les
# étapes du banc sans PostgreSQL ne doivent pas les payer. Seules les fonctions qui lisent
# le projet dbt ou les extraits les importent.

if TYPE_CHECKING:
    from dbt.contracts.graph.manifest import Manifest

RACINE_PROJET = Path(__file__).resolve().parents[2]


class ErreurChargement(Exception):
    """Erreur d'un chargement des extraits (PostgreSQL, Spark), au message destiné aux analystes."""


# --------------------------------------------------------------------------------------------
# Sources du projet dbt et lecture des extraits
# --------------------------------------------------------------------------------------------


@dataclass
class SourceExtrait:
    """Une source dbt du projet : sa table cible et ses options de lecture (meta)."""

    nom_source: str
    schema: str
    identifiant: str
    meta: dict[str, Any] = field(default_factory=dict)

    @property
    def nom_complet(self) -> str:
        return f"{self.schema}.{self.identifiant}"


def sources_du_projet(extraits: Path, projet: Path = RACINE_PROJET) -> list[SourceExtrait]:
    """Sources déclarées par le projet dbt, options rendues pour le dossier d'extraits donné.

    ``dbt parse`` (en processus, cible DuckDB, sans connexion) rend les ``env_var`` des
    déclarations de sources : on obtient exactement le fichier et les options que DuckDB lit.
    """
    from dbt.adapters.duckdb.utils import SourceConfig  # noqa: PLC0415 (voir « Imports différés »)
    from dbt.cli.main import dbtRunner  # noqa: PLC0415 (voir « Imports différés »)

    variables = environnement_dbt(extraits.resolve(), ":memory:", projet=projet, base={})
    anciennes = {cle: os.environ.get(cle) for cle in variables}
    os.environ.update(variables)
    try:
        with tempfile.TemporaryDirectory(prefix="mifi-parse-") as dossier:
            resultat = dbtRunner().invoke(
                [
                    "--quiet", "parse", "--project-dir", str(projet), "--profiles-dir", str(projet),
                    "--target", "dev", "--target-path", dossier, "--log-path", dossier,
                    "--no-partial-parse",
                ]
            )
    finally:
        for cle, valeur in anciennes.items():
            if valeur is None:
                os.environ.pop(cle, None)
            else:
                os.environ[cle] = valeur
    if not resultat.success or resultat.result is None:
        raise ErreurChargement(f"dbt parse a échoué : impossible de lire les sources du projet ({resultat.exception}).")
    manifeste = cast("Manifest", resultat.result)  # dbt parse rend le manifeste
    sources: list[SourceExtrait] = []
    for noeud in manifeste.sources.values():
        if noeud.package_name != manifeste.metadata.project_name:
            continue
        configuration = SourceConfig.create_from_source(noeud)  # type: ignore[arg-type]  # comme dbt-duckdb lui-même
        sources.append(
            SourceExtrait(
                nom_source=noeud.source_name,
                schema=noeud.schema,
                identifiant=noeud.identifier,
                meta=dict(configuration.meta),
            )
        )
    return sorted(sources, key=lambda source: source.identifiant)


def configuration_source(source: SourceExtrait) -> Any:
    """La SourceConfig de dbt-duckdb d'une source (ce que reçoivent le greffon et le rendu)."""
    from dbt.adapters.duckdb.utils import SourceConfig  # noqa: PLC0415 (voir « Imports différés »)

    return SourceConfig(
        name=source.nom_source, identifier=source.identifiant, schema=source.schema,
        database=None, meta=dict(source.meta), tags=[],
    )


def relation_source(connexion: Any, source: SourceExtrait, greffon: Any | None = None) -> str:
    """Expression SQL DuckDB qui lit la source exactement comme le fait la cible DuckDB.

    - source à greffon : le tableau rendu par le greffon du projet, enregistré dans la connexion;
    - source external_location : l'expression read_csv(...) de la source.
    """
    configuration = configuration_source(source)
    if "plugin" in source.meta:
        from mifi.lecture_extraits import Plugin  # noqa: PLC0415 (voir « Imports différés »)

        greffon = greffon or Plugin(name=str(source.meta["plugin"]), plugin_config={})
        nom = f"greffon_{source.identifiant}"
        connexion.register(nom, greffon.load(configuration))
        return nom
    if "external_location" in source.meta:
        return expression_externe(configuration)
    raise ErreurChargement(
        f"La source {source.nom_source}.{source.identifiant} ne déclare ni greffon ni "
        "external_location : impossible de savoir quel fichier charger."
    )


def expression_externe(configuration: Any) -> str:
    """L'expression ``external_location`` rendue comme DuckDBRelation.create_from_source la rend."""
    gabarit = configuration["external_location"]
    formateur = configuration.get("formatter", "newstyle")
    if formateur != "newstyle":
        # Seul le formateur par défaut (newstyle) sert dans le projet.
        raise ErreurChargement(f"Formateur external_location non pris en charge : {formateur}.")
    expression: str = gabarit.format_map(configuration.as_dict())
    if "(" not in expression and not expression.startswith("'"):
        expression = f"'{expression}'"
    return expression


# Options de COPY de DuckDB par format. CSV : UTF-8, sans en-tête, toutes valeurs non nulles
# entre guillemets; NULL y est un champ vide sans guillemets et le texte vide "" : exactement la
# convention de COPY ... (format csv) de PostgreSQL. Parquet : NULL et texte vide distincts.
OPTIONS_EXPORT = {"csv": "format csv, header false, force_quote *", "parquet": "format parquet"}


def exporter_fichier(
    connexion: Any, relation: str, fichier: Path, format_fichier: Literal["csv", "parquet"]
) -> tuple[list[str], int]:
    """Écrit la relation au format donné, toutes colonnes en texte. Rend les colonnes et le nombre de lignes."""
    colonnes = _colonnes_distinctes(connexion, relation)
    selection = ", ".join(f'cast("{nom}" as varchar) as "{nom}"' for nom in colonnes)
    chemin = str(fichier).replace("'", "''")
    resultat = connexion.execute(
        f"copy (select {selection} from {relation}) to '{chemin}' ({OPTIONS_EXPORT[format_fichier]})"
    ).fetchall()
    return colonnes, int(resultat[0][0]) if resultat else 0


def _colonnes_distinctes(connexion: Any, relation: str) -> list[str]:
    colonnes = [description[0] for description in connexion.execute(f"select * from {relation} limit 0").description]
    if len(set(colonnes)) != len(colonnes):
        raise ErreurChargement(f"{relation} : deux colonnes du même nom ({colonnes}).")
    return colonnes


@dataclass
class ExtraitExporte:
    """Une source lue et réécrite dans un fichier temporaire (supprimé après usage)."""

    source: SourceExtrait
    colonnes: list[str]
    lignes: int
    fichier: Path
    debut: float

    def journal(self) -> str:
        """Ligne du journal de chargement (table, lignes, durée depuis le début de la lecture)."""
        return f"{self.source.nom_complet:<45} {self.lignes:>10} lignes ({time.perf_counter() - self.debut:.1f} s)"


def exporter_extraits(
    extraits: Path, format_fichier: Literal["csv", "parquet"], projet: Path = RACINE_PROJET
) -> Generator[ExtraitExporte, None, None]:
    """Lit chaque source du projet dans le dossier d'extraits et la réécrit au format donné.

    Générateur : chaque fichier rendu n'existe que jusqu'à la demande de la source suivante.
    """
    from mifi.lecture_extraits import Plugin  # noqa: PLC0415 (voir « Imports différés »)

    extraits = Path(extraits)
    if not extraits.is_dir():
        raise ErreurChargement(f"Dossier d'extraits introuvable : {extraits}")
    sources = sources_du_projet(extraits, projet)
    if not sources:
        raise ErreurChargement("Le projet dbt ne déclare aucune source : rien à charger.")
    greffon = Plugin(name="extraits_mifi", plugin_config={})
    connexion = duckdb.connect(":memory:", config={"autoinstall_known_extensions": False})
    try:
        with tempfile.TemporaryDirectory(prefix="mifi-chargement-") as dossier:
            for source in sources:
                debut = time.perf_counter()
                fichier = Path(dossier) / f"{source.identifiant}.{format_fichier}"
                try:
                    relation = relation_source(connexion, source, greffon)
                    colonnes, nombre = exporter_fichier(connexion, relation, fichier, format_fichier)
                except duckdb.Error as erreur:
                    raise ErreurChargement(
                        f"Lecture impossible de la source {source.identifiant} : {erreur}"
                    ) from erreur
                yield ExtraitExporte(source, colonnes, nombre, fichier, debut)
                fichier.unlink(missing_ok=True)
                if "plugin" in source.meta:
                    connexion.unregister(relation)
    finally:
        connexion.close()


# --------------------------------------------------------------------------------------------
# Ligne de commande (commune aux chargeurs)
# --------------------------------------------------------------------------------------------


def ajouter_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--extraits", type=Path, default=os.environ.get("MIFI_EXTRAITS_DIR"),
        help="Dossier des extraits (défaut : MIFI_EXTRAITS_DIR).",
    )


def dossier_demande(args: argparse.Namespace) -> Path | None:
    """Le dossier d'extraits de la ligne de commande, ou None (message d'erreur écrit)."""
    if not args.extraits:
        print("Préciser le dossier des extraits (--extraits ou MIFI_EXTRAITS_DIR).", file=sys.stderr)
        return None
    return Path(args.extraits)


def conclure(charger: Any) -> int:
    """Lance le chargement donné et écrit son bilan; code de sortie de la commande."""
    try:
        comptes: dict[str, int] = charger()
    except ErreurChargement as erreur:
        print(f"Erreur : {erreur}", file=sys.stderr)
        return 1
    print(f"{len(comptes)} tables chargées, {sum(comptes.values())} lignes.")
    return 0
