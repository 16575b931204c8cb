"""Chargement des extraits dans PostgreSQL (schéma ``brut``) pour la cible dbt ``postgres``.

Sur DuckDB, les sources dbt lisent les fichiers directement (``external_location`` ou greffon
``extraits_mifi``). PostgreSQL ne lit pas ces fichiers : cette commande les charge d'abord dans
le schéma ``brut``, une table par source (nom = ``identifier`` de la source, c'est-à-dire le nom
du fichier sans extension), toutes colonnes en texte. Les sources dbt (``schema: brut``) s'y
résolvent alors sans changement.

Mêmes règles de décodage que DuckDB, par construction : la liste des sources et leurs options
de lecture viennent du projet dbt lui-même (``dbt parse``), et chaque source est lue par le même
code que sur DuckDB :

- source à greffon (Windows-1252, Excel) : le greffon ``mifi.lecture_extraits`` (mêmes
  lecteurs, mêmes colonnes snake_case pour les classeurs);
- source ``external_location`` (CSV UTF-8, avec ou sans BOM) : la même expression
  ``read_csv(...)`` évaluée par DuckDB en mémoire.

DuckDB réécrit ensuite chaque source en CSV (NULL = champ vide, texte vide = ``""``), que
``COPY ... FROM STDIN (FORMAT csv)`` de PostgreSQL lit avec exactement cette convention.
Le chargement d'un jeu complet se fait dans une seule transaction : en cas d'erreur, le schéma
``brut`` garde l'état précédent. Une table dont la forme n'a pas changé est vidée et remplie
(les vues du staging qui en dépendent restent en place).

Usage ::

    python -m mifi charger-postgres --extraits DOSSIER

Connexion : variables MIFI_PG_HOTE, MIFI_PG_PORT, MIFI_PG_UTILISATEUR, MIFI_PG_MOT_DE_PASSE,
MIFI_PG_BASE (les mêmes que la cible ``postgres`` de profiles.yml). La base est créée si elle
n'existe pas.

Le module fournit aussi ``GrappeTemporaire`` : une grappe PostgreSQL jetable (initdb dans un
dossier temporaire, écoute sur 127.0.0.1 seulement, port libre), utilisée par le test de parité
et le banc d'essai.
"""

from __future__ import annotations

import argparse
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from mifi.environnement import environnement_dbt

if TYPE_CHECKING:
    from dbt.contracts.graph.manifest import Manifest

RACINE_PROJET = Path(__file__).resolve().parents[2]


class ErreurChargement(Exception):
    """Erreur du chargement PostgreSQL, au message destiné aux analystes."""


# --------------------------------------------------------------------------------------------
# Connexion
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ParametresConnexion:
    """Paramètres de connexion PostgreSQL (mêmes variables que la cible dbt ``postgres``)."""

    hote: str = "localhost"
    port: int = 5432
    utilisateur: str = "mifi"
    mot_de_passe: str = ""
    base: str = "mifi"

    @classmethod
    def depuis_environnement(cls, env: dict[str, str] | None = None) -> ParametresConnexion:
        env = dict(os.environ if env is None else env)
        return cls(
            hote=env.get("MIFI_PG_HOTE", "localhost"),
            port=int(env.get("MIFI_PG_PORT", "5432")),
            utilisateur=env.get("MIFI_PG_UTILISATEUR", "mifi"),
            mot_de_passe=env.get("MIFI_PG_MOT_DE_PASSE", ""),
            base=env.get("MIFI_PG_BASE", "mifi"),
        )

    def variables(self) -> dict[str, str]:
        """Variables d'environnement lues par profiles.yml (cible postgres)."""
        return {
            "MIFI_PG_HOTE": self.hote,
            "MIFI_PG_PORT": str(self.port),
            "MIFI_PG_UTILISATEUR": self.utilisateur,
            "MIFI_PG_MOT_DE_PASSE": self.mot_de_passe,
            "MIFI_PG_BASE": self.base,
        }

    def connecter(self, base: str | None = None) -> Any:
        import psycopg2

        return psycopg2.connect(
            host=self.hote, port=self.port, user=self.utilisateur,
            password=self.mot_de_passe or None, dbname=base or self.base, connect_timeout=10,
        )


def creer_base_si_absente(parametres: ParametresConnexion) -> None:
    """Crée la base cible si elle n'existe pas (connexion à la base d'administration postgres)."""
    import psycopg2
    from psycopg2 import sql

    try:
        parametres.connecter().close()
        return
    except psycopg2.OperationalError as erreur:
        if "does not exist" not in str(erreur) and "n'existe pas" not in str(erreur):
            raise ErreurChargement(
                f"Connexion impossible à PostgreSQL {parametres.hote}:{parametres.port} "
                f"(utilisateur {parametres.utilisateur}) : {erreur}".strip()
            ) from erreur
    connexion = parametres.connecter(base="postgres")
    try:
        connexion.autocommit = True
        with connexion.cursor() as curseur:
            curseur.execute(sql.SQL("create database {}").format(sql.Identifier(parametres.base)))
    finally:
        connexion.close()


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
    from dbt.adapters.duckdb.utils import SourceConfig
    from dbt.cli.main import dbtRunner

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
    from dbt.adapters.duckdb.utils import SourceConfig

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
        from mifi.lecture_extraits import Plugin

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
    expression = gabarit.format_map(configuration.as_dict())
    if "(" not in expression and not expression.startswith("'"):
        expression = f"'{expression}'"
    return expression


def exporter_csv(connexion: Any, relation: str, fichier: Path) -> tuple[list[str], int]:
    """Écrit la relation en CSV (UTF-8, sans en-tête, toutes valeurs non nulles entre guillemets).

    Dans ce CSV, NULL est un champ vide sans guillemets et le texte vide est "" : exactement la
    convention de COPY ... (format csv) de PostgreSQL. Rend les colonnes et le nombre de lignes.
    """
    colonnes = [description[0] for description in connexion.execute(f"select * from {relation} limit 0").description]
    if len(set(colonnes)) != len(colonnes):
        raise ErreurChargement(f"{relation} : deux colonnes du même nom ({colonnes}).")
    selection = ", ".join(f'cast("{nom}" as varchar) as "{nom}"' for nom in colonnes)
    chemin = str(fichier).replace("'", "''")
    resultat = connexion.execute(
        f"copy (select {selection} from {relation}) to '{chemin}' (format csv, header false, force_quote *)"
    ).fetchall()
    return colonnes, int(resultat[0][0]) if resultat else 0


# --------------------------------------------------------------------------------------------
# Écriture dans PostgreSQL
# --------------------------------------------------------------------------------------------


def charger_table(curseur: Any, schema: str, table: str, colonnes: list[str], fichier_csv: Path) -> None:
    """(Re)crée ou vide schema.table, toutes colonnes en texte, et y copie le CSV donné."""
    from psycopg2 import sql

    cible = sql.Identifier(schema, table)
    curseur.execute(
        "select column_name, data_type from information_schema.columns "
        "where table_schema = %s and table_name = %s order by ordinal_position",
        (schema, table),
    )
    existantes = curseur.fetchall()
    if existantes == [(nom, "text") for nom in colonnes]:
        # Même forme : on vide la table sans la recréer, les vues du staging qui en dépendent restent.
        curseur.execute(sql.SQL("truncate table {}").format(cible))
    else:
        # Forme nouvelle ou changée : les vues dépendantes tombent, dbt build les recrée.
        curseur.execute(sql.SQL("drop table if exists {} cascade").format(cible))
        curseur.execute(
            sql.SQL("create table {} ({})").format(
                cible, sql.SQL(", ").join(sql.SQL("{} text").format(sql.Identifier(nom)) for nom in colonnes)
            )
        )
    copie = sql.SQL("copy {} ({}) from stdin with (format csv, header false)").format(
        cible, sql.SQL(", ").join(sql.Identifier(nom) for nom in colonnes)
    ).as_string(curseur)
    with open(fichier_csv, encoding="utf-8", newline="") as flux:
        curseur.copy_expert(copie, flux, size=1 << 20)
    curseur.execute(sql.SQL("analyze {}").format(cible))


def charger(
    extraits: Path,
    parametres: ParametresConnexion | None = None,
    projet: Path = RACINE_PROJET,
    journal: Any = print,
) -> dict[str, int]:
    """Charge tous les extraits du dossier dans PostgreSQL (une transaction). Rend {table: lignes}."""
    import duckdb
    from psycopg2 import sql

    from mifi.lecture_extraits import Plugin

    extraits = Path(extraits)
    if not extraits.is_dir():
        raise ErreurChargement(f"Dossier d'extraits introuvable : {extraits}")
    parametres = parametres or ParametresConnexion.depuis_environnement()
    sources = sources_du_projet(extraits, projet)
    if not sources:
        raise ErreurChargement("Le projet dbt ne déclare aucune source : rien à charger.")
    creer_base_si_absente(parametres)

    comptes: dict[str, int] = {}
    greffon = Plugin(name="extraits_mifi", plugin_config={})
    connexion_pg = parametres.connecter()
    connexion_duckdb = duckdb.connect(":memory:", config={"autoinstall_known_extensions": False})
    try:
        with tempfile.TemporaryDirectory(prefix="mifi-chargement-") as dossier, connexion_pg.cursor() as curseur:
            for schema in sorted({source.schema for source in sources}):
                curseur.execute(sql.SQL("create schema if not exists {}").format(sql.Identifier(schema)))
            for source in sources:
                debut = time.perf_counter()
                fichier = Path(dossier) / f"{source.identifiant}.csv"
                try:
                    relation = relation_source(connexion_duckdb, source, greffon)
                    colonnes, nombre = exporter_csv(connexion_duckdb, relation, fichier)
                except duckdb.Error as erreur:
                    raise ErreurChargement(
                        f"Lecture impossible de la source {source.identifiant} : {erreur}"
                    ) from erreur
                charger_table(curseur, source.schema, source.identifiant, colonnes, fichier)
                fichier.unlink()
                if "plugin" in source.meta:
                    connexion_duckdb.unregister(relation)
                comptes[source.nom_complet] = nombre
                journal(f"{source.nom_complet:<45} {nombre:>10} lignes ({time.perf_counter() - debut:.1f} s)")
        connexion_pg.commit()
    except Exception:
        connexion_pg.rollback()
        raise
    finally:
        connexion_pg.close()
        connexion_duckdb.close()
    return comptes


# --------------------------------------------------------------------------------------------
# Grappe PostgreSQL jetable (tests, banc d'essai)
# --------------------------------------------------------------------------------------------


def dossier_binaires_postgres() -> Path | None:
    """Dossier des binaires serveur (initdb, pg_ctl, postgres), ou None s'ils sont absents."""
    candidats: list[Path] = []
    pg_config = shutil.which("pg_config")
    if pg_config:
        try:
            sortie = subprocess.run([pg_config, "--bindir"], capture_output=True, text=True, check=True).stdout
            candidats.append(Path(sortie.strip()))
        except (OSError, subprocess.CalledProcessError):
            pass
    racine_debian = Path("/usr/lib/postgresql")
    if racine_debian.is_dir():
        versions = sorted(
            (d for d in racine_debian.iterdir() if d.name.isdigit()), key=lambda d: int(d.name), reverse=True
        )
        candidats.extend(version / "bin" for version in versions)
    initdb = shutil.which("initdb")
    if initdb:
        candidats.append(Path(initdb).resolve().parent)
    for candidat in candidats:
        if (candidat / "initdb").is_file() and (candidat / "pg_ctl").is_file() and (candidat / "postgres").is_file():
            return candidat
    return None


def port_libre() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as prise:
        prise.bind(("127.0.0.1", 0))
        return int(prise.getsockname()[1])


class GrappeTemporaire:
    """Grappe PostgreSQL jetable : initdb dans un dossier temporaire, 127.0.0.1, port libre.

    PostgreSQL refuse de tourner en root : lancé en root, le serveur tourne sous l'utilisateur
    système ``postgres`` (runuser). Authentification ``trust`` (boucle locale seulement).
    Toujours arrêtée et effacée à la sortie du bloc ``with``.
    """

    def __init__(self, reglages: dict[str, str] | None = None, utilisateur: str = "postgres") -> None:
        binaires = dossier_binaires_postgres()
        if binaires is None:
            raise ErreurChargement("Binaires serveur PostgreSQL introuvables (initdb, pg_ctl).")
        self.binaires = binaires
        self.reglages = reglages or {}
        self.utilisateur_sql = utilisateur
        self.port = port_libre()
        self.dossier: Path | None = None
        self._en_root = os.geteuid() == 0

    @property
    def parametres(self) -> ParametresConnexion:
        return ParametresConnexion(hote="127.0.0.1", port=self.port, utilisateur=self.utilisateur_sql, base="mifi")

    def _commande(self, arguments: list[str]) -> list[str]:
        if self._en_root:
            return ["runuser", "-u", "postgres", "--", *arguments]
        return arguments

    def _lancer(self, arguments: list[str]) -> None:
        resultat = subprocess.run(self._commande(arguments), capture_output=True, text=True)
        if resultat.returncode != 0:
            raise ErreurChargement(f"{' '.join(arguments[:2])} a échoué :\n{resultat.stdout}\n{resultat.stderr}")

    def demarrer(self) -> GrappeTemporaire:
        self.dossier = Path(tempfile.mkdtemp(prefix="mifi-pg-"))
        if self._en_root:
            shutil.chown(self.dossier, user="postgres", group="postgres")
        donnees = self.dossier / "donnees"
        self._lancer(
            [
                str(self.binaires / "initdb"), "-D", str(donnees), "-U", self.utilisateur_sql,
                "--auth=trust", "--encoding=UTF8", "--locale=C.UTF-8", "--no-sync",
            ]
        )
        options = {
            "listen_addresses": "'127.0.0.1'",
            "port": str(self.port),
            "unix_socket_directories": f"'{self.dossier}'",
            **self.reglages,
        }
        with open(donnees / "postgresql.auto.conf", "a", encoding="utf-8") as conf:
            for cle, valeur in options.items():
                conf.write(f"{cle} = {valeur}\n")
        self._lancer(
            [str(self.binaires / "pg_ctl"), "-D", str(donnees), "-l", str(self.dossier / "journal.log"),
             "-w", "-t", "60", "start"]
        )
        creer_base_si_absente(self.parametres)
        return self

    def arreter(self) -> None:
        if self.dossier is None:
            return
        donnees = self.dossier / "donnees"
        if (donnees / "postmaster.pid").exists():
            subprocess.run(
                self._commande([str(self.binaires / "pg_ctl"), "-D", str(donnees), "-m", "fast", "-w", "stop"]),
                capture_output=True, text=True,
            )
        shutil.rmtree(self.dossier, ignore_errors=True)
        self.dossier = None

    def pid_serveur(self) -> int | None:
        if self.dossier is None:
            return None
        fichier = self.dossier / "donnees" / "postmaster.pid"
        try:
            return int(fichier.read_text().splitlines()[0])
        except (OSError, ValueError, IndexError):
            return None

    def version(self) -> str:
        resultat = subprocess.run([str(self.binaires / "postgres"), "--version"], capture_output=True, text=True)
        return resultat.stdout.strip()

    def __enter__(self) -> GrappeTemporaire:
        try:
            return self.demarrer()
        except BaseException:
            self.arreter()
            raise

    def __exit__(self, *exc: object) -> None:
        self.arreter()


# --------------------------------------------------------------------------------------------
# Ligne de commande
# --------------------------------------------------------------------------------------------


def ajouter_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--extraits", type=Path, default=os.environ.get("MIFI_EXTRAITS_DIR"),
        help="Dossier des extraits (défaut : MIFI_EXTRAITS_DIR).",
    )


def executer(args: argparse.Namespace) -> int:
    if not args.extraits:
        print("Préciser le dossier des extraits (--extraits ou MIFI_EXTRAITS_DIR).", file=sys.stderr)
        return 2
    parametres = ParametresConnexion.depuis_environnement()
    print(
        f"Chargement de {args.extraits} dans PostgreSQL "
        f"{parametres.hote}:{parametres.port}/{parametres.base} (schéma brut)"
    )
    try:
        comptes = charger(Path(args.extraits), parametres)
    except ErreurChargement as erreur:
        print(f"Erreur : {erreur}", file=sys.stderr)
        return 1
    print(f"{len(comptes)} tables chargées, {sum(comptes.values())} lignes.")
    return 0
