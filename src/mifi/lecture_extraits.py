"""Greffon dbt-duckdb de lecture des extraits que DuckDB ne sait pas lire seul.

DuckDB lit directement les CSV en UTF-8 (``external_location`` des sources). Il ne sait pas
décoder le Windows-1252 (l'extension ``encodings`` n'est pas disponible hors ligne, et
Windows-1252 n'est pas Latin-1 : ``’`` et ``œ`` diffèrent) : ce greffon les lit par le lecteur
des extraits du projet (``mifi.extraits.lecture``, le même que la validation : transcodage en
UTF-8, puis lecteur CSV de DuckDB) et les remet à DuckDB, toutes colonnes en texte. Le typage
se fait en staging. Un fichier Windows-1252 en UTF-16, précédé d'un BOM UTF-8 ou à l'encodage
mélangé (des lignes en UTF-8) est refusé avec le message de la validation (``mifi.encodages``) :
``dbt build`` échoue au lieu de compter des valeurs fausses.

Déclaration d'une source (``_<systeme>__sources.yml``) ::

    config:
      meta:
        plugin: extraits_mifi
        format: csv_cp1252          # ou xlsx (voir la lecture des classeurs Excel)
        fichier: "{{ env_var('MIFI_EXTRAITS_DIR') }}/intimm_personnes.csv"
        separateur: ";"

Classeurs Excel (``format: xlsx``), lus par openpyxl en lecture seule ::

    config:
      meta:
        plugin: extraits_mifi
        format: xlsx
        fichier: "{{ env_var('MIFI_EXTRAITS_DIR') }}/ddrc_projets_recrutement.xlsx"
        entetes: ddrc               # table de correspondance des en-têtes (ENTETES_CLASSEURS)
        tous_les_onglets: true      # union de tous les onglets, nom de l'onglet -> colonne projet
        ligne_entete: 1             # ligne (numérotation Excel) qui porte l'en-tête
        # onglet: "Suivi 6.1.1"     # ou un seul onglet nommé

Toutes les valeurs sont rendues en texte. Dans les colonnes de date (nom commençant par
``date_``), une cellule date Excel et un texte ``JJ/MM/AAAA`` valide deviennent tous deux
``AAAA-MM-JJ``; un texte illisible est laissé tel quel pour que le staging le mette en
quarantaine. Chaque ligne garde son numéro de ligne Excel (``no_ligne_excel``).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd
import pyarrow as pa
from dbt.adapters.duckdb.plugins import BasePlugin
from dbt.adapters.duckdb.utils import SourceConfig

from mifi import chargement_serialise
from mifi.extraits.lecture import (
    ErreurLecture,
    decoder,
    en_pandas,
    lire_classeur,
    lire_csv,
    lire_csv_python,
    table_texte,
)
from mifi.validation import contrat_extraits as _contrat

# Erreur de lecture d'un extrait (message destiné aux analystes) : celle du lecteur des extraits.
ErreurExtrait = ErreurLecture


def lire_csv_cp1252(chemin: Path, separateur: str = ";") -> pd.DataFrame:
    """Lecteur Python de référence (module csv) d'un CSV Windows-1252 : toutes les valeurs en
    texte, champ vide = NULL. Sert de témoin au lecteur rapide (``lire_csv_cp1252_arrow``)."""
    if not chemin.is_file():
        raise ErreurExtrait(f"Extrait introuvable : {chemin}")
    texte, _ = decoder(chemin.name, chemin.read_bytes(), "cp1252")
    return en_pandas(table_texte(*lire_csv_python(texte, chemin.name, separateur)))


def lire_csv_cp1252_arrow(chemin: Path, separateur: str = ";") -> pa.Table:
    """Un CSV Windows-1252 lu par le lecteur des extraits (DuckDB), en table Arrow de texte."""
    return lire_csv(chemin, "cp1252", separateur).table


# Table d'en-têtes de chaque classeur (meta.entetes de la source = nom de la source dbt) :
# en-tête Excel -> nom de colonne, dans l'ordre du contrat des extraits (seule description).
# Un en-tête absent de la table est une erreur : un classeur dont la forme change doit être vu,
# pas lu de travers.
ENTETES_CLASSEURS: dict[str, dict[str, str]] = {
    _extrait.source: {colonne.nom: colonne.colonne_dbt for colonne in _extrait.colonnes}
    for _extrait in _contrat.EXTRAITS
    if _extrait.format is _contrat.Format.XLSX
}


def _option(source_config: SourceConfig, cle: str, defaut: Any = None) -> Any:
    """Option ``meta`` de la source (ce que fait ``SourceConfig.get``, non annoté dans dbt-duckdb)."""
    return source_config.meta.get(cle, defaut)


def _booleen(valeur: Any) -> bool:
    return str(valeur).strip().lower() in ("true", "1", "oui", "yes")


class Plugin(BasePlugin):
    """Greffon ``extraits_mifi`` : charge un extrait dans la table de sa source."""

    def initialize(self, plugin_config: dict[str, Any]) -> None:
        chargement_serialise.installer()
        self._cache: dict[tuple[str, float, int, str], pa.Table] = {}
        # Cible « lint » (sqlfluff) : seule la compilation compte; un extrait absent y donne une
        # table vide (aux colonnes de sa table d'en-têtes pour un classeur), pour que le linter
        # n'exige pas de données.
        self._extrait_absent_vide = _booleen(plugin_config.get("extrait_absent_vide", False))

    def load(self, source_config: SourceConfig) -> pd.DataFrame | pa.Table:
        format_extrait = _option(source_config, "format")
        fichier = _option(source_config, "fichier")
        if not fichier:
            raise ErreurExtrait(f"La source {source_config.table_name()} ne précise pas son fichier (meta.fichier).")
        chemin = Path(str(fichier))
        if not chemin.is_file() and self._extrait_absent_vide:
            if format_extrait == "xlsx":
                entetes = ENTETES_CLASSEURS.get(str(_option(source_config, "entetes")), {})
                colonnes = (["projet"] if _booleen(_option(source_config, "tous_les_onglets", False)) else [])
                colonnes += ["no_ligne_excel", *entetes.values()]
            else:
                # Colonnes inconnues sans le fichier; la compilation n'en a pas besoin.
                colonnes = ["extrait_absent"]
            return pd.DataFrame({nom: pd.Series([], dtype="object") for nom in colonnes}, columns=colonnes)
        if not chemin.is_file():
            raise ErreurExtrait(
                f"Extrait introuvable pour la source {source_config.name}.{source_config.identifier} : {chemin}"
            )
        statistiques = chemin.stat()
        # Les options de lecture font partie de la clé : un même classeur lu deux fois
        # différemment ne partage pas son cache.
        options = repr(sorted((str(k), str(v)) for k, v in source_config.meta.items()))
        cle = (str(chemin.resolve()), statistiques.st_mtime, statistiques.st_size, options)
        if format_extrait == "csv_cp1252":
            # Lecteur rapide (DuckDB). Pas de cache : chargement_serialise ne charge chaque source
            # qu'une fois par processus, et garder le tableau ne ferait qu'occuper la mémoire.
            return lire_csv_cp1252_arrow(chemin, _option(source_config, "separateur", ";"))
        if cle not in self._cache:
            if format_extrait == "xlsx":
                nom_table = _option(source_config, "entetes")
                if nom_table not in ENTETES_CLASSEURS:
                    raise ErreurExtrait(
                        f"La source {source_config.name}.{source_config.identifier} ({chemin.name}) doit "
                        f"nommer sa table d'en-têtes (meta.entetes : {', '.join(ENTETES_CLASSEURS)})."
                    )
                self._cache[cle] = lire_classeur(
                    chemin,
                    ENTETES_CLASSEURS[str(nom_table)],
                    onglet=_option(source_config, "onglet"),
                    ligne_entete=int(_option(source_config, "ligne_entete", 1)),
                    tous_les_onglets=_booleen(_option(source_config, "tous_les_onglets", False)),
                )
            else:
                raise ErreurExtrait(
                    f"Format d'extrait inconnu « {format_extrait} » pour la source "
                    f"{source_config.name}.{source_config.identifier}."
                )
        return self._cache[cle]

    def default_materialization(self) -> str:
        return "table"
