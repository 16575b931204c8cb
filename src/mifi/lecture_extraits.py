"""Greffon dbt-duckdb de lecture des extraits que DuckDB ne sait pas lire seul.

DuckDB lit directement les CSV en UTF-8 (``external_location`` des sources). Il ne sait pas
décoder le Windows-1252 (l'extension ``encodings`` n'est pas disponible hors ligne, et
Windows-1252 n'est pas Latin-1 : ``’`` et ``œ`` diffèrent) : ce greffon décode ces fichiers en
Python et les remet à DuckDB, toutes colonnes en texte. Le typage se fait en staging.

Déclaration d'une source (``_<systeme>__sources.yml``) ::

    config:
      meta:
        plugin: extraits_mifi
        format: csv_cp1252          # ou xlsx (voir la lecture des classeurs Excel)
        fichier: "{{ env_var('MIFI_EXTRAITS_DIR') }}/intimm_personnes.csv"
        separateur: ";"
"""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

import pandas as pd
from dbt.adapters.duckdb.plugins import BasePlugin
from dbt.adapters.duckdb.utils import SourceConfig

from mifi import chargement_serialise


class ErreurExtrait(Exception):
    """Erreur de lecture d'un extrait, au message destiné aux analystes."""


def lire_csv_cp1252(chemin: Path, separateur: str = ";") -> pd.DataFrame:
    """Lit un CSV Windows-1252 avec en-tête; toutes les valeurs en texte, champ vide = NULL."""
    if not chemin.is_file():
        raise ErreurExtrait(f"Extrait introuvable : {chemin}")
    contenu = chemin.read_bytes()
    try:
        texte = contenu.decode("cp1252")
    except UnicodeDecodeError as erreur:
        raise ErreurExtrait(
            f"Le fichier {chemin.name} n'est pas en Windows-1252 comme le prévoit le contrat "
            f"(octet invalide à la position {erreur.start})."
        ) from erreur
    lignes = list(csv.reader(io.StringIO(texte, newline=""), delimiter=separateur))
    if not lignes:
        raise ErreurExtrait(f"Le fichier {chemin.name} est vide (pas même une ligne d'en-tête).")
    entete = [nom.strip() for nom in lignes[0]]
    corps = [ligne for ligne in lignes[1:] if ligne]
    for numero, ligne in enumerate(corps, start=2):
        if len(ligne) != len(entete):
            raise ErreurExtrait(
                f"Le fichier {chemin.name}, ligne {numero} : {len(ligne)} champs au lieu de "
                f"{len(entete)} (séparateur « {separateur} » attendu)."
            )
    colonnes = list(zip(*corps)) if corps else [()] * len(entete)
    donnees = {
        nom: pd.Series([valeur if valeur != "" else None for valeur in valeurs], dtype="object")
        for nom, valeurs in zip(entete, colonnes)
    }
    return pd.DataFrame(donnees, columns=entete)


class Plugin(BasePlugin):
    """Greffon ``extraits_mifi`` : charge un extrait dans la table de sa source."""

    def initialize(self, plugin_config: dict[str, Any]) -> None:
        chargement_serialise.installer()
        self._cache: dict[tuple[str, float, int], pd.DataFrame] = {}

    def load(self, source_config: SourceConfig) -> pd.DataFrame:
        format_extrait = source_config.get("format")
        fichier = source_config.get("fichier")
        if not fichier:
            raise ErreurExtrait(f"La source {source_config.table_name()} ne précise pas son fichier (meta.fichier).")
        chemin = Path(str(fichier))
        if not chemin.is_file():
            raise ErreurExtrait(f"Extrait introuvable pour la source {source_config.name}.{source_config.identifier} : {chemin}")
        statistiques = chemin.stat()
        cle = (str(chemin.resolve()), statistiques.st_mtime, statistiques.st_size)
        if cle not in self._cache:
            if format_extrait == "csv_cp1252":
                self._cache[cle] = lire_csv_cp1252(chemin, source_config.get("separateur", ";"))
            else:
                raise ErreurExtrait(
                    f"Format d'extrait inconnu « {format_extrait} » pour la source "
                    f"{source_config.name}.{source_config.identifier}."
                )
        return self._cache[cle]

    def default_materialization(self) -> str:
        return "table"
