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
import pyarrow as pa
from dbt.adapters.duckdb.plugins import BasePlugin
from dbt.adapters.duckdb.utils import SourceConfig


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


def lire_csv_cp1252_arrow(chemin: Path, separateur: str = ";") -> pa.Table:
    """Même lecture que lire_csv_cp1252, rendue en table Arrow, par le lecteur CSV de DuckDB.

    Le fichier est transcodé en UTF-8 (décodage Windows-1252 strict, par blocs : un octet est
    un caractère) dans un fichier temporaire que DuckDB lit avec les mêmes règles que les CSV
    UTF-8 du projet (en-tête, guillemets doublés, champ vide = NULL, toutes colonnes en texte).
    Environ 20 fois plus rapide que le lecteur Python et bien plus sobre en mémoire (chaînes
    Arrow contiguës au lieu d'objets Python). Si DuckDB refuse le fichier (nombre de champs,
    guillemets...), le lecteur Python est rejoué : il donne le message d'erreur en français, et
    le même résultat si le fichier est en fait lisible.
    """
    import tempfile

    import duckdb

    if not chemin.is_file():
        raise ErreurExtrait(f"Extrait introuvable : {chemin}")
    with tempfile.TemporaryDirectory(prefix="mifi-cp1252-") as dossier:
        transcode = Path(dossier) / "extrait_utf8.csv"
        position = 0
        vide = True
        with open(chemin, "rb") as source, open(transcode, "wb") as cible:
            while bloc := source.read(1 << 22):
                vide = vide and not bloc.strip()
                try:
                    cible.write(bloc.decode("cp1252").encode("utf-8"))
                except UnicodeDecodeError as erreur:
                    raise ErreurExtrait(
                        f"Le fichier {chemin.name} n'est pas en Windows-1252 comme le prévoit le contrat "
                        f"(octet invalide à la position {position + erreur.start})."
                    ) from erreur
                position += len(bloc)
        if vide:
            raise ErreurExtrait(f"Le fichier {chemin.name} est vide (pas même une ligne d'en-tête).")
        separateur_sql = separateur.replace("'", "''")
        connexion = duckdb.connect(":memory:", config={"autoinstall_known_extensions": False})
        try:
            table = connexion.sql(
                f"select * from read_csv('{str(transcode).replace(chr(39), chr(39) * 2)}', header = true, "
                f"delim = '{separateur_sql}', quote = '\"', escape = '\"', all_varchar = true, "
                "strict_mode = true, null_padding = false, skip = 0, comment = '', "
                "normalize_names = false, auto_detect = true)"
            ).to_arrow_table()
        except duckdb.Error:
            connexion.close()
            import pyarrow as pa

            # Message d'erreur clair (ou résultat identique si le fichier est lisible).
            return pa.Table.from_pandas(lire_csv_cp1252(chemin, separateur), preserve_index=False)
        connexion.close()
    # Noms de colonnes comme le lecteur Python : espaces de tête et de fin retirés.
    return table.rename_columns([nom.strip() for nom in table.column_names])


def _cle_fichier(source_config: SourceConfig) -> tuple[str, float, int, str] | None:
    """Identité d'un chargement : fichier (chemin, date, taille) et options de lecture."""
    fichier = source_config.get("fichier")
    if not fichier or not Path(str(fichier)).is_file():
        return None
    statistiques = Path(str(fichier)).stat()
    options = repr(sorted((str(cle), str(valeur)) for cle, valeur in source_config.meta.items()))
    return (str(Path(str(fichier)).resolve()), statistiques.st_mtime, statistiques.st_size, options)


def _memoriser_chargements() -> None:
    """Un extrait n'est chargé qu'une fois par processus dbt et par entrepôt.

    dbt-duckdb appelle ``load_source`` à chaque rendu de ``source()`` (le modèle base_ et chaque
    test de la source) : chaque appel relisait le tableau et recréait la table brut.<extrait>
    (CREATE OR REPLACE). Coûteux, et dangereux avec 2 fils : deux rendus simultanés de la même
    source échouent (« Catalog write-write conflict »). Ici, chaque table de source est chargée
    une seule fois par environnement DuckDB (sous verrou), tant que le fichier ne change pas;
    le tableau lu est ensuite libéré. dbt-duckdb est épinglé (constraints.txt); si sa structure
    change, on retombe sur son comportement d'origine.
    """
    import functools
    import threading

    try:
        from dbt.adapters.duckdb.environments.local import LocalEnvironment
    except ImportError:  # pragma: no cover - autre version de dbt-duckdb
        return
    origine = LocalEnvironment.load_source
    if getattr(origine, "_mifi_memoire", False):
        return
    verrou_general = threading.Lock()

    @functools.wraps(origine)
    def load_source(self: Any, plugin_name: str, source_config: SourceConfig) -> Any:
        plugin = getattr(self, "_plugins", {}).get(plugin_name)
        cle = _cle_fichier(source_config) if isinstance(plugin, Plugin) else None
        if cle is None:
            return origine(self, plugin_name, source_config)
        table = source_config.table_name()
        with verrou_general:
            charges = self.__dict__.setdefault("_mifi_sources_chargees", {})
            verrou = self.__dict__.setdefault("_mifi_verrous_sources", {}).setdefault(table, threading.Lock())
        with verrou:
            if charges.get(table) == cle:
                return None
            resultat = origine(self, plugin_name, source_config)
            charges[table] = cle
            plugin.liberer()
            return resultat

    load_source._mifi_memoire = True  # type: ignore[attr-defined]
    LocalEnvironment.load_source = load_source  # type: ignore[method-assign]


class Plugin(BasePlugin):
    """Greffon ``extraits_mifi`` : charge un extrait dans la table de sa source."""

    def initialize(self, plugin_config: dict[str, Any]) -> None:
        self._cache: dict[tuple[str, float, int], pd.DataFrame | pa.Table] = {}
        _memoriser_chargements()

    def liberer(self) -> None:
        """Oublie les tableaux lus (la table brut.<extrait> est écrite : inutile de les garder)."""
        self._cache.clear()

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
                self._cache[cle] = lire_csv_cp1252_arrow(chemin, source_config.get("separateur", ";"))
            else:
                raise ErreurExtrait(
                    f"Format d'extrait inconnu « {format_extrait} » pour la source "
                    f"{source_config.name}.{source_config.identifier}."
                )
        return self._cache[cle]

    def default_materialization(self) -> str:
        return "table"
