"""Chargement des extraits dans PostgreSQL (schéma ``brut``) pour la cible dbt ``postgres``.

PostgreSQL ne lit pas les fichiers d'extraits : cette commande les charge d'abord dans le
schéma ``brut``, une table par source, toutes colonnes en texte. La lecture est celle de
``mifi.chargement_extraits``, commune aux moteurs qui ne lisent pas les fichiers (mêmes
lecteurs que DuckDB, par construction); chaque source y est réécrite en CSV (NULL = champ
vide, texte vide = ``""``), que ``COPY ... FROM STDIN (FORMAT csv)`` de PostgreSQL lit avec
exactement cette convention.
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
import itertools
import os
import shutil
import socket
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import psycopg2
from psycopg2 import sql

# Partie commune aux chargeurs (réexportée : le banc d'essai et les tests l'importent d'ici).
from mifi.chargement_extraits import (
    RACINE_PROJET,
    ErreurChargement,
    SourceExtrait,
    ajouter_arguments,
    conclure,
    dossier_demande,
    exporter_extraits,
    relation_source,
    sources_du_projet,
)

__all__ = [
    "ErreurChargement", "GrappeTemporaire", "ParametresConnexion", "SourceExtrait", "ajouter_arguments", "charger",
    "dossier_binaires_postgres", "executer", "relation_source", "sources_du_projet",
]


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
        return psycopg2.connect(
            host=self.hote, port=self.port, user=self.utilisateur,
            password=self.mot_de_passe or None, dbname=base or self.base, connect_timeout=10,
        )


def creer_base_si_absente(parametres: ParametresConnexion) -> None:
    """Crée la base cible si elle n'existe pas (connexion à la base d'administration postgres)."""
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
# Écriture dans PostgreSQL
# --------------------------------------------------------------------------------------------


def charger_table(curseur: Any, schema: str, table: str, colonnes: list[str], fichier_csv: Path) -> None:
    """(Re)crée ou vide schema.table, toutes colonnes en texte, et y copie le CSV donné."""
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
    parametres = parametres or ParametresConnexion.depuis_environnement()
    extraits_lus = exporter_extraits(Path(extraits), "csv", projet)
    premier = next(extraits_lus)  # lit les sources du projet (et vérifie le dossier) avant de se connecter
    creer_base_si_absente(parametres)

    comptes: dict[str, int] = {}
    schemas_crees: set[str] = set()
    connexion_pg = parametres.connecter()
    try:
        with connexion_pg.cursor() as curseur:
            for extrait in itertools.chain([premier], extraits_lus):
                source = extrait.source
                if source.schema not in schemas_crees:
                    curseur.execute(sql.SQL("create schema if not exists {}").format(sql.Identifier(source.schema)))
                    schemas_crees.add(source.schema)
                charger_table(curseur, source.schema, source.identifiant, extrait.colonnes, extrait.fichier)
                comptes[source.nom_complet] = extrait.lignes
                journal(extrait.journal())
        connexion_pg.commit()
    except Exception:
        connexion_pg.rollback()
        raise
    finally:
        connexion_pg.close()
        extraits_lus.close()
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


def executer(args: argparse.Namespace) -> int:
    extraits = dossier_demande(args)
    if extraits is None:
        return 2
    parametres = ParametresConnexion.depuis_environnement()
    print(
        f"Chargement de {extraits} dans PostgreSQL "
        f"{parametres.hote}:{parametres.port}/{parametres.base} (schéma brut)"
    )
    return conclure(lambda: charger(extraits, parametres))
