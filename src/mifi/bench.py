"""Banc d'essai de performance : ``python -m mifi bench`` (``make bench``).

Sur la même machine et dans la même exécution :

a. le plancher : lecture nue de tous les extraits par DuckDB avec les options de lecture du
   contrat (les mêmes expressions ``read_csv`` que les sources), et, pour les fichiers
   Windows-1252 et Excel, le décodage Python du projet (greffon ``extraits_mifi``);
b. ``dbt parse`` (analyse complète du projet, sans analyse partielle);
c. ``dbt build`` complet sur DuckDB (entrepôt neuf), aux échelles 1 et 10 : durée et mémoire
   résidente de pointe de l'arbre de processus dbt (somme des RSS, relevée dans /proc);
d. la même chose sur PostgreSQL à l'échelle 1 (grappe jetable locale), le chargement des
   extraits dans ``brut`` étant mesuré à part.

Chaque mesure est répétée (options ``--executions-*``) et rapportée en min/médiane/max.
Résultats : ``bench/resultats.json`` (description de la machine, versions, chiffres bruts,
modèles les plus lents) et un tableau en français dans ``BENCHMARKS.md``. Les extraits générés
sont mis en cache dans ``bench/cache/`` (non versionné).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mifi import environnement

RACINE = Path(__file__).resolve().parents[2]
DATE_EXTRACTION = "2026-10-31"
PAGE = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096

# Cibles de performance (échelle 1, 2 cœurs), rappelées dans BENCHMARKS.md.
CIBLE_BUILD_S = 60.0
CIBLE_RSS_MO = 2048.0
CIBLE_RATIO_ECHELLE = 8.0


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


def mesurer(commande: list[str], env: dict[str, str], pid_serveur: int | None = None, cwd: Path = RACINE) -> Execution:
    """Lance la commande, mesure sa durée murale et la RSS de pointe de son arbre de processus."""
    debut = time.perf_counter()
    processus = subprocess.Popen(
        commande, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
    serveur = Sondeur(lambda: [pid_serveur] if pid_serveur else [])
    with Sondeur(lambda: [processus.pid]) as sondeur, serveur:
        sortie, _ = processus.communicate()
    duree = time.perf_counter() - debut
    return Execution(
        duree_s=duree,
        rss_pointe_mo=sondeur.pointe / 2**20,
        code_retour=processus.returncode,
        rss_serveur_mo=(serveur.pointe / 2**20) if pid_serveur else None,
        sortie=sortie[-4000:],
    )


def mesurer_fonction(fonction: Callable[[], Any]) -> tuple[float, Any]:
    debut = time.perf_counter()
    resultat = fonction()
    return time.perf_counter() - debut, resultat


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
    from importlib import metadata

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
        "duckdb": _version_paquet("duckdb"),
        "postgresql": version_postgres,
    }


# --------------------------------------------------------------------------------------------
# Étapes
# --------------------------------------------------------------------------------------------


def environnement_dbt(extraits: Path, entrepot: Path, extra: dict[str, str] | None = None) -> dict[str, str]:
    return environnement.environnement_dbt(extraits, entrepot, projet=RACINE, autres=extra)


def dbt_executable() -> str:
    return str(Path(sys.executable).parent / "dbt")


def generer_extraits(cache: Path, echelle: float, graine: int, bruit: str) -> tuple[Path, float | None]:
    """Extraits mis en cache (bench/cache/echelle_<e>_graine_<g>_<bruit>); durée si générés."""
    dossier = cache / f"echelle_{echelle:g}_graine_{graine}_{bruit}"
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
    import duckdb

    from mifi.chargement_postgres import relation_source
    from mifi.lecture_extraits import Plugin

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
    echecs: list[str] = field(default_factory=list)

    def ajouter(self, execution: Execution) -> None:
        self.durees.append(execution.duree_s)
        self.rss.append(execution.rss_pointe_mo)
        if execution.rss_serveur_mo is not None:
            self.rss_serveur.append(execution.rss_serveur_mo)
        if execution.code_retour != 0:
            self.echecs.append(execution.sortie[-2000:])

    def en_dict(self) -> dict[str, Any]:
        return {
            "duree_s": resume(self.durees),
            "rss_pointe_mo": resume(self.rss),
            "rss_serveur_postgres_mo": resume(self.rss_serveur),
            "nb_echecs": len(self.echecs),
            "dernier_echec": self.echecs[-1] if self.echecs else None,
        }


def _journal(message: str) -> None:
    print(f"[bench {dt.datetime.now():%H:%M:%S}] {message}", flush=True)


def mesurer_duckdb(
    extraits: Path, travail: Path, executions: int, serie: Serie, memoire: str | None = None
) -> Path:
    cible = travail / "target"
    for numero in range(1, executions + 1):
        entrepot = travail / "bench.duckdb"
        for fichier in (entrepot, entrepot.with_suffix(".duckdb.wal")):
            fichier.unlink(missing_ok=True)
        commande = [
            dbt_executable(), "build", "--no-partial-parse", "--vars", json.dumps({"date_extraction": DATE_EXTRACTION}),
            "--target-path", str(cible), "--log-path", str(travail / "logs"),
        ]
        execution = mesurer(
            commande, environnement_dbt(extraits, entrepot, {"MIFI_DUCKDB_MEMOIRE": memoire} if memoire else None)
        )
        serie.ajouter(execution)
        _journal(
            f"{serie.nom} #{numero} : {execution.duree_s:.1f} s, {execution.rss_pointe_mo:.0f} Mo"
            + ("" if execution.code_retour == 0 else f" (ÉCHEC, code {execution.code_retour})")
        )
    return cible


def comparer_marts(entrepot_duckdb: Path, parametres: Any, tolerance: float = 1e-9) -> dict[str, Any]:
    """Les deux tables publiées sont-elles identiques sur DuckDB et PostgreSQL ? (réels à 1e-9)"""
    import math

    import duckdb

    def normaliser(ligne: tuple[Any, ...]) -> tuple[Any, ...]:
        return tuple(
            v.isoformat() if isinstance(v, (dt.date, dt.datetime))
            else float(v) if isinstance(v, (int, float)) and not isinstance(v, bool)
            else v
            for v in ligne
        )

    def cle(ligne: tuple[Any, ...]) -> tuple[Any, ...]:
        return tuple((0, "") if v is None else (1, round(v, 6)) if isinstance(v, float) else (1, str(v)) for v in ligne)

    bilan: dict[str, Any] = {}
    for table in ("fct_resultats_indicateurs", "fct_ventilations_indicateurs"):
        with duckdb.connect(str(entrepot_duckdb), read_only=True) as connexion:
            colonnes = [d[0] for d in connexion.execute(f"select * from marts.{table} limit 0").description]
            lignes_duckdb = sorted(
                (normaliser(l) for l in connexion.execute(f"select * from marts.{table}").fetchall()), key=cle
            )
        connexion_pg = parametres.connecter()
        try:
            with connexion_pg.cursor() as curseur:
                curseur.execute(f"select {', '.join(colonnes)} from marts.{table}")
                lignes_pg = sorted((normaliser(l) for l in curseur.fetchall()), key=cle)
        finally:
            connexion_pg.close()
        ecarts = abs(len(lignes_duckdb) - len(lignes_pg))
        for a, b in zip(lignes_duckdb, lignes_pg):
            if any(
                not (x == y or (isinstance(x, float) and isinstance(y, float)
                                and (abs(x - y) <= tolerance or (math.isnan(x) and math.isnan(y)))))
                for x, y in zip(a, b)
            ):
                ecarts += 1
        bilan[table] = {
            "lignes_duckdb": len(lignes_duckdb), "lignes_postgres": len(lignes_pg), "lignes_differentes": ecarts
        }
    bilan["identiques"] = all(v["lignes_differentes"] == 0 for v in bilan.values() if isinstance(v, dict))
    return bilan


def mesurer_postgres(
    extraits: Path, travail: Path, executions: int, chargement: Serie, construction: Serie,
    entrepot_duckdb: Path | None = None,
) -> tuple[Path, str | None, dict[str, Any] | None]:
    from mifi.chargement_postgres import GrappeTemporaire

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
            commande = [
                dbt_executable(), "build", "--no-partial-parse", "--target", "postgres",
                "--vars", json.dumps({"date_extraction": DATE_EXTRACTION}),
                "--target-path", str(cible), "--log-path", str(travail / "logs"),
            ]
            execution = mesurer(commande, env, pid_serveur=grappe.pid_serveur())
            construction.ajouter(execution)
            _journal(
                f"{construction.nom} #{numero} : {execution.duree_s:.1f} s, dbt {execution.rss_pointe_mo:.0f} Mo, "
                f"serveur {execution.rss_serveur_mo or 0:.0f} Mo"
                + ("" if execution.code_retour == 0 else f" (ÉCHEC, code {execution.code_retour})")
            )
        version = grappe.version()
        parite = None
        if entrepot_duckdb is not None and entrepot_duckdb.is_file() and construction.echecs == []:
            parite = comparer_marts(entrepot_duckdb, parametres)
            _journal(f"parité des marts DuckDB/PostgreSQL : {'identiques' if parite['identiques'] else 'DIFFÉRENTS'}")
    return cible, version, parite


# --------------------------------------------------------------------------------------------
# Rapport
# --------------------------------------------------------------------------------------------


def _med(resultats: dict[str, Any], *chemin: str) -> float | None:
    valeur: Any = resultats
    for cle in chemin:
        if not isinstance(valeur, dict) or valeur.get(cle) is None:
            return None
        valeur = valeur[cle]
    return float(valeur["mediane"]) if isinstance(valeur, dict) and "mediane" in valeur else None


def _ratio(a: float | None, b: float | None) -> float | None:
    return round(a / b, 2) if a is not None and b else None


def calculer_ratios(resultats: dict[str, Any]) -> dict[str, float | None]:
    mesures = resultats["mesures"]
    build_1 = _med(mesures, "duckdb_echelle_1", "duree_s")
    build_10 = _med(mesures, "duckdb_echelle_10", "duree_s")
    scan_1 = _med(mesures, "scan_echelle_1", "duree_s")
    scan_10 = _med(mesures, "scan_echelle_10", "duree_s")
    pg_build = _med(mesures, "postgres_echelle_1", "duree_s")
    pg_charge = _med(mesures, "postgres_chargement_echelle_1", "duree_s")
    return {
        "build_sur_scan_echelle_1": _ratio(build_1, scan_1),
        "build_sur_scan_echelle_10": _ratio(build_10, scan_10),
        "echelle_10_sur_echelle_1_build": _ratio(build_10, build_1),
        "echelle_10_sur_echelle_1_scan": _ratio(scan_10, scan_1),
        "postgres_sur_duckdb_build": _ratio(pg_build, build_1),
        "postgres_sur_duckdb_chargement_et_build": _ratio(
            (pg_build or 0) + (pg_charge or 0) if pg_build is not None else None, build_1
        ),
    }


def _nombre(valeur: float, decimales: int = 1) -> str:
    """Nombre à la française : virgule décimale, espace fine insécable entre milliers."""
    return f"{valeur:,.{decimales}f}".replace(",", "\u202f").replace(".", ",")


def _fmt(resume_: dict[str, Any] | None, unite: str = "s", decimales: int = 1) -> str:
    if not resume_:
        return "—"
    if resume_["n"] == 1:
        return f"{_nombre(resume_['mediane'], decimales)} {unite}"
    return (
        f"{_nombre(resume_['mediane'], decimales)} {unite} "
        f"({_nombre(resume_['min'], decimales)}–{_nombre(resume_['max'], decimales)})"
    )


def _fmt_ratio(valeur: float | None) -> str:
    return "—" if valeur is None else f"{valeur:.2f}".replace(".", ",") + " ×"


def ecrire_markdown(resultats: dict[str, Any], chemin: Path, notes: str = "") -> None:
    machine, versions_, mesures, ratios = (
        resultats["machine"], resultats["versions"], resultats["mesures"], resultats["ratios"]
    )

    def ligne(libelle: str, cle: str, champ: str = "duree_s", unite: str = "s", decimales: int = 1) -> str:
        mesure = mesures.get(cle) or {}
        return f"| {libelle} | {_fmt(mesure.get(champ), unite, decimales)} |"

    build_1 = _med(mesures, "duckdb_echelle_1", "duree_s")
    rss_1 = _med(mesures, "duckdb_echelle_1", "rss_pointe_mo")
    ratio_echelle = ratios.get("echelle_10_sur_echelle_1_build")

    def verdict(valeur: float | None, cible: float) -> str:
        if valeur is None:
            return "non mesuré"
        return "atteint" if valeur <= cible else "**non atteint**"

    lignes = [
        "# Banc d'essai de performance",
        "",
        "Produit par `make bench` (`python -m mifi bench`, code dans `src/mifi/bench.py`); chiffres bruts",
        "dans `bench/resultats.json`. Chaque case donne la médiane (min–max) de plusieurs exécutions",
        "sur la même machine, dans la même exécution du banc. La machine est partagée : la charge",
        "moyenne au début du banc est notée plus bas.",
        "",
        f"Mesuré le {resultats['date']} — {machine['nproc']} cœurs ({machine['modele_cpu']}), "
        f"{_nombre(machine['memoire_mo'], 0)} Mo de mémoire; Python {versions_['python']}, "
        f"dbt-core {versions_['dbt-core']}, "
        f"dbt-duckdb {versions_['dbt-duckdb']}, DuckDB {versions_['duckdb']}, "
        f"dbt-postgres {versions_['dbt-postgres']}, "
        f"{versions_.get('postgresql') or 'PostgreSQL non mesuré'}. Charge moyenne au début : "
        f"{' / '.join(_nombre(c, 2) for c in machine['charge_moyenne_debut'])} (1, 5 et 15 min); à la fin : "
        f"{' / '.join(_nombre(c, 2) for c in machine.get('charge_moyenne_fin', []))}.",
        "",
        "Extraits : générateur du projet, graine "
        f"{resultats['parametres']['graine']}, bruit `{resultats['parametres']['bruit']}`, "
        f"date d'extraction {DATE_EXTRACTION} — "
        + "; ".join(
            f"échelle {e} : {d['nb_fichiers']} fichiers, {_nombre(d['octets'] / 2**20)} Mio"
            for e, d in resultats["extraits"].items()
        )
        + ".",
        "",
        "## Mesures",
        "",
        "| Mesure | Durée médiane (min–max) |",
        "|---|---|",
        ligne(
            "Plancher : lecture nue des 17 extraits (DuckDB + décodage Python cp1252/xlsx), échelle 1", "scan_echelle_1"
        ),
        ligne("Plancher : lecture nue des 17 extraits, échelle 10", "scan_echelle_10"),
        ligne("`dbt parse` (complet, sans analyse partielle)", "dbt_parse"),
        ligne("`dbt build` DuckDB, échelle 1 (entrepôt neuf)", "duckdb_echelle_1"),
        ligne(
            "`dbt build` DuckDB, échelle 10 "
            f"(limite DuckDB {resultats['parametres'].get('memoire_duckdb_grande_echelle')})",
            "duckdb_echelle_10",
        ),
        ligne("Chargement PostgreSQL (`charger-postgres`, schéma brut), échelle 1", "postgres_chargement_echelle_1"),
        ligne("`dbt build` PostgreSQL, échelle 1 (après chargement)", "postgres_echelle_1"),
        "",
        "| Mémoire résidente de pointe (arbre de processus) | Médiane (min–max) |",
        "|---|---|",
        ligne("`dbt build` DuckDB, échelle 1", "duckdb_echelle_1", "rss_pointe_mo", "Mo", 0),
        ligne("`dbt build` DuckDB, échelle 10", "duckdb_echelle_10", "rss_pointe_mo", "Mo", 0),
        ligne("`dbt build` PostgreSQL, échelle 1 : processus dbt", "postgres_echelle_1", "rss_pointe_mo", "Mo", 0),
        ligne("`dbt build` PostgreSQL, échelle 1 : serveur PostgreSQL",
              "postgres_echelle_1", "rss_serveur_postgres_mo", "Mo", 0),
        ligne("Chargement PostgreSQL, échelle 1 : processus de chargement",
              "postgres_chargement_echelle_1", "rss_pointe_mo", "Mo", 0),
        "",
        "## Rapports",
        "",
        "| Rapport | Valeur |",
        "|---|---|",
        f"| build / plancher de lecture, échelle 1 | {_fmt_ratio(ratios.get('build_sur_scan_echelle_1'))} |",
        f"| build / plancher de lecture, échelle 10 | {_fmt_ratio(ratios.get('build_sur_scan_echelle_10'))} |",
        f"| build échelle 10 / build échelle 1 | {_fmt_ratio(ratio_echelle)} |",
        f"| plancher échelle 10 / plancher échelle 1 | {_fmt_ratio(ratios.get('echelle_10_sur_echelle_1_scan'))} |",
        f"| build PostgreSQL / build DuckDB, échelle 1 | {_fmt_ratio(ratios.get('postgres_sur_duckdb_build'))} |",
        "| (chargement + build) PostgreSQL / build DuckDB, échelle 1 | "
        f"{_fmt_ratio(ratios.get('postgres_sur_duckdb_chargement_et_build'))} |",
        "",
        "## Cibles (échelle 1, 2 cœurs)",
        "",
        "| Cible | Mesuré | Verdict |",
        "|---|---|---|",
        f"| `dbt build` ≤ {CIBLE_BUILD_S:.0f} s | {'—' if build_1 is None else _nombre(build_1) + ' s'} "
        f"| {verdict(build_1, CIBLE_BUILD_S)} |",
        f"| mémoire de pointe ≤ 2 Go | {'—' if rss_1 is None else _nombre(rss_1, 0) + ' Mo'} "
        f"| {verdict(rss_1, CIBLE_RSS_MO)} |",
        f"| échelle 10 ≤ 8 × échelle 1 | {_fmt_ratio(ratio_echelle)} | {verdict(ratio_echelle, CIBLE_RATIO_ECHELLE)} |",
        "",
    ]
    parite = resultats.get("parite_marts_echelle_1")
    if parite:
        lignes += [
            "## Parité DuckDB / PostgreSQL",
            "",
            "À l'échelle 1 (bruit réaliste), les tables publiées des deux moteurs "
            + ("sont **identiques** (réels à 1e-9 près) : " if parite["identiques"] else "**diffèrent** : ")
            + "; ".join(
                f"`marts.{table}` {v['lignes_duckdb']} lignes sur DuckDB, {v['lignes_postgres']} sur PostgreSQL, "
                f"{v['lignes_differentes']} différente(s)"
                for table, v in parite.items() if isinstance(v, dict)
            )
            + ".",
            "",
        ]
    lentes = resultats.get("noeuds_les_plus_lents", {})
    for cle, titre in (
        ("duckdb_echelle_1", "DuckDB, échelle 1"), ("duckdb_echelle_10", "DuckDB, échelle 10"),
        ("postgres_echelle_1", "PostgreSQL, échelle 1"),
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
                        help="Exécutions PostgreSQL à l'échelle 1 (défaut : --executions-1).")
    parser.add_argument("--grande-echelle", type=float, default=10.0, help="Seconde échelle (défaut 10).")
    parser.add_argument(
        "--memoire-grande-echelle", default="12GB",
        help="Limite de mémoire DuckDB (MIFI_DUCKDB_MEMOIRE) pour la seconde échelle (défaut 12GB; "
             "l'échelle 1 garde le défaut du projet, 6GB).",
    )
    parser.add_argument("--graine", type=int, default=42)
    parser.add_argument("--bruit", default="realiste", choices=["aucun", "realiste"])
    parser.add_argument("--sans-postgres", action="store_true", help="Ne pas mesurer PostgreSQL.")
    parser.add_argument("--sans-grande-echelle", action="store_true", help="Ne pas mesurer la seconde échelle.")
    parser.add_argument("--cache", type=Path, default=RACINE / "bench" / "cache")
    parser.add_argument("--resultats", type=Path, default=RACINE / "bench" / "resultats.json")
    parser.add_argument("--rapport", type=Path, default=RACINE / "BENCHMARKS.md")
    parser.add_argument("--rapport-seul", action="store_true",
                        help="Réécrire BENCHMARKS.md depuis bench/resultats.json, sans mesurer.")
    parser.add_argument("--notes", type=Path, default=RACINE / "bench" / "notes.md",
                        help="Texte ajouté à la fin de BENCHMARKS.md (analyse, avant/après).")


def executer(args: argparse.Namespace) -> int:
    from mifi.chargement_postgres import dossier_binaires_postgres, sources_du_projet

    if args.rapport_seul:
        resultats: dict[str, Any] = json.loads(args.resultats.read_text(encoding="utf-8"))
        notes = args.notes.read_text(encoding="utf-8") if args.notes and args.notes.is_file() else ""
        ecrire_markdown(resultats, args.rapport, notes)
        _journal(f"rapport réécrit depuis {args.resultats} : {args.rapport}")
        return 0

    args.cache.mkdir(parents=True, exist_ok=True)
    echelles: list[float] = [1.0] + ([] if args.sans_grande_echelle else [args.grande_echelle])
    executions = {1.0: args.executions_1, args.grande_echelle: args.executions_10}
    resultats = {
        "date": dt.datetime.now().isoformat(timespec="seconds"),
        "machine": description_machine(),
        "parametres": {
            "graine": args.graine, "bruit": args.bruit, "date_extraction": DATE_EXTRACTION,
            "executions": {f"{e:g}": n for e, n in executions.items()},
            "memoire_duckdb_grande_echelle": args.memoire_grande_echelle,
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

    dossiers: dict[float, Path] = {}
    for echelle in echelles:
        _journal(f"extraits échelle {echelle:g}")
        dossier, duree = generer_extraits(args.cache, echelle, args.graine, args.bruit)
        dossiers[echelle] = dossier
        resultats["extraits"][f"{echelle:g}"] = taille_extraits(dossier)
        resultats["generation_s"][f"{echelle:g}"] = None if duree is None else round(duree, 1)

    # a. Plancher de lecture.
    for echelle in echelles:
        sources = sources_du_projet(dossiers[echelle])
        durees: list[float] = []
        for _ in range(executions[echelle]):
            par_fichier = scanner(dossiers[echelle], sources)
            durees.append(sum(par_fichier.values()))
        resultats["scan_par_fichier_s"][f"{echelle:g}"] = {k: round(v, 3) for k, v in par_fichier.items()}
        mesures[f"scan_echelle_{echelle:g}"] = {"duree_s": resume(durees)}
        _journal(f"plancher échelle {echelle:g} : {statistics.median(durees):.1f} s")

    # b. dbt parse.
    serie_parse = Serie("dbt parse")
    travail = args.cache / "travail"
    shutil.rmtree(travail, ignore_errors=True)
    travail.mkdir(parents=True)
    for _ in range(args.executions_1):
        serie_parse.ajouter(mesurer(
            [dbt_executable(), "parse", "--no-partial-parse", "--target-path", str(travail / "parse"),
             "--log-path", str(travail / "parse" / "logs")],
            environnement_dbt(dossiers[1.0], travail / "parse.duckdb"),
        ))
    mesures["dbt_parse"] = serie_parse.en_dict()
    _journal(f"dbt parse : {statistics.median(serie_parse.durees):.1f} s")

    # c. dbt build DuckDB.
    for echelle in echelles:
        cle = f"duckdb_echelle_{echelle:g}"
        serie = Serie(f"dbt build DuckDB échelle {echelle:g}")
        memoire = args.memoire_grande_echelle if echelle != 1.0 else None
        cible = mesurer_duckdb(dossiers[echelle], travail / cle, executions[echelle], serie, memoire)
        mesures[cle] = serie.en_dict()
        resultats["noeuds_les_plus_lents"][cle] = lignes_lentes(cible)
        resultats["temps_par_categorie"][cle] = somme_durees_noeuds(cible)

    # d. PostgreSQL, échelle 1.
    if args.sans_postgres:
        _journal("PostgreSQL non mesuré (--sans-postgres)")
    elif dossier_binaires_postgres() is None:
        _journal("PostgreSQL non mesuré : binaires serveur introuvables (make postgres-installer)")
    else:
        chargement = Serie("chargement PostgreSQL échelle 1")
        construction = Serie("dbt build PostgreSQL échelle 1")
        cible, version_postgres, parite = mesurer_postgres(
            dossiers[1.0], travail / "postgres_echelle_1", args.executions_postgres or args.executions_1,
            chargement, construction, entrepot_duckdb=travail / "duckdb_echelle_1" / "bench.duckdb",
        )
        resultats["parite_marts_echelle_1"] = parite
        mesures["postgres_chargement_echelle_1"] = chargement.en_dict()
        mesures["postgres_echelle_1"] = construction.en_dict()
        resultats["noeuds_les_plus_lents"]["postgres_echelle_1"] = lignes_lentes(cible)
        resultats["temps_par_categorie"]["postgres_echelle_1"] = somme_durees_noeuds(cible)

    resultats["versions"] = versions(version_postgres)
    resultats["machine"]["charge_moyenne_fin"] = list(os.getloadavg())
    resultats["ratios"] = calculer_ratios(resultats)
    args.resultats.parent.mkdir(parents=True, exist_ok=True)
    args.resultats.write_text(json.dumps(resultats, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    notes = args.notes.read_text(encoding="utf-8") if args.notes and args.notes.is_file() else ""
    ecrire_markdown(resultats, args.rapport, notes)
    _journal(f"résultats : {args.resultats} et {args.rapport}")
    echecs = [cle for cle, mesure in mesures.items() if isinstance(mesure, dict) and mesure.get("nb_echecs")]
    if echecs:
        _journal(f"exécutions en échec : {', '.join(echecs)}")
        return 1
    return 0
