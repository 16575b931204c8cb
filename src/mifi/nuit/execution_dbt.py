"""Lancement de dbt (processus séparé, dbt du venv) et lecture de son bilan (run_results.json)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

# Statuts de run_results.json qui bloquent la publication : test en échec (fail), modèle,
# instantané, seed ou test en erreur (error, runtime error). « warn » n'est pas bloquant;
# « skipped » découle toujours d'un échec en amont, déjà compté.
STATUTS_BLOQUANTS = {"error", "fail", "runtime error"}
STATUTS_AVERTISSEMENT = {"warn"}


def executable_dbt() -> Path:
    """Le dbt du venv qui exécute ce Python (jamais un dbt trouvé ailleurs dans le PATH)."""
    return Path(sys.executable).parent / "dbt"


def environnement_dbt(projet: Path, extraits: Path, entrepot: Path) -> dict[str, str]:
    """Environnement d'un processus dbt de la nuit : extraits et entrepôt de travail donnés."""
    env = dict(os.environ)
    chemin_python = str(projet / "src")
    if env.get("PYTHONPATH"):
        chemin_python = os.pathsep.join([chemin_python, env["PYTHONPATH"]])
    env.update(
        {
            "DO_NOT_TRACK": "1",
            "DBT_SEND_ANONYMOUS_USAGE_STATS": "false",
            "GX_ANALYTICS_ENABLED": "false",
            "DBT_PROFILES_DIR": str(projet),
            "MIFI_DBT_CIBLE": "dev",
            "MIFI_EXTRAITS_DIR": str(extraits),
            "MIFI_DUCKDB_PATH": str(entrepot),
            "PYTHONPATH": chemin_python,
            "NO_COLOR": "1",
        }
    )
    return env


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
            env=environnement_dbt(projet, extraits, entrepot),
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            encoding="utf-8",
            errors="replace",
        )
        assert processus.stdout is not None
        for ligne in processus.stdout:
            fichier_journal.write(ligne)
            if sortie is not None:
                sortie.write(ligne)
                sortie.flush()
        return processus.wait()


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
    details: list[str] = field(default_factory=list)

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
    return json.loads(chemin.read_text(encoding="utf-8"))


def completer_details(bilan: BilanDbt, connexion: Any, nb_max: int = 5) -> None:
    """Pour chaque test en échec ou en avertissement, relit quelques lignes fautives.

    Les tests génériques du projet rendent une colonne ``message`` en français (« Fichier
    arrima_clients.csv : 12 ligne(s) en quarantaine... ») : c'est elle qu'on rapporte. À défaut,
    les premières lignes fautives, colonne = valeur. ``connexion`` : DuckDB sur l'entrepôt de
    travail. Une requête qui échoue est ignorée (le message de dbt reste).
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
                noeud.details.append(", ".join(f"{c} = {v}" for c, v in enregistrement.items()))
