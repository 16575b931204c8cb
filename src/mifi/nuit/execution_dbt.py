"""Lancement de dbt (processus séparé, dbt du venv) et lecture de son bilan (run_results.json).

Le processus dbt ne survit jamais à la nuit qui l'a lancé : il tourne dans son propre groupe
de processus (``start_new_session``); si la nuit reçoit SIGTERM, SIGINT ou SIGHUP pendant que
dbt tourne, tout le groupe est terminé avant que le signal ne suive son cours; et, sous Linux,
``prctl(PR_SET_PDEATHSIG, SIGKILL)`` tue dbt si la nuit meurt sans pouvoir réagir (SIGKILL).
"""

from __future__ import annotations

import contextlib
import ctypes
import json
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from types import FrameType
from typing import Any, TextIO

from mifi.environnement import environnement_dbt

# Statuts de run_results.json qui bloquent la publication : test en échec (fail), modèle,
# instantané, seed ou test en erreur (error, runtime error). « warn » n'est pas bloquant;
# « skipped » découle toujours d'un échec en amont, déjà compté.
STATUTS_BLOQUANTS = {"error", "fail", "runtime error"}
STATUTS_AVERTISSEMENT = {"warn"}


# Signaux qui arrêtent la nuit : le groupe de dbt est terminé avant qu'ils ne suivent leur cours.
SIGNAUX_ARRET = (signal.SIGTERM, signal.SIGINT, signal.SIGHUP)
DELAI_ARRET_DBT = 5.0  # secondes laissées à dbt après SIGTERM, avant SIGKILL
_PR_SET_PDEATHSIG = 1
# prctl résolu d'avance : l'enfant, entre fork et exec, n'a plus qu'à l'appeler.
_prctl: Any = None
if sys.platform.startswith("linux"):
    try:
        _prctl = ctypes.CDLL(None, use_errno=True).prctl
    except (OSError, AttributeError):  # pragma: no cover — libc sans prctl
        _prctl = None


def _mourir_avec_la_nuit(pid_nuit: int) -> Callable[[], None] | None:
    """``preexec_fn`` (Linux) : le noyau envoie SIGKILL à dbt quand la nuit meurt."""
    if _prctl is None:
        return None

    def preexec() -> None:
        _prctl(_PR_SET_PDEATHSIG, int(signal.SIGKILL), 0, 0, 0)
        if os.getppid() != pid_nuit:  # la nuit est morte entre fork et prctl
            os._exit(1)

    return preexec


def _enfant_termine(pid: int) -> bool:
    """Vrai si l'enfant ``pid`` a fini (sans le récolter : Popen.wait s'en charge)."""
    try:
        return os.waitid(os.P_PID, pid, os.WEXITED | os.WNOHANG | os.WNOWAIT) is not None
    except ChildProcessError:
        return True


def terminer_groupe(processus: subprocess.Popen[str], delai: float = DELAI_ARRET_DBT) -> None:
    """SIGTERM au groupe de processus de dbt, puis SIGKILL s'il n'a pas fini dans le délai."""
    try:
        os.killpg(processus.pid, signal.SIGTERM)
    except (ProcessLookupError, PermissionError):
        return
    echeance = time.monotonic() + delai
    while not _enfant_termine(processus.pid) and time.monotonic() < echeance:
        time.sleep(0.05)
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(processus.pid, signal.SIGKILL)  # le reste du groupe, s'il en reste


def _installer_gestionnaires(processus: subprocess.Popen[str]) -> dict[int, Any]:
    """Sur SIGTERM/SIGINT/SIGHUP : terminer le groupe de dbt, puis rendre le signal."""
    if threading.current_thread() is not threading.main_thread():
        return {}
    anciens: dict[int, Any] = {}

    def gestionnaire(signum: int, frame: FrameType | None) -> None:
        terminer_groupe(processus)
        precedent = anciens.get(signum, signal.SIG_DFL)
        for numero, ancien in anciens.items():
            signal.signal(numero, ancien)
        if callable(precedent):
            precedent(signum, frame)  # SIGINT : KeyboardInterrupt, comme sans dbt
        elif precedent != signal.SIG_IGN:
            signal.raise_signal(signum)  # action par défaut : la nuit meurt de ce signal

    for numero in SIGNAUX_ARRET:
        anciens[numero] = signal.signal(numero, gestionnaire)
    return anciens


def executable_dbt() -> Path:
    """Le dbt du venv qui exécute ce Python (jamais un dbt trouvé ailleurs dans le PATH)."""
    return Path(sys.executable).parent / "dbt"


def lancer_dbt(
    arguments: list[str],
    *,
    projet: Path,
    extraits: Path,
    entrepot: Path,
    cible: Path,
    journaux: Path,
    date_extraction: str,
    journal: Path,
    sortie: TextIO | None = None,
) -> int:
    """Lance ``dbt <arguments>`` sur l'entrepôt donné; sortie copiée dans ``journal``.

    ``cible`` et ``journaux`` sont les --target-path et --log-path propres à la nuit (jamais le
    target/ du projet). Rend le code de retour de dbt.
    """
    commande = [
        str(executable_dbt()), *arguments,
        "--vars", json.dumps({"date_extraction": date_extraction}),
        "--project-dir", str(projet),
        "--profiles-dir", str(projet),
        "--target-path", str(cible),
        "--log-path", str(journaux),
        "--no-use-colors",
    ]
    journal.parent.mkdir(parents=True, exist_ok=True)
    with journal.open("w", encoding="utf-8") as fichier_journal:
        fichier_journal.write("$ " + " ".join(commande) + "\n")
        fichier_journal.flush()
        processus = subprocess.Popen(
            commande,
            cwd=projet,
            env=environnement_dbt(extraits, entrepot, projet=projet, autres={"NO_COLOR": "1"}),
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            encoding="utf-8",
            errors="replace",
            start_new_session=True,
            preexec_fn=_mourir_avec_la_nuit(os.getpid()),
        )
        anciens = _installer_gestionnaires(processus)
        try:
            assert processus.stdout is not None
            for ligne in processus.stdout:
                fichier_journal.write(ligne)
                if sortie is not None:
                    sortie.write(ligne)
                    sortie.flush()
            return processus.wait()
        finally:
            for numero, ancien in anciens.items():
                if signal.getsignal(numero) is not ancien:
                    signal.signal(numero, ancien)
            if processus.poll() is None:  # sortie par exception (KeyboardInterrupt...)
                terminer_groupe(processus)
                processus.wait()


@dataclass
class ResultatNoeud:
    """Un nœud exécuté par dbt (modèle, test, instantané, seed, test unitaire)."""

    unique_id: str
    nom: str
    type_noeud: str
    statut: str
    message: str
    nb_echecs: int | None
    chemin: str
    code_compile: str | None
    # Messages français des tests du projet (colonne « message ») : ils ne citent que des
    # fichiers, des colonnes et des comptes, et peuvent être publiés.
    details: list[str] = field(default_factory=list)
    # Lignes fautives brutes (colonne = valeur) d'un test sans colonne « message » : elles
    # peuvent citer un identifiant ou un nom tiré des extraits; réservées à l'espace de travail
    # (résumé à l'écran, rapport d'échec), jamais publiées.
    details_bruts: list[str] = field(default_factory=list)

    def libelle(self) -> str:
        types = {
            "model": "modèle", "test": "test", "snapshot": "instantané", "seed": "seed",
            "unit_test": "test unitaire", "source": "source",
        }
        return f"{types.get(self.type_noeud, self.type_noeud)} {self.nom}"


@dataclass
class BilanDbt:
    """Bilan d'un ``dbt build`` : nœuds bloquants, avertissements, comptes par statut."""

    code_retour: int
    resultats_trouves: bool
    noeuds: list[ResultatNoeud]
    journal: Path

    @property
    def bloquants(self) -> list[ResultatNoeud]:
        return [n for n in self.noeuds if n.statut in STATUTS_BLOQUANTS]

    @property
    def avertissements(self) -> list[ResultatNoeud]:
        return [n for n in self.noeuds if n.statut in STATUTS_AVERTISSEMENT]

    @property
    def ignores(self) -> list[ResultatNoeud]:
        return [n for n in self.noeuds if n.statut == "skipped"]

    @property
    def succes(self) -> bool:
        """Publication permise : bilan lu, aucun nœud bloquant, dbt terminé sans erreur."""
        return self.resultats_trouves and not self.bloquants and self.code_retour == 0

    def comptes(self) -> dict[str, int]:
        comptes: dict[str, int] = {}
        for noeud in self.noeuds:
            comptes[noeud.statut] = comptes.get(noeud.statut, 0) + 1
        return comptes

    def fin_du_journal(self, nb_lignes: int = 40) -> str:
        try:
            lignes = self.journal.read_text(encoding="utf-8", errors="replace").splitlines()
        except OSError:
            return ""
        return "\n".join(lignes[-nb_lignes:])


def lire_bilan(cible: Path, code_retour: int, journal: Path) -> BilanDbt:
    """Lit run_results.json et le manifeste du --target-path de la nuit."""
    chemin_resultats = cible / "run_results.json"
    if not chemin_resultats.is_file():
        return BilanDbt(code_retour, False, [], journal)
    resultats = json.loads(chemin_resultats.read_text(encoding="utf-8"))
    manifeste = lire_manifeste(cible)
    noeuds_manifeste: dict[str, Any] = {
        **manifeste.get("nodes", {}), **manifeste.get("unit_tests", {}),
    }
    noeuds: list[ResultatNoeud] = []
    for resultat in resultats.get("results", []):
        unique_id = resultat.get("unique_id", "")
        noeud = noeuds_manifeste.get(unique_id, {})
        noeuds.append(
            ResultatNoeud(
                unique_id=unique_id,
                nom=noeud.get("name") or unique_id.split(".")[-1],
                type_noeud=noeud.get("resource_type") or unique_id.split(".")[0],
                statut=str(resultat.get("status", "")).lower(),
                message=str(resultat.get("message") or ""),
                nb_echecs=resultat.get("failures"),
                chemin=noeud.get("original_file_path", ""),
                code_compile=resultat.get("compiled_code"),
            )
        )
    return BilanDbt(code_retour, True, noeuds, journal)


def lire_manifeste(cible: Path) -> dict[str, Any]:
    chemin = cible / "manifest.json"
    if not chemin.is_file():
        return {}
    manifeste: dict[str, Any] = json.loads(chemin.read_text(encoding="utf-8"))
    return manifeste


def completer_details(bilan: BilanDbt, connexion: Any, nb_max: int = 5) -> None:
    """Pour chaque test en échec ou en avertissement, relit quelques lignes fautives.

    Les tests génériques du projet rendent une colonne ``message`` en français (« Fichier
    arrima_clients.csv : 12 ligne(s) en quarantaine... ») : c'est elle qu'on rapporte. À défaut,
    les premières lignes fautives, colonne = valeur (dans ``details_bruts`` : jamais publiées).
    ``connexion`` : DuckDB sur l'entrepôt de travail. Une requête qui échoue est ignorée (le
    message de dbt reste).
    """
    for noeud in bilan.bloquants + bilan.avertissements:
        if noeud.type_noeud != "test" or not noeud.code_compile:
            continue
        try:
            curseur = connexion.execute(
                f"select * from ({noeud.code_compile}) as echecs order by all limit {nb_max}"
            )
            colonnes = [description[0] for description in curseur.description]
            lignes = curseur.fetchall()
        except Exception:  # noqa: BLE001 — le détail est facultatif
            continue
        for ligne in lignes:
            enregistrement = dict(zip(colonnes, ligne))
            if enregistrement.get("message"):
                noeud.details.append(str(enregistrement["message"]))
            else:
                noeud.details_bruts.append(", ".join(f"{c} = {v}" for c, v in enregistrement.items()))
