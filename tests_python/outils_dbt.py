"""Outils de test : générer des extraits, lancer dbt sur un entrepôt jetable, lire les marts."""

from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb

from mifi.environnement import environnement_dbt

RACINE = Path(__file__).resolve().parents[1]
DATE_EXTRACTION = "2026-10-31"


def environnement(extraits: Path, entrepot: Path) -> dict[str, str]:
    """Environnement d'un processus dbt isolé (extraits et entrepôt donnés, télémétrie coupée)."""
    return environnement_dbt(extraits, entrepot, projet=RACINE)


def generer(sortie: Path, echelle: float = 0.05, graine: int = 7, bruit: str = "aucun") -> Path:
    """Génère un jeu d'extraits (réutilisé s'il existe déjà avec sa vérité terrain)."""
    if not (sortie / "verite.json").is_file():
        subprocess.run(
            [
                sys.executable, "-m", "mifi", "generer", "--sortie", str(sortie),
                "--echelle", str(echelle), "--graine", str(graine),
                "--date-extraction", DATE_EXTRACTION, "--bruit", bruit,
            ],
            check=True,
            cwd=RACINE,
            env=environnement(sortie, sortie / "inutilise.duckdb"),
        )
    return sortie


def dbt(
    arguments: list[str], extraits: Path, entrepot: Path, cible_dbt: Path, verifier: bool = True,
    variables: dict[str, str] | None = None,
) -> subprocess.CompletedProcess[str]:
    """Lance dbt dans le projet, sur les extraits et l'entrepôt donnés; sortie capturée.

    ``cible_dbt`` : --target-path (journaux dans ``cible_dbt/logs``); ``variables`` : variables
    d'environnement en plus (cible PostgreSQL...); ``verifier`` : AssertionError si dbt échoue."""
    commande = [
        str(Path(sys.executable).parent / "dbt"), *arguments,
        "--vars", json.dumps({"date_extraction": DATE_EXTRACTION}),
        "--target-path", str(cible_dbt), "--log-path", str(cible_dbt / "logs"),
    ]
    env = environnement_dbt(extraits, entrepot, projet=RACINE, autres=variables)
    resultat = subprocess.run(commande, cwd=RACINE, env=env, capture_output=True, text=True)
    if verifier and resultat.returncode != 0:
        raise AssertionError(
            f"dbt {' '.join(arguments)} a échoué :\n{resultat.stdout[-6000:]}\n{resultat.stderr[-3000:]}"
        )
    return resultat


@dataclass
class Construction:
    """Un entrepôt construit par dbt build sur un jeu d'extraits généré, et sa vérité terrain."""

    extraits: Path
    entrepot: Path
    verite: dict[str, Any]

    def requete(self, sql: str) -> list[tuple[Any, ...]]:
        with duckdb.connect(str(self.entrepot), read_only=True) as connexion:
            return connexion.execute(sql).fetchall()

    def resultats(self, indicateur_id: str) -> dict[tuple[str, str, str], dict[str, Any]]:
        """Lignes publiées d'un indicateur, indexées par (periode, granularite, date_fin)."""
        colonnes = ["periode", "granularite", "date_debut", "date_fin", "valeur", "numerateur",
                    "denominateur", "est_produite"]
        lignes = self.requete(
            f"select {', '.join(colonnes)} from marts.fct_resultats_indicateurs "
            f"where indicateur_id = '{indicateur_id}'"
        )
        index: dict[tuple[str, str, str], dict[str, Any]] = {}
        for ligne in lignes:
            enregistrement = dict(zip(colonnes, ligne))
            enregistrement["date_debut"] = str(enregistrement["date_debut"])
            enregistrement["date_fin"] = str(enregistrement["date_fin"])
            index[(enregistrement["periode"], enregistrement["granularite"], enregistrement["date_fin"])] = (
                enregistrement
            )
        return index

    def attendus(self, indicateur_id: str) -> dict[tuple[str, str, str], dict[str, Any]]:
        """Valeurs de la vérité terrain d'un indicateur, indexées comme resultats()."""
        return {
            (r["periode"], r["granularite"], r["date_fin"]): r
            for r in self.verite["resultats"]
            if r["indicateur_id"] == indicateur_id
        }


    def mesures(self, indicateur_id: str) -> dict[tuple[str, str, str, str], dict[str, Any]]:
        """Mesures complémentaires publiées d'un indicateur, indexées par
        (mesure, periode, granularite, date_fin)."""
        colonnes = ["mesure", "periode", "granularite", "date_debut", "date_fin", "cle_periode", "valeur"]
        lignes = self.requete(
            f"select {', '.join(colonnes)} from marts.fct_mesures_complementaires "
            f"where indicateur_id = '{indicateur_id}'"
        )
        index: dict[tuple[str, str, str, str], dict[str, Any]] = {}
        for ligne in lignes:
            enregistrement = dict(zip(colonnes, ligne))
            enregistrement["date_debut"] = str(enregistrement["date_debut"])
            enregistrement["date_fin"] = str(enregistrement["date_fin"])
            cle = (enregistrement["mesure"], enregistrement["periode"], enregistrement["granularite"],
                   enregistrement["date_fin"])
            if cle in index:
                raise AssertionError(f"mesure publiée en double : {cle}")
            index[cle] = enregistrement
        return index

    def attendus_mesures(self, indicateur_id: str) -> dict[tuple[str, str, str, str], dict[str, Any]]:
        """Mesures complémentaires de la vérité terrain (complements), indexées comme mesures()."""
        return {
            (r["mesure"], r["periode"], r["granularite"], r["date_fin"]): r
            for r in self.verite["complements"].get(indicateur_id, [])
        }


def _cles_en_ecart(indicateur_id: str, quoi: str, publiees: dict[Any, Any], attendues: dict[Any, Any]) -> list[str]:
    """Clés attendues absentes des marts, puis clés publiées absentes de la vérité (``quoi`` : la
    fenêtre ou la mesure)."""
    absentes = [f"{indicateur_id} {cle} : {quoi} attendue absente des marts"
                for cle in sorted(set(attendues) - set(publiees))]
    en_trop = [f"{indicateur_id} {cle} : {quoi} publiée absente de la vérité"
               for cle in sorted(set(publiees) - set(attendues))]
    return absentes + en_trop


def comparer_mesures_a_la_verite(construction: Construction, indicateur_id: str) -> list[str]:
    """Écarts (en français) entre marts.fct_mesures_complementaires et la vérité terrain."""
    publiees = construction.mesures(indicateur_id)
    attendues = construction.attendus_mesures(indicateur_id)
    ecarts = _cles_en_ecart(indicateur_id, "mesure", publiees, attendues)
    for cle in sorted(set(publiees) & set(attendues)):
        obtenu, attendu = publiees[cle], attendues[cle]
        if obtenu["date_debut"] != attendu["date_debut"]:
            ecarts.append(
                f"{indicateur_id} {cle} date_debut : obtenu {obtenu['date_debut']!r}, attendu {attendu['date_debut']!r}"
            )
        if obtenu["valeur"] is None or abs(float(obtenu["valeur"]) - float(attendu["valeur"])) > 1e-9:
            ecarts.append(f"{indicateur_id} {cle} valeur : obtenu {obtenu['valeur']!r}, attendu {attendu['valeur']!r}")
        cle_periode = f"{attendu['periode']}|{attendu['granularite']}|{attendu['date_fin']}"
        if obtenu["cle_periode"] != cle_periode:
            ecarts.append(
                f"{indicateur_id} {cle} cle_periode : obtenu {obtenu['cle_periode']!r}, attendu {cle_periode!r}"
            )
    return ecarts


def comparer_a_la_verite(construction: Construction, indicateur_id: str) -> list[str]:
    """Écarts (en français) entre les marts publiés et la vérité terrain d'un indicateur."""
    publies = construction.resultats(indicateur_id)
    attendus = construction.attendus(indicateur_id)
    ecarts = _cles_en_ecart(indicateur_id, "fenêtre", publies, attendus)
    for cle in sorted(set(publies) & set(attendus)):
        for champ in ("date_debut", "valeur", "numerateur", "denominateur", "est_produite"):
            obtenu, attendu = publies[cle][champ], attendus[cle][champ]
            egaux = (
                obtenu == attendu
                if obtenu is None or attendu is None or isinstance(attendu, (bool, str))
                else abs(float(obtenu) - float(attendu)) <= 1e-9
            )
            if not egaux:
                ecarts.append(f"{indicateur_id} {cle} {champ} : obtenu {obtenu!r}, attendu {attendu!r}")
    return ecarts
