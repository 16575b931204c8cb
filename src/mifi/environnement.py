"""Environnement d'un processus dbt (ou ``python -m mifi``) lancé par le projet : une seule définition.

La nuit, le banc d'essai, le chargement PostgreSQL et les tests lancent dbt sur des extraits et
un entrepôt donnés; tous passent par :func:`environnement_dbt` : télémétrie coupée (dbt et Great
Expectations), profils du projet, paquet ``mifi`` du projet en tête du ``PYTHONPATH`` (greffon de
lecture des extraits), cible dbt, dossier des extraits et entrepôt DuckDB.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

RACINE_PROJET = Path(__file__).resolve().parents[2]

# Télémétrie coupée : dbt (deux variables reconnues) et Great Expectations.
SANS_TELEMETRIE = {
    "DO_NOT_TRACK": "1",
    "DBT_SEND_ANONYMOUS_USAGE_STATS": "false",
    "GX_ANALYTICS_ENABLED": "false",
}


def environnement_dbt(
    extraits: Path | None = None,
    entrepot: Path | str | None = None,
    *,
    projet: Path = RACINE_PROJET,
    cible: str | None = "dev",
    base: Mapping[str, str] | None = None,
    autres: Mapping[str, str] | None = None,
) -> dict[str, str]:
    """Variables d'environnement d'un processus dbt du projet.

    - ``base`` : environnement de départ (défaut : celui de ce processus, ``os.environ``);
    - télémétrie coupée, ``DBT_PROFILES_DIR`` = ``projet``, ``<projet>/src`` en tête du
      ``PYTHONPATH`` (le reste du ``PYTHONPATH`` de départ suit);
    - ``MIFI_DBT_CIBLE`` = ``cible`` (profil ``dev`` : DuckDB; ``None`` : celle de ``base``);
    - ``MIFI_EXTRAITS_DIR`` et ``MIFI_DUCKDB_PATH`` quand ``extraits`` et ``entrepot`` sont
      donnés (sinon ceux de ``base``);
    - ``autres`` : variables ajoutées en dernier (elles l'emportent).
    """
    env = dict(os.environ if base is None else base)
    chemin_python = str(projet / "src")
    if env.get("PYTHONPATH"):
        chemin_python = os.pathsep.join([chemin_python, env["PYTHONPATH"]])
    env.update(SANS_TELEMETRIE)
    env["DBT_PROFILES_DIR"] = str(projet)
    env["PYTHONPATH"] = chemin_python
    if cible is not None:
        env["MIFI_DBT_CIBLE"] = cible
    if extraits is not None:
        env["MIFI_EXTRAITS_DIR"] = str(extraits)
    if entrepot is not None:
        env["MIFI_DUCKDB_PATH"] = str(entrepot)
    env.update(autres or {})
    return env
