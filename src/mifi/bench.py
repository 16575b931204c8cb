"""Banc d'essai de performance : ``python -m mifi bench`` (``make bench``).

Sur la même machine et dans la même exécution :

a. le plancher : lecture nue de tous les extraits par DuckDB avec les options de lecture du
   contrat (les mêmes expressions ``read_csv`` que les sources), et, pour les fichiers
   Windows-1252 et Excel, le décodage Python du projet (greffon ``extraits_mifi``);
b. ``dbt parse`` (analyse complète du projet, sans analyse partielle);
c. ``dbt build`` complet sur DuckDB (entrepôt neuf), aux échelles 1 et 10 : durée et mémoire
   résidente de pointe de l'arbre de processus dbt (somme des RSS, relevée dans /proc);
d. la nuit de bout en bout (``python -m mifi nuit``, dossiers de travail et de publication
   neufs) aux échelles 1 et 10, par étape (extraits figés, validation, construction,
   documentation, publication) : chaque étape est datée à la lecture des en-têtes « == »
   que la nuit écrit sur sa sortie au début de chaque étape, sans rien importer de la nuit;
e. PostgreSQL à l'échelle 1 (grappe jetable locale), le chargement des extraits dans ``brut``
   étant mesuré à part;
f. Spark à l'échelle 1 (cible ``spark`` du profil, chargement ``python -m mifi charger-spark``)
   si le projet et la machine l'ont; sinon « non mesuré : cible Spark absente ».

Chaque mesure est répétée (options ``--executions-*``) et rapportée en min/médiane/max; chaque
cible est rapportée en rapport, avec son verdict, calculé sur les mesures de la même exécution.
Résultats : ``bench/resultats.json`` (description de la machine, versions, chiffres bruts,
modèles les plus lents) et un tableau en français dans ``BENCHMARKS.md``. Les extraits générés
sont mis en cache dans ``bench/cache/`` (non versionné).
"""

from __future__ import annotations

import argparse
import collections
import datetime as dt
import importlib.util
import json
import math
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Any

import duckdb
import yaml  # type: ignore[import-untyped]  # PyYAML (dépendance de dbt), sans annotations

from mifi import environnement
from mifi.chargement_postgres import GrappeTemporaire, dossier_binaires_postgres, relation_source, sources_du_projet
from mifi.cli import COMMANDES

RACINE = Path(__file__).resolve().parents[2]
DATE_EXTRACTION = "2026-10-31"
PAGE = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096

# Cibles de performance (2 cœurs), rappelées avec leur verdict dans BENCHMARKS.md.
CIBLE_VALIDATION_SUR_PLANCHER = 5.0  # validation (étape de la nuit) / lecture nue, échelle 1
CIBLE_NUIT_SUR_BUILD = 2.5  # nuit de bout en bout / dbt build seul, échelle 1
CIBLE_BUILD_SUR_PLANCHER = 10.0  # dbt build / lecture nue, échelle 1
CIBLE_RSS_GRANDE_ECHELLE_MO = 5 * 1024.0  # mémoire de pointe de la nuit, échelle 10
CIBLE_NUIT_ECHELLE = 8.0  # nuit échelle 10 / nuit échelle 1
CIBLE_MEMOIRE_DUCKDB = "4GB"  # la nuit à l'échelle 10 passe avec cette limite de DuckDB

# Étapes de la nuit, dans l'ordre, et le mot de l'en-tête « == » qui en marque le début.
ETAPES_NUIT = (
    ("extraits_figes", "figés", "extraits figés (copie, empreintes)"),
    ("validation", "validation", "validation des extraits"),
    ("construction", "construction", "construction (dbt parse et dbt build)"),
    ("documentation", "documentation", "documentation (dbt docs generate)"),
    ("publication", "publication", "publication"),
)
ABSENCE_SPARK = "non mesuré : cible Spark absente"


# --------------------------------------------------------------------------------------------
# Mesure d'un processus : durée et mémoire résidente de pointe de son arbre (/proc)
# --------------------------------------------------------------------------------------------


def _parents_et_rss() -> dict[int, tuple[int, int]]:
    """{pid: (ppid, rss en octets)} pour tous les processus visibles."""
    processus: dict[int, tuple[int, int]] = {}
    for entree in os.scandir("/proc"):
        if not entree.name.isdigit():
            continue
        try:
            with open(f"/proc/{entree.name}/stat", "rb") as fichier:
                stat = fichier.read()
            with open(f"/proc/{entree.name}/statm", "rb") as fichier:
                rss_pages = int(fichier.read().split()[1])
        except (OSError, IndexError, ValueError):
            continue
        # Le nom du programme (2e champ) est entre parenthèses et peut contenir des espaces.
        apres = stat[stat.rfind(b")") + 2:].split()
        processus[int(entree.name)] = (int(apres[1]), rss_pages * PAGE)
    return processus


def rss_arbre(racines: list[int]) -> int:
    """Somme des RSS des processus racines et de tous leurs descendants (octets)."""
    processus = _parents_et_rss()
    enfants: dict[int, list[int]] = {}
    for pid, (ppid, _) in processus.items():
        enfants.setdefault(ppid, []).append(pid)
    total, pile, vus = 0, [r for r in racines if r in processus], set()
    while pile:
        pid = pile.pop()
        if pid in vus:
            continue
        vus.add(pid)
        total += processus[pid][1]
        pile.extend(enfants.get(pid, []))
    return total


class Sondeur:
    """Relève périodiquement la RSS d'arbres de processus et en garde la pointe."""

    def __init__(self, racines: Callable[[], list[int]], periode: float = 0.05) -> None:
        self._racines = racines
        self._periode = periode
        self.pointe = 0
        self._arret = threading.Event()
        self._fil = threading.Thread(target=self._boucle, daemon=True)

    def _boucle(self) -> None:
        while not self._arret.is_set():
            racines = self._racines()
            if racines:
                self.pointe = max(self.pointe, rss_arbre(racines))
            self._arret.wait(self._periode)

    def __enter__(self) -> Sondeur:
        self._fil.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._arret.set()
        self._fil.join()


@dataclass
class Execution:
    duree_s: float
    rss_pointe_mo: float
    code_retour: int
    rss_serveur_mo: float | None = None
    sortie: str = ""
    # En-têtes « == » de la sortie, avec leur instant (s depuis le lancement).
    reperes: list[tuple[float, str]] = field(default_factory=list)


def mesurer(commande: list[str], env: dict[str, str], pid_serveur: int | None = None, cwd: Path = RACINE) -> Execution:
    """Lance la commande, mesure sa durée murale et la RSS de pointe de son arbre de processus.

    La sortie est lue au fil de l'eau : chaque ligne « == ... » (début d'une étape de la nuit)
    est datée; seules les dernières lignes sont gardées.
    """
    debut = time.perf_counter()
    processus = subprocess.Popen(
        commande, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        encoding="utf-8", errors="replace",
    )
    serveur = Sondeur(lambda: [pid_serveur] if pid_serveur else [])
    fin_de_sortie: collections.deque[str] = collections.deque(maxlen=200)
    reperes: list[tuple[float, str]] = []
    with Sondeur(lambda: [processus.pid]) as sondeur, serveur:
        assert processus.stdout is not None
        for ligne in processus.stdout:
            if ligne.startswith("== "):
                reperes.append((time.perf_counter() - debut, ligne[3:].strip()))
            fin_de_sortie.append(ligne)
        processus.wait()
    duree = time.perf_counter() - debut
    return Execution(
        duree_s=duree,
        rss_pointe_mo=sondeur.pointe / 2**20,
        code_retour=processus.returncode,
        rss_serveur_mo=(serveur.pointe / 2**20) if pid_serveur else None,
        sortie="".join(fin_de_sortie)[-4000:],
        reperes=reperes,
    )


def etapes_nuit(reperes: list[tuple[float, str]], duree_totale: float) -> dict[str, float]:
    """Durée de chaque étape de la nuit, d'un en-tête « == » au suivant (la dernière, jusqu'à la fin).

    L'étape d'un en-tête est reconnue au mot de ETAPES_NUIT dans son texte, chemin entre
    parenthèses retiré; la première étape part du lancement (démarrage de Python compris).
    Un en-tête inconnu prolonge l'étape en cours.
    """
    debuts: list[tuple[float, str]] = []
    for instant, texte in reperes:
        libelle = texte.split(" (", 1)[0].lower()
        etape = next((cle for cle, mot, _ in ETAPES_NUIT if mot in libelle), None)
        if etape is not None and etape not in {e for _, e in debuts}:
            debuts.append((0.0 if not debuts else instant, etape))
    durees: dict[str, float] = {}
    for rang, (instant, etape) in enumerate(debuts):
        suivant = debuts[rang + 1][0] if rang + 1 < len(debuts) else duree_totale
        durees[etape] = round(suivant - instant, 3)
    return durees


def resume(valeurs: list[float]) -> dict[str, float | int] | None:
    if not valeurs:
        return None
    return {
        "min": round(min(valeurs), 3),
        "mediane": round(statistics.median(valeurs), 3),
        "max": round(max(valeurs), 3),
        "n": len(valeurs),
    }


# --------------------------------------------------------------------------------------------
# Machine et versions
# --------------------------------------------------------------------------------------------


def description_machine() -> dict[str, Any]:
    modele = "inconnu"
    try:
        for ligne in Path("/proc/cpuinfo").read_text().splitlines():
            if ligne.startswith("model name"):
                modele = ligne.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memoire_mo = None
    try:
        for ligne in Path("/proc/meminfo").read_text().splitlines():
            if ligne.startswith("MemTotal:"):
                memoire_mo = round(int(ligne.split()[1]) / 1024)
    except OSError:
        pass
    return {
        "nproc": len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count(),
        "cpu_count": os.cpu_count(),
        "modele_cpu": modele,
        "memoire_mo": memoire_mo,
        "systeme": platform.platform(),
        "charge_moyenne_debut": list(os.getloadavg()),
    }


def _version_paquet(nom: str) -> str | None:
    try:
        return metadata.version(nom)
    except metadata.PackageNotFoundError:
        return None


def versions(version_postgres: str | None) -> dict[str, str | None]:
    return {
        "python": platform.python_version(),
        "dbt-core": _version_paquet("dbt-core"),
        "dbt-duckdb": _version_paquet("dbt-duckdb"),
        "dbt-postgres": _version_paquet("dbt-postgres"),
        "dbt-spark": _version_paquet("dbt-spark"),
        "pyspark": _version_paquet("pyspark"),
        "duckdb": _version_paquet("duckdb"),
        "postgresql": version_postgres,
    }


# --------------------------------------------------------------------------------------------
# Étapes
# --------------------------------------------------------------------------------------------


def environnement_dbt(extraits: Path, entrepot: Path, extra: dict[str, str] | None = None) -> dict[str, str]:
    """L'environnement des processus dbt de la nuit (extraits, entrepôt, télémétrie coupée), avec la
    limite de mémoire du profil sauf si ``extra`` en donne une."""
    env = environnement.environnement_dbt(extraits, entrepot, projet=RACINE)
    env.pop("MIFI_DUCKDB_MEMOIRE", None)
    env.update(extra or {})
    return env


def dbt_executable() -> str:
    return str(Path(sys.executable).parent / "dbt")


def generer_extraits(cache: Path, echelle: float, graine: int, bruit: str) -> tuple[Path, float | None]:
    """Extraits mis en cache (bench/cache/echelle_<e>_graine_<g>_<bruit>); durée si générés."""
    dossier = cache / f"echelle_{echelle:g}_graine_{graine}_{bruit}"
    # Une génération en cours dans le cache (lancée à part) : l'attendre plutôt que l'effacer.
    while not (dossier / "verite.json").is_file() and dossier.is_dir() and any(
        time.time() - f.stat().st_mtime < 120 for f in dossier.iterdir() if f.is_file()
    ):
        _journal(f"génération en cours dans {dossier} : attente")
        time.sleep(30)
    if (dossier / "verite.json").is_file():
        return dossier, None
    if dossier.exists():
        shutil.rmtree(dossier)
    debut = time.perf_counter()
    subprocess.run(
        [
            sys.executable, "-m", "mifi", "generer", "--sortie", str(dossier), "--echelle", f"{echelle:g}",
            "--graine", str(graine), "--date-extraction", DATE_EXTRACTION, "--bruit", bruit,
        ],
        cwd=RACINE, env=environnement_dbt(dossier, dossier / "inutilise.duckdb"), check=True,
    )
    return dossier, time.perf_counter() - debut


def taille_extraits(extraits: Path) -> dict[str, Any]:
    fichiers = sorted(p for p in extraits.iterdir() if p.suffix in (".csv", ".xlsx"))
    return {
        "nb_fichiers": len(fichiers),
        "octets": sum(p.stat().st_size for p in fichiers),
    }


def scanner(extraits: Path, sources: list[Any]) -> dict[str, float]:
    """Plancher : chaque source lue une fois, matérialisée dans un DuckDB en mémoire. {table: s}.

    Même lecture que la cible DuckDB (relation_source : read_csv des sources, ou greffon du
    projet pour le Windows-1252 et l'Excel), sans rien d'autre.
    """
    # Import différé : le greffon tire dbt-duckdb et pandas (2 à 5 s, python -X importtime, voir
    # mifi.chargement_extraits), que « bench --help », « bench --rapport-seul » et les autres
    # étapes du banc n'ont pas à payer.
    from mifi.lecture_extraits import Plugin  # noqa: PLC0415

    durees: dict[str, float] = {}
    connexion = duckdb.connect(":memory:", config={"autoinstall_known_extensions": False})
    greffon = Plugin(name="extraits_mifi", plugin_config={})  # neuf : pas de cache d'un tour précédent
    try:
        for source in sources:
            debut = time.perf_counter()
            relation = relation_source(connexion, source, greffon)
            connexion.execute(f'create or replace table "{source.identifiant}" as select * from {relation}')
            durees[source.identifiant] = time.perf_counter() - debut
    finally:
        connexion.close()
    return durees


def lignes_lentes(cible: Path, nombre: int = 12) -> list[dict[str, Any]]:
    """Les nœuds les plus lents d'une construction (target/run_results.json)."""
    fichier = cible / "run_results.json"
    if not fichier.is_file():
        return []
    resultats = json.loads(fichier.read_text(encoding="utf-8"))["results"]
    tries = sorted(resultats, key=lambda r: r.get("execution_time") or 0, reverse=True)[:nombre]
    return [
        {"noeud": r["unique_id"], "duree_s": round(r.get("execution_time") or 0, 3), "statut": r.get("status")}
        for r in tries
    ]


def somme_durees_noeuds(cible: Path) -> dict[str, float]:
    """Temps cumulé des nœuds par catégorie (modèles par dossier, tests, seeds)."""
    fichier = cible / "run_results.json"
    if not fichier.is_file():
        return {}
    sommes: dict[str, float] = {}
    for resultat in json.loads(fichier.read_text(encoding="utf-8"))["results"]:
        parties = resultat["unique_id"].split(".")
        categorie = parties[0]
        if categorie == "model":
            nom = parties[-1]
            categorie = "modeles " + ("staging" if nom.startswith(("base_", "stg_")) else
                                      "intermediate" if nom.startswith("int_") else "marts")
        sommes[categorie] = round(sommes.get(categorie, 0.0) + (resultat.get("execution_time") or 0), 3)
    return sommes


@dataclass
class Serie:
    """Une série de mesures répétées et leur résumé."""

    nom: str
    durees: list[float] = field(default_factory=list)
    rss: list[float] = field(default_factory=list)
    rss_serveur: list[float] = field(default_factory=list)
    etapes: dict[str, list[float]] = field(default_factory=dict)
    echecs: list[str] = field(default_factory=list)

    def ajouter(self, execution: Execution, etapes: dict[str, float] | None = None) -> None:
        self.durees.append(execution.duree_s)
        self.rss.append(execution.rss_pointe_mo)
        if execution.rss_serveur_mo is not None:
            self.rss_serveur.append(execution.rss_serveur_mo)
        for etape, duree in (etapes or {}).items():
            self.etapes.setdefault(etape, []).append(duree)
        if execution.code_retour != 0:
            self.echecs.append(execution.sortie[-2000:])

    def en_dict(self) -> dict[str, Any]:
        return {
            "duree_s": resume(self.durees),
            "rss_pointe_mo": resume(self.rss),
            "rss_serveur_postgres_mo": resume(self.rss_serveur),
            "etapes_s": {etape: resume(durees) for etape, durees in self.etapes.items()} or None,
            "nb_echecs": len(self.echecs),
            "dernier_echec": self.echecs[-1] if self.echecs else None,
        }

    def journaliser(self, numero: int, execution: Execution) -> None:
        _journal(
            f"{self.nom} #{numero} : {execution.duree_s:.1f} s, {execution.rss_pointe_mo:.0f} Mo"
            + ("" if execution.code_retour == 0 else f" (ÉCHEC, code {execution.code_retour})")
        )


def _journal(message: str) -> None:
    print(f"[bench {dt.datetime.now():%H:%M:%S}] {message}", flush=True)


def commande_dbt_build(travail: Path, *options: str) -> list[str]:
    """``dbt build`` complet (analyse complète, tests unitaires compris), target et journaux dans ``travail``."""
    return [
        dbt_executable(), "build", "--no-partial-parse", *options,
        "--vars", json.dumps({"date_extraction": DATE_EXTRACTION}),
        "--target-path", str(travail / "target"), "--log-path", str(travail / "logs"),
    ]


def mesurer_duckdb(
    extraits: Path, travail: Path, executions: int, serie: Serie, memoire: str | None = None
) -> Path:
    entrepot = travail / "bench.duckdb"
    for numero in range(1, executions + 1):
        for fichier in (entrepot, entrepot.with_suffix(".duckdb.wal")):
            fichier.unlink(missing_ok=True)
        shutil.rmtree(entrepot.with_suffix(".duckdb.tmp"), ignore_errors=True)
        execution = mesurer(
            commande_dbt_build(travail), environnement_dbt(extraits, entrepot, variables_memoire(memoire))
        )
        serie.ajouter(execution)
        serie.journaliser(numero, execution)
    return travail / "target"


def variables_memoire(memoire: str | None) -> dict[str, str]:
    """Limite de DuckDB : celle donnée, sinon le défaut du profil (MIFI_DUCKDB_MEMOIRE retirée)."""
    return {"MIFI_DUCKDB_MEMOIRE": memoire} if memoire else {}


def mesurer_nuit(
    extraits: Path, travail: Path, executions: int, serie: Serie, memoire: str | None = None
) -> None:
    """La nuit de bout en bout (``python -m mifi nuit``), dossiers neufs à chaque exécution.

    Durée et mémoire de pointe de tout l'arbre (nuit, dbt, validation); étapes datées par les
    en-têtes « == » de la sortie. Les dossiers de la nuit sont effacés après chaque mesure (à
    l'échelle 10, copie figée des extraits et entrepôt de travail pèsent plusieurs Go).
    """
    for numero in range(1, executions + 1):
        dossier = travail / f"nuit_{numero}"
        shutil.rmtree(dossier, ignore_errors=True)
        dossier.mkdir(parents=True)
        commande = [
            sys.executable, "-m", "mifi", "nuit", "--extraits", str(extraits),
            "--publication", str(dossier / "publication"), "--travail", str(dossier / "travail"),
            "--date-extraction", DATE_EXTRACTION,
        ]
        execution = mesurer(commande, environnement_dbt(extraits, dossier / "inutilise.duckdb",
                                                        variables_memoire(memoire)))
        etapes = etapes_nuit(execution.reperes, execution.duree_s)
        serie.ajouter(execution, etapes)
        serie.journaliser(numero, execution)
        _journal("  étapes : " + ", ".join(f"{etape} {duree:.1f} s" for etape, duree in etapes.items()))
        shutil.rmtree(dossier, ignore_errors=True)


TABLES_PUBLIEES = ("fct_resultats_indicateurs", "fct_ventilations_indicateurs")
LecteurTable = Callable[[str, list[str]], Iterable[tuple[Any, ...]]]


def _normaliser(ligne: tuple[Any, ...]) -> tuple[Any, ...]:
    return tuple(
        v.isoformat() if isinstance(v, (dt.date, dt.datetime))
        else float(v) if isinstance(v, (int, float)) and not isinstance(v, bool)
        else v
        for v in ligne
    )


def _cle_tri(ligne: tuple[Any, ...]) -> tuple[Any, ...]:
    return tuple((0, "") if v is None else (1, round(v, 6)) if isinstance(v, float) else (1, str(v)) for v in ligne)


def _egales(a: tuple[Any, ...], b: tuple[Any, ...], tolerance: float) -> bool:
    return all(
        x == y or (isinstance(x, float) and isinstance(y, float)
                   and (abs(x - y) <= tolerance or (math.isnan(x) and math.isnan(y))))
        for x, y in zip(a, b)
    )


def comparer_marts(entrepot_duckdb: Path, lire_autre: LecteurTable, tolerance: float = 1e-9) -> dict[str, Any]:
    """Les tables publiées sont-elles identiques sur DuckDB et sur l'autre moteur ? (réels à 1e-9)

    ``lire_autre(table, colonnes)`` rend les lignes de ``marts.<table>`` de l'autre moteur.
    """
    bilan: dict[str, Any] = {}
    for table in TABLES_PUBLIEES:
        with duckdb.connect(str(entrepot_duckdb), read_only=True) as connexion:
            colonnes = [d[0] for d in connexion.execute(f"select * from marts.{table} limit 0").description]
            lignes_duckdb = sorted(
                (_normaliser(l) for l in connexion.execute(f"select * from marts.{table}").fetchall()), key=_cle_tri
            )
        lignes_autre = sorted((_normaliser(l) for l in lire_autre(table, colonnes)), key=_cle_tri)
        ecarts = abs(len(lignes_duckdb) - len(lignes_autre)) + sum(
            not _egales(a, b, tolerance) for a, b in zip(lignes_duckdb, lignes_autre)
        )
        bilan[table] = {
            "lignes_duckdb": len(lignes_duckdb), "lignes_autre_moteur": len(lignes_autre), "lignes_differentes": ecarts
        }
    bilan["identiques"] = all(v["lignes_differentes"] == 0 for v in bilan.values() if isinstance(v, dict))
    return bilan


def lecteur_postgres(parametres: Any) -> LecteurTable:
    def lire(table: str, colonnes: list[str]) -> list[tuple[Any, ...]]:
        connexion = parametres.connecter()
        try:
            with connexion.cursor() as curseur:
                curseur.execute(f"select {', '.join(colonnes)} from marts.{table}")
                return list(curseur.fetchall())
        finally:
            connexion.close()
    return lire


def mesurer_postgres(
    extraits: Path, travail: Path, executions: int, chargement: Serie, construction: Serie,
    entrepot_duckdb: Path | None = None,
) -> tuple[Path, str | None, dict[str, Any] | None]:
    cible = travail / "target"
    with GrappeTemporaire() as grappe:
        parametres = grappe.parametres
        for numero in range(1, executions + 1):
            # Base neuve à chaque exécution, comme l'entrepôt DuckDB.
            connexion = parametres.connecter(base="postgres")
            connexion.autocommit = True
            with connexion.cursor() as curseur:
                curseur.execute("drop database if exists mifi")
                curseur.execute("create database mifi")
            connexion.close()
            env = environnement_dbt(extraits, travail / "inutilise.duckdb", parametres.variables())
            execution = mesurer(
                [sys.executable, "-m", "mifi", "charger-postgres", "--extraits", str(extraits)],
                env, pid_serveur=grappe.pid_serveur(),
            )
            chargement.ajouter(execution)
            _journal(f"{chargement.nom} #{numero} : {execution.duree_s:.1f} s")
            execution = mesurer(
                commande_dbt_build(travail, "--target", "postgres"), env, pid_serveur=grappe.pid_serveur()
            )
            construction.ajouter(execution)
            _journal(
                f"{construction.nom} #{numero} : {execution.duree_s:.1f} s, dbt {execution.rss_pointe_mo:.0f} Mo, "
                f"serveur {execution.rss_serveur_mo or 0:.0f} Mo"
                + ("" if execution.code_retour == 0 else f" (ÉCHEC, code {execution.code_retour})")
            )
        version = grappe.version()
        parite = None
        if entrepot_duckdb is not None and entrepot_duckdb.is_file() and construction.echecs == []:
            parite = comparer_marts(entrepot_duckdb, lecteur_postgres(parametres))
            _journal(f"parité des marts DuckDB/PostgreSQL : {'identiques' if parite['identiques'] else 'DIFFÉRENTS'}")
    return cible, version, parite


def raison_spark_absent() -> str | None:
    """Pourquoi Spark ne peut pas être mesuré ici (None : cible, chargeur, pyspark et Java présents)."""
    try:
        profils = yaml.safe_load((RACINE / "profiles.yml").read_text(encoding="utf-8"))
        sorties = profils["indicateurs_mifi"]["outputs"]
    except (OSError, KeyError, TypeError, yaml.YAMLError):
        sorties = {}
    manques = [
        libelle for libelle, absent in (
            ("cible spark du profil", "spark" not in sorties),
            ("commande charger-spark", "charger-spark" not in COMMANDES),
            ("pyspark", importlib.util.find_spec("pyspark") is None),
            ("dbt-spark", importlib.util.find_spec("dbt.adapters.spark") is None),
            ("Java", shutil.which("java") is None),
        ) if absent
    ]
    return f"{ABSENCE_SPARK} (manque : {', '.join(manques)})" if manques else None


def lecteur_parquet_spark(dossier_spark: Path) -> LecteurTable:
    """Lit ``marts.<table>`` de Spark dans ses fichiers Parquet (entrepôt Spark sous ``dossier_spark``)."""
    def lire(table: str, colonnes: list[str]) -> list[tuple[Any, ...]]:
        candidats = sorted(
            (d for d in dossier_spark.rglob(table) if d.is_dir() and any(d.rglob("*.parquet"))),
            key=lambda d: not d.parent.name.startswith("marts"),
        )
        if not candidats:
            raise FileNotFoundError(f"table Spark marts.{table} introuvable sous {dossier_spark}")
        motif = str(candidats[0] / "**" / "*.parquet").replace("'", "''")
        with duckdb.connect(":memory:") as connexion:
            return connexion.execute(f"select {', '.join(colonnes)} from read_parquet('{motif}')").fetchall()
    return lire


def mesurer_spark(
    extraits: Path, travail: Path, executions: int, chargement: Serie, construction: Serie,
    entrepot_duckdb: Path | None = None,
) -> tuple[Path, dict[str, Any] | None]:
    """Spark en session locale : chargement (``charger-spark``) puis ``dbt build --target spark``.

    Entrepôt et métastore neufs à chaque exécution (MIFI_SPARK_DOSSIER); parité des tables
    publiées avec l'entrepôt DuckDB de la même échelle, lues dans les Parquet de Spark.
    """
    dossier = travail / "spark"
    for numero in range(1, executions + 1):
        shutil.rmtree(dossier, ignore_errors=True)
        env = environnement_dbt(extraits, travail / "inutilise.duckdb",
                                {"MIFI_SPARK_DOSSIER": str(dossier), "MIFI_DBT_CIBLE": "spark"})
        execution = mesurer([sys.executable, "-m", "mifi", "charger-spark", "--extraits", str(extraits)], env)
        chargement.ajouter(execution)
        chargement.journaliser(numero, execution)
        execution = mesurer(commande_dbt_build(travail, "--target", "spark"), env)
        construction.ajouter(execution)
        construction.journaliser(numero, execution)
    parite = None
    if entrepot_duckdb is not None and entrepot_duckdb.is_file() and construction.echecs == []:
        try:
            parite = comparer_marts(entrepot_duckdb, lecteur_parquet_spark(dossier))
        except Exception as erreur:  # noqa: BLE001 — la parité est rapportée, pas exigée
            parite = {"identiques": False, "erreur": f"{type(erreur).__name__} : {erreur}"}
        _journal(f"parité des marts DuckDB/Spark : {'identiques' if parite['identiques'] else 'DIFFÉRENTS'}")
    return travail / "target", parite


# --------------------------------------------------------------------------------------------
# Rapport
# --------------------------------------------------------------------------------------------


def _med(resultats: dict[str, Any], *chemin: str) -> float | None:
    """Médiane d'un résumé (mesures → clé → champ → ...), ou None si absent."""
    valeur: Any = resultats
    for cle in chemin:
        if not isinstance(valeur, dict) or valeur.get(cle) is None:
            return None
        valeur = valeur[cle]
    return float(valeur["mediane"]) if isinstance(valeur, dict) and "mediane" in valeur else None


def _ratio(a: float | None, b: float | None) -> float | None:
    return round(a / b, 2) if a is not None and b else None


def _somme(*valeurs: float | None) -> float | None:
    return None if any(v is None for v in valeurs) else sum(v for v in valeurs if v is not None)


def calculer_ratios(resultats: dict[str, Any]) -> dict[str, float | None]:
    mesures = resultats["mesures"]

    def med(cle: str, *champs: str) -> float | None:
        return _med(mesures, cle, *(champs or ("duree_s",)))

    build_1, build_10 = med("duckdb_echelle_1"), med("duckdb_echelle_10")
    scan_1, scan_10 = med("scan_echelle_1"), med("scan_echelle_10")
    nuit_1, nuit_10 = med("nuit_echelle_1"), med("nuit_echelle_10")
    pg_build, pg_charge = med("postgres_echelle_1"), med("postgres_chargement_echelle_1")
    spark_build, spark_charge = med("spark_echelle_1"), med("spark_chargement_echelle_1")
    return {
        "validation_sur_scan_echelle_1": _ratio(med("nuit_echelle_1", "etapes_s", "validation"), scan_1),
        "validation_sur_scan_echelle_10": _ratio(med("nuit_echelle_10", "etapes_s", "validation"), scan_10),
        "build_sur_scan_echelle_1": _ratio(build_1, scan_1),
        "build_sur_scan_echelle_10": _ratio(build_10, scan_10),
        "nuit_sur_build_echelle_1": _ratio(nuit_1, build_1),
        "nuit_sur_build_echelle_10": _ratio(nuit_10, build_10),
        "echelle_10_sur_echelle_1_nuit": _ratio(nuit_10, nuit_1),
        "echelle_10_sur_echelle_1_build": _ratio(build_10, build_1),
        "echelle_10_sur_echelle_1_scan": _ratio(scan_10, scan_1),
        "postgres_sur_duckdb_build": _ratio(pg_build, build_1),
        "postgres_sur_duckdb_chargement_et_build": _ratio(_somme(pg_build, pg_charge), build_1),
        "spark_sur_duckdb_build": _ratio(spark_build, build_1),
        "spark_sur_duckdb_chargement_et_build": _ratio(_somme(spark_build, spark_charge), build_1),
    }


def memoire_duckdb_du_profil() -> str | None:
    """Limite de mémoire DuckDB par défaut du profil dev (défaut de MIFI_DUCKDB_MEMOIRE)."""
    try:
        texte = (RACINE / "profiles.yml").read_text(encoding="utf-8")
    except OSError:
        return None
    trouve = re.search(r"env_var\('MIFI_DUCKDB_MEMOIRE',\s*'([^']+)'\)", texte)
    return trouve.group(1) if trouve else None


def _verdict(valeur: float | None, seuil: float, echecs: int = 0) -> str:
    if echecs:
        return "**exécution en échec**"
    if valeur is None:
        return "non mesuré"
    return "atteint" if valeur <= seuil else "**non atteint**"


def calculer_cibles(resultats: dict[str, Any]) -> list[dict[str, Any]]:
    """Chaque cible de l'issue, son rapport (ou sa mesure) et son verdict, dans la même exécution."""
    mesures, ratios = resultats["mesures"], resultats["ratios"]

    def echecs(*cles: str) -> int:
        return sum((mesures.get(cle) or {}).get("nb_echecs") or 0 for cle in cles)

    def cible_ratio(libelle: str, cle: str, seuil: float, *series: str) -> dict[str, Any]:
        valeur = ratios.get(cle)
        return {"cible": libelle, "valeur": valeur, "mesure": _fmt_ratio(valeur),
                "verdict": _verdict(valeur, seuil, echecs(*series))}

    cibles = [
        cible_ratio(f"Validation (étape de la nuit) ≤ {_nombre(CIBLE_VALIDATION_SUR_PLANCHER, 0)} × la lecture nue"
                    " des extraits, échelle 1", "validation_sur_scan_echelle_1", CIBLE_VALIDATION_SUR_PLANCHER,
                    "nuit_echelle_1"),
        cible_ratio(f"Nuit de bout en bout ≤ {_nombre(CIBLE_NUIT_SUR_BUILD)} × `dbt build` seul, échelle 1",
                    "nuit_sur_build_echelle_1", CIBLE_NUIT_SUR_BUILD, "nuit_echelle_1", "duckdb_echelle_1"),
        cible_ratio(f"`dbt build` ≤ {_nombre(CIBLE_BUILD_SUR_PLANCHER, 0)} × la lecture nue, échelle 1",
                    "build_sur_scan_echelle_1", CIBLE_BUILD_SUR_PLANCHER, "duckdb_echelle_1"),
    ]
    nuit_10 = mesures.get("nuit_echelle_10")
    limite = resultats["parametres"].get("memoire_duckdb_grande_echelle")
    if nuit_10 is None:
        verdict, mesure = "non mesuré", "—"
    else:
        publiee = not nuit_10.get("nb_echecs")
        mesure = f"{'publiée' if publiee else 'en échec'}, limite DuckDB {limite}"
        verdict = "atteint" if publiee and limite == CIBLE_MEMOIRE_DUCKDB else "**non atteint**"
    cibles.append({"cible": f"Nuit à l'échelle 10 menée à terme avec une limite DuckDB de {CIBLE_MEMOIRE_DUCKDB}",
                   "valeur": None, "mesure": mesure, "verdict": verdict})
    rss_10 = ((nuit_10 or {}).get("rss_pointe_mo") or {}).get("max")
    cibles.append({
        "cible": f"Mémoire de pointe de la nuit à l'échelle 10 ≤ {_nombre(CIBLE_RSS_GRANDE_ECHELLE_MO / 1024, 0)} Go"
                 " (arbre de processus, pire exécution)",
        "valeur": rss_10, "mesure": "—" if rss_10 is None else f"{_nombre(rss_10, 0)} Mo",
        "verdict": _verdict(rss_10, CIBLE_RSS_GRANDE_ECHELLE_MO),
    })
    cibles.append(cible_ratio(f"Nuit échelle 10 ≤ {_nombre(CIBLE_NUIT_ECHELLE, 0)} × nuit échelle 1",
                              "echelle_10_sur_echelle_1_nuit", CIBLE_NUIT_ECHELLE, "nuit_echelle_1", "nuit_echelle_10"))
    parite = resultats.get("parite_spark_echelle_1")
    if resultats.get("spark_absent"):
        mesure, verdict = resultats["spark_absent"], "non mesuré"
    elif "spark_echelle_1" not in mesures:  # banc interrompu avant Spark
        mesure, verdict = "—", "non mesuré"
    elif parite is None:
        mesure, verdict = "parité non vérifiée (construction Spark en échec)", "**non atteint**"
    else:
        mesure = ("marts identiques" if parite["identiques"] else "marts différents") + (
            f"; Spark / DuckDB (build) {_fmt_ratio(ratios.get('spark_sur_duckdb_build'))}, rapporté sans cible"
        )
        verdict = "atteint" if parite["identiques"] else "**non atteint**"
    cibles.append({"cible": "Spark : marts identiques à ceux de DuckDB, échelle 1", "valeur": None,
                   "mesure": mesure, "verdict": verdict})
    return cibles


def _nombre(valeur: float, decimales: int = 1) -> str:
    """Nombre à la française : virgule décimale, espace fine insécable entre milliers."""
    return f"{valeur:,.{decimales}f}".replace(",", "\u202f").replace(".", ",")


def _fmt(resume_: dict[str, Any] | None, unite: str = "s", decimales: int = 1) -> str:
    if not resume_:
        return "—"
    if resume_["n"] == 1:
        return f"{_nombre(resume_['mediane'], decimales)} {unite} (1 exécution)"
    return (
        f"{_nombre(resume_['mediane'], decimales)} {unite} "
        f"({_nombre(resume_['min'], decimales)}–{_nombre(resume_['max'], decimales)})"
    )


def _fmt_ratio(valeur: float | None) -> str:
    return "—" if valeur is None else f"{valeur:.2f}".replace(".", ",") + " ×"


def _section_parite(titre: str, moteur: str, parite: dict[str, Any] | None) -> list[str]:
    if not parite:
        return []
    if parite.get("erreur"):
        return [f"## {titre}", "", f"Parité non vérifiée : {parite['erreur']}.", ""]
    return [
        f"## {titre}",
        "",
        "À l'échelle 1 (bruit réaliste), les tables publiées des deux moteurs "
        + ("sont **identiques** (réels à 1e-9 près) : " if parite["identiques"] else "**diffèrent** : ")
        + "; ".join(
            f"`marts.{table}` {v['lignes_duckdb']} lignes sur DuckDB, {v['lignes_autre_moteur']} sur {moteur}, "
            f"{v['lignes_differentes']} différente(s)"
            for table, v in parite.items() if isinstance(v, dict)
        )
        + ".",
        "",
    ]


def ecrire_markdown(resultats: dict[str, Any], chemin: Path, notes: str = "") -> None:
    machine, versions_, mesures, ratios = (
        resultats["machine"], resultats["versions"], resultats["mesures"], resultats["ratios"]
    )
    parametres = resultats["parametres"]
    spark_absent = resultats.get("spark_absent")

    def ligne(libelle: str, cle: str, absent: str = "—") -> str:
        mesure = mesures.get(cle)
        if not mesure:
            return f"| {libelle} | {absent} | {absent} |"
        return (f"| {libelle} | {_fmt(mesure.get('duree_s'))} "
                f"| {_fmt(mesure.get('rss_pointe_mo'), 'Mo', 0)} |")

    def etape(cle: str, echelle: str) -> str:
        return _fmt(((mesures.get(f"nuit_echelle_{echelle}") or {}).get("etapes_s") or {}).get(cle))

    limite_1 = parametres.get("memoire_duckdb_defaut")
    limite_10 = parametres.get("memoire_duckdb_grande_echelle")
    lignes = [
        "# Banc d'essai de performance",
        "",
        "Produit par `make bench` (`python -m mifi bench`, code dans `src/mifi/bench.py`); chiffres bruts",
        "dans `bench/resultats.json`. Chaque case donne la médiane (min–max) de plusieurs exécutions",
        "sur la même machine, dans la même exécution du banc; chaque cible est calculée sur les mesures",
        "de cette même exécution. La machine est partagée : la charge moyenne est notée plus bas.",
        "",
        f"Mesuré le {resultats['date']} — {machine['nproc']} cœurs ({machine['modele_cpu']}), "
        f"{_nombre(machine['memoire_mo'], 0)} Mo de mémoire; Python {versions_['python']}, "
        f"dbt-core {versions_['dbt-core']}, "
        f"dbt-duckdb {versions_['dbt-duckdb']}, DuckDB {versions_['duckdb']}, "
        f"dbt-postgres {versions_['dbt-postgres']}, "
        f"{versions_.get('postgresql') or 'PostgreSQL non mesuré'}"
        + (f", dbt-spark {versions_['dbt-spark']}, pyspark {versions_['pyspark']}"
           if versions_.get("dbt-spark") else "")
        + ". Charge moyenne au début : "
        f"{' / '.join(_nombre(c, 2) for c in machine['charge_moyenne_debut'])} (1, 5 et 15 min); à la fin : "
        f"{' / '.join(_nombre(c, 2) for c in machine.get('charge_moyenne_fin', []))}.",
        "",
        "Extraits : générateur du projet, graine "
        f"{parametres['graine']}, bruit `{parametres['bruit']}`, "
        f"date d'extraction {DATE_EXTRACTION} — "
        + "; ".join(
            f"échelle {e} : {d['nb_fichiers']} fichiers, {_nombre(d['octets'] / 2**20)} Mio"
            for e, d in resultats["extraits"].items()
        )
        + f". Limite de mémoire DuckDB : {limite_1} (défaut du profil) à l'échelle 1, {limite_10} à l'échelle 10.",
        "",
        *([] if resultats.get("complet", True) else [
            "**Banc en cours ou interrompu** : ce rapport ne contient que les parties déjà mesurées.", "",
        ]),
        "## Cibles (2 cœurs)",
        "",
        "| Cible | Mesuré | Verdict |",
        "|---|---|---|",
        *(f"| {c['cible']} | {c['mesure']} | {c['verdict']} |" for c in resultats.get("cibles", [])),
        "",
        "## Mesures",
        "",
        "Durée murale et mémoire résidente de pointe de l'arbre de processus (somme des RSS relevée",
        "toutes les 50 ms dans /proc : dbt, DuckDB embarqué, validation, JVM de Spark).",
        "",
        "| Mesure | Durée médiane (min–max) | Mémoire de pointe médiane (min–max) |",
        "|---|---|---|",
        ligne("Plancher : lecture nue des 17 extraits (DuckDB + décodage Python cp1252/xlsx), échelle 1",
              "scan_echelle_1"),
        ligne("Plancher : lecture nue des 17 extraits, échelle 10", "scan_echelle_10"),
        ligne("`dbt parse` (complet, sans analyse partielle)", "dbt_parse"),
        ligne("`dbt build` DuckDB, échelle 1 (entrepôt neuf, tests unitaires compris)", "duckdb_echelle_1"),
        ligne("`dbt build` DuckDB, échelle 10", "duckdb_echelle_10"),
        ligne("Nuit de bout en bout (`mifi nuit`), échelle 1", "nuit_echelle_1"),
        ligne("Nuit de bout en bout (`mifi nuit`), échelle 10", "nuit_echelle_10"),
        ligne("Chargement PostgreSQL (`charger-postgres`, schéma brut), échelle 1", "postgres_chargement_echelle_1"),
        ligne("`dbt build` PostgreSQL, échelle 1 (après chargement; mémoire : processus dbt)", "postgres_echelle_1"),
        f"| `dbt build` PostgreSQL, échelle 1 : mémoire du serveur PostgreSQL | — "
        f"| {_fmt((mesures.get('postgres_echelle_1') or {}).get('rss_serveur_postgres_mo'), 'Mo', 0)} |",
        ligne("Chargement Spark (`charger-spark`, schéma brut), échelle 1", "spark_chargement_echelle_1",
              spark_absent or "—"),
        ligne("`dbt build` Spark (session locale), échelle 1 (après chargement)", "spark_echelle_1",
              spark_absent or "—"),
        "",
        "## La nuit de bout en bout, par étape",
        "",
        "`python -m mifi nuit` sur des dossiers de travail et de publication neufs (première nuit :",
        "ni analyse partielle de dbt, ni historique antérieur), extraits figés, validation, `dbt build`",
        "sans tests unitaires, documentation et publication. Chaque étape est datée au début de son",
        "en-tête « == » dans la sortie de la nuit.",
        "",
        "| Étape | Échelle 1 | Échelle 10 |",
        "|---|---|---|",
        *(f"| {libelle} | {etape(cle, '1')} | {etape(cle, '10')} |" for cle, _, libelle in ETAPES_NUIT),
        f"| **Total** | {_fmt((mesures.get('nuit_echelle_1') or {}).get('duree_s'))} "
        f"| {_fmt((mesures.get('nuit_echelle_10') or {}).get('duree_s'))} |",
        f"| Mémoire de pointe | {_fmt((mesures.get('nuit_echelle_1') or {}).get('rss_pointe_mo'), 'Mo', 0)} "
        f"| {_fmt((mesures.get('nuit_echelle_10') or {}).get('rss_pointe_mo'), 'Mo', 0)} |",
        "",
        "## Rapports",
        "",
        "| Rapport | Valeur |",
        "|---|---|",
        *(f"| {libelle} | {_fmt_ratio(ratios.get(cle))} |" for cle, libelle in (
            ("validation_sur_scan_echelle_1", "validation / plancher de lecture, échelle 1"),
            ("validation_sur_scan_echelle_10", "validation / plancher de lecture, échelle 10"),
            ("build_sur_scan_echelle_1", "build / plancher de lecture, échelle 1"),
            ("build_sur_scan_echelle_10", "build / plancher de lecture, échelle 10"),
            ("nuit_sur_build_echelle_1", "nuit / build seul, échelle 1"),
            ("nuit_sur_build_echelle_10", "nuit / build seul, échelle 10"),
            ("echelle_10_sur_echelle_1_nuit", "nuit échelle 10 / nuit échelle 1"),
            ("echelle_10_sur_echelle_1_build", "build échelle 10 / build échelle 1"),
            ("echelle_10_sur_echelle_1_scan", "plancher échelle 10 / plancher échelle 1"),
            ("postgres_sur_duckdb_build", "build PostgreSQL / build DuckDB, échelle 1"),
            ("postgres_sur_duckdb_chargement_et_build", "(chargement + build) PostgreSQL / build DuckDB, échelle 1"),
            ("spark_sur_duckdb_build", "build Spark / build DuckDB, échelle 1"),
            ("spark_sur_duckdb_chargement_et_build", "(chargement + build) Spark / build DuckDB, échelle 1"),
        )),
        "",
        *_section_parite("Parité DuckDB / PostgreSQL", "PostgreSQL", resultats.get("parite_marts_echelle_1")),
        *_section_parite("Parité DuckDB / Spark", "Spark", resultats.get("parite_spark_echelle_1")),
    ]
    lentes = resultats.get("noeuds_les_plus_lents", {})
    for cle, titre in (
        ("duckdb_echelle_1", "DuckDB, échelle 1"), ("duckdb_echelle_10", "DuckDB, échelle 10"),
        ("postgres_echelle_1", "PostgreSQL, échelle 1"), ("spark_echelle_1", "Spark, échelle 1"),
    ):
        if lentes.get(cle):
            lignes += [f"### Nœuds les plus lents — {titre} (dernière exécution)", "", "| Nœud | Durée |", "|---|---|"]
            lignes += [f"| `{n['noeud']}` | {_nombre(n['duree_s'], 2)} s |" for n in lentes[cle][:8]]
            sommes = resultats.get("temps_par_categorie", {}).get(cle)
            if sommes:
                lignes += ["", "Temps cumulé par catégorie de nœud (2 fils en parallèle) : "
                           + ", ".join(f"{k} {_nombre(v)} s" for k, v in sorted(sommes.items())) + "."]
            lignes.append("")
    echecs = [cle for cle, mesure in mesures.items() if isinstance(mesure, dict) and mesure.get("nb_echecs")]
    if echecs:
        lignes += [
            "**Attention** : des exécutions ont échoué (code de retour non nul) : "
            + ", ".join(echecs) + ". Détail dans bench/resultats.json.",
            "",
        ]
    if notes:
        lignes += [notes.rstrip(), ""]
    chemin.write_text("\n".join(lignes), encoding="utf-8")


# --------------------------------------------------------------------------------------------
# Ligne de commande
# --------------------------------------------------------------------------------------------


def ajouter_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--executions-1", type=int, default=3, help="Exécutions à l'échelle 1 (défaut 3).")
    parser.add_argument("--executions-10", type=int, default=1, help="Exécutions à l'échelle 10 (défaut 1).")
    parser.add_argument("--executions-postgres", type=int, default=None,
                        help="Exécutions PostgreSQL et Spark à l'échelle 1 (défaut : --executions-1).")
    parser.add_argument("--grande-echelle", type=float, default=10.0, help="Seconde échelle (défaut 10).")
    parser.add_argument(
        "--memoire-grande-echelle", default=None,
        help="Limite de mémoire DuckDB (MIFI_DUCKDB_MEMOIRE) pour la seconde échelle (défaut : celle du "
             "profil, comme à l'échelle 1).",
    )
    parser.add_argument("--graine", type=int, default=42)
    parser.add_argument("--bruit", default="realiste", choices=["aucun", "realiste"])
    parser.add_argument("--sans-postgres", action="store_true", help="Ne pas mesurer PostgreSQL.")
    parser.add_argument("--sans-spark", action="store_true", help="Ne pas mesurer Spark.")
    parser.add_argument("--sans-nuit", action="store_true", help="Ne pas mesurer la nuit de bout en bout.")
    parser.add_argument("--sans-grande-echelle", action="store_true", help="Ne pas mesurer la seconde échelle.")
    parser.add_argument("--sans-build-grande-echelle", action="store_true",
                        help="À la seconde échelle, mesurer la nuit seulement (son étape de construction "
                             "comprend dbt build), pas dbt build seul.")
    parser.add_argument("--cache", type=Path, default=RACINE / "bench" / "cache")
    parser.add_argument("--resultats", type=Path, default=RACINE / "bench" / "resultats.json")
    parser.add_argument("--rapport", type=Path, default=RACINE / "BENCHMARKS.md")
    parser.add_argument("--rapport-seul", action="store_true",
                        help="Réécrire BENCHMARKS.md depuis bench/resultats.json, sans mesurer.")
    parser.add_argument("--notes", type=Path, default=RACINE / "bench" / "notes.md",
                        help="Texte ajouté à la fin de BENCHMARKS.md (analyse, avant/après).")


def _lire_notes(args: argparse.Namespace) -> str:
    return args.notes.read_text(encoding="utf-8") if args.notes and args.notes.is_file() else ""


def executer(args: argparse.Namespace) -> int:
    if args.rapport_seul:
        resultats: dict[str, Any] = json.loads(args.resultats.read_text(encoding="utf-8"))
        resultats["ratios"] = calculer_ratios(resultats)
        resultats["cibles"] = calculer_cibles(resultats)
        args.resultats.write_text(json.dumps(resultats, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        ecrire_markdown(resultats, args.rapport, _lire_notes(args))
        _journal(f"rapport réécrit depuis {args.resultats} (rapports et cibles recalculés) : {args.rapport}")
        return 0

    args.cache.mkdir(parents=True, exist_ok=True)
    echelles: list[float] = [1.0] + ([] if args.sans_grande_echelle else [args.grande_echelle])
    executions = {1.0: args.executions_1, args.grande_echelle: args.executions_10}
    memoire_defaut = memoire_duckdb_du_profil()
    resultats = {
        "date": dt.datetime.now().isoformat(timespec="seconds"),
        "machine": description_machine(),
        "parametres": {
            "graine": args.graine, "bruit": args.bruit, "date_extraction": DATE_EXTRACTION,
            "executions": {f"{e:g}": n for e, n in executions.items()},
            "memoire_duckdb_defaut": memoire_defaut,
            "memoire_duckdb_grande_echelle": args.memoire_grande_echelle or memoire_defaut,
        },
        "extraits": {},
        "generation_s": {},
        "mesures": {},
        "noeuds_les_plus_lents": {},
        "temps_par_categorie": {},
        "scan_par_fichier_s": {},
    }
    version_postgres: str | None = None
    mesures = resultats["mesures"]

    travail = args.cache / "travail"
    shutil.rmtree(travail, ignore_errors=True)
    travail.mkdir(parents=True)

    def mesurer_echelle(echelle: float) -> Path:
        """Extraits, plancher de lecture, dbt build DuckDB et nuit de bout en bout à une échelle."""
        _journal(f"extraits échelle {echelle:g}")
        dossier, duree = generer_extraits(args.cache, echelle, args.graine, args.bruit)
        resultats["extraits"][f"{echelle:g}"] = taille_extraits(dossier)
        resultats["generation_s"][f"{echelle:g}"] = None if duree is None else round(duree, 1)
        # a. Plancher de lecture.
        sources = sources_du_projet(dossier)
        durees: list[float] = []
        for _ in range(executions[echelle]):
            par_fichier = scanner(dossier, sources)
            durees.append(sum(par_fichier.values()))
        resultats["scan_par_fichier_s"][f"{echelle:g}"] = {k: round(v, 3) for k, v in par_fichier.items()}
        mesures[f"scan_echelle_{echelle:g}"] = {"duree_s": resume(durees)}
        _journal(f"plancher échelle {echelle:g} : {statistics.median(durees):.1f} s")
        # c. dbt build DuckDB, puis d. la nuit de bout en bout.
        memoire = args.memoire_grande_echelle if echelle != 1.0 else None
        cle = f"duckdb_echelle_{echelle:g}"
        if echelle == 1.0 or not args.sans_build_grande_echelle:
            serie = Serie(f"dbt build DuckDB échelle {echelle:g}")
            cible = mesurer_duckdb(dossier, travail / cle, executions[echelle], serie, memoire)
            mesures[cle] = serie.en_dict()
            resultats["noeuds_les_plus_lents"][cle] = lignes_lentes(cible)
            resultats["temps_par_categorie"][cle] = somme_durees_noeuds(cible)
        if not args.sans_nuit:
            serie = Serie(f"nuit échelle {echelle:g}")
            mesurer_nuit(dossier, travail / f"nuit_echelle_{echelle:g}", executions[echelle], serie, memoire)
            mesures[f"nuit_echelle_{echelle:g}"] = serie.en_dict()
        if echelle != 1.0:  # l'entrepôt DuckDB de l'échelle 1 sert aux parités; celui-ci pèse des Go
            shutil.rmtree(travail / cle, ignore_errors=True)
        return dossier

    def sauvegarder(final: bool = False) -> None:
        """resultats.json et BENCHMARKS.md, réécrits après chaque partie (un banc interrompu garde
        ce qu'il a mesuré; les parties non mesurées y sont « non mesuré »)."""
        resultats["versions"] = versions(version_postgres)
        resultats["machine"]["charge_moyenne_fin"] = list(os.getloadavg())
        resultats["complet"] = final
        resultats["ratios"] = calculer_ratios(resultats)
        resultats["cibles"] = calculer_cibles(resultats)
        args.resultats.parent.mkdir(parents=True, exist_ok=True)
        args.resultats.write_text(json.dumps(resultats, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        ecrire_markdown(resultats, args.rapport, _lire_notes(args))

    # L'échelle 1 et les autres moteurs d'abord, la grande échelle ensuite (la plus longue).
    extraits_1 = mesurer_echelle(1.0)

    # b. dbt parse.
    serie_parse = Serie("dbt parse")
    for _ in range(args.executions_1):
        serie_parse.ajouter(mesurer(
            [dbt_executable(), "parse", "--no-partial-parse", "--target-path", str(travail / "parse"),
             "--log-path", str(travail / "parse" / "logs")],
            environnement_dbt(extraits_1, travail / "parse.duckdb"),
        ))
    mesures["dbt_parse"] = serie_parse.en_dict()
    _journal(f"dbt parse : {statistics.median(serie_parse.durees):.1f} s")

    sauvegarder()

    # e. PostgreSQL, échelle 1.
    executions_moteurs = args.executions_postgres or args.executions_1
    entrepot_1 = travail / "duckdb_echelle_1" / "bench.duckdb"
    if args.sans_postgres:
        _journal("PostgreSQL non mesuré (--sans-postgres)")
    elif dossier_binaires_postgres() is None:
        _journal("PostgreSQL non mesuré : binaires serveur introuvables (make postgres-installer)")
    else:
        chargement = Serie("chargement PostgreSQL échelle 1")
        construction = Serie("dbt build PostgreSQL échelle 1")
        cible, version_postgres, parite = mesurer_postgres(
            extraits_1, travail / "postgres_echelle_1", executions_moteurs,
            chargement, construction, entrepot_duckdb=entrepot_1,
        )
        resultats["parite_marts_echelle_1"] = parite
        mesures["postgres_chargement_echelle_1"] = chargement.en_dict()
        mesures["postgres_echelle_1"] = construction.en_dict()
        resultats["noeuds_les_plus_lents"]["postgres_echelle_1"] = lignes_lentes(cible)
        resultats["temps_par_categorie"]["postgres_echelle_1"] = somme_durees_noeuds(cible)

    # f. Spark, échelle 1.
    resultats["spark_absent"] = "non mesuré (--sans-spark)" if args.sans_spark else raison_spark_absent()
    if resultats["spark_absent"]:
        _journal(f"Spark {resultats['spark_absent']}")
    else:
        chargement = Serie("chargement Spark échelle 1")
        construction = Serie("dbt build Spark échelle 1")
        cible, parite = mesurer_spark(
            extraits_1, travail / "spark_echelle_1", executions_moteurs, chargement, construction,
            entrepot_duckdb=entrepot_1,
        )
        resultats["parite_spark_echelle_1"] = parite
        mesures["spark_chargement_echelle_1"] = chargement.en_dict()
        mesures["spark_echelle_1"] = construction.en_dict()
        resultats["noeuds_les_plus_lents"]["spark_echelle_1"] = lignes_lentes(cible)
        resultats["temps_par_categorie"]["spark_echelle_1"] = somme_durees_noeuds(cible)

    for echelle in echelles[1:]:
        sauvegarder()
        mesurer_echelle(echelle)

    sauvegarder(final=True)
    _journal(f"résultats : {args.resultats} et {args.rapport}")
    for cible_ in resultats["cibles"]:
        _journal(f"cible « {cible_['cible']} » : {cible_['mesure']} — {cible_['verdict'].strip('*')}")
    echecs = [cle for cle, mesure in mesures.items() if isinstance(mesure, dict) and mesure.get("nb_echecs")]
    if echecs:
        _journal(f"exécutions en échec : {', '.join(echecs)}")
        return 1
    return 0
