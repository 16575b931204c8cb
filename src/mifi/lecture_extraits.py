"""Greffon dbt-duckdb de lecture des extraits que DuckDB ne sait pas lire seul.

DuckDB lit directement les CSV en UTF-8 (``external_location`` des sources). Il ne sait pas
décoder le Windows-1252 (l'extension ``encodings`` n'est pas disponible hors ligne, et
Windows-1252 n'est pas Latin-1 : ``’`` et ``œ`` diffèrent) : ce greffon décode ces fichiers en
Python (transcodage en UTF-8, puis lecture par le lecteur CSV de DuckDB : lire_csv_cp1252_arrow)
et les remet à DuckDB, toutes colonnes en texte. Le typage se fait en staging. Un fichier
Windows-1252 en UTF-16, précédé d'un BOM UTF-8 ou à l'encodage mélangé (des lignes en UTF-8)
est refusé avec le message de la validation (``mifi.encodages``) : ``dbt build`` échoue au
lieu de compter des valeurs fausses.

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

import csv
import datetime as dt
import io
import re
from pathlib import Path
from typing import Any

import openpyxl
import pandas as pd
import pyarrow as pa
from dbt.adapters.duckdb.plugins import BasePlugin
from dbt.adapters.duckdb.utils import SourceConfig

from mifi import chargement_serialise
from mifi.encodages import (
    BOM_UTF8,
    ErreurEncodage,
    detecter_utf16,
    diagnostiquer_encodage,
    lignes_utf8_dans_cp1252,
)
from mifi.validation import contrat_extraits as _contrat


class ErreurExtrait(Exception):
    """Erreur de lecture d'un extrait, au message destiné aux analystes."""


def lire_csv_cp1252(chemin: Path, separateur: str = ";") -> pd.DataFrame:
    """Lit un CSV Windows-1252 avec en-tête; toutes les valeurs en texte, champ vide = NULL."""
    if not chemin.is_file():
        raise ErreurExtrait(f"Extrait introuvable : {chemin}")
    contenu = chemin.read_bytes()
    try:
        texte, _ = diagnostiquer_encodage(chemin.name, contenu, "cp1252")
    except ErreurEncodage as erreur:
        raise ErreurExtrait(str(erreur)) from None
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


def _refuser_encodage(chemin: Path) -> None:
    """Diagnostic complet du fichier (mifi.encodages) rendu en ErreurExtrait."""
    try:
        diagnostiquer_encodage(chemin.name, chemin.read_bytes(), "cp1252")
    except ErreurEncodage as erreur:
        raise ErreurExtrait(str(erreur)) from None


def _refuser_debut_hors_cp1252(chemin: Path, debut: bytes) -> None:
    """UTF-16 ou BOM UTF-8 en tête d'un fichier qui doit être en Windows-1252 : refusé."""
    try:
        detecter_utf16(chemin.name, debut)
    except ErreurEncodage as erreur:
        raise ErreurExtrait(str(erreur)) from None
    if debut.startswith(BOM_UTF8):
        _refuser_encodage(chemin)


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
        ligne_du_bloc, reste = 1, b""
        lignes_utf8: list[int] = []
        with open(chemin, "rb") as source, open(transcode, "wb") as cible:
            while bloc := source.read(1 << 22):
                if position == 0:
                    _refuser_debut_hors_cp1252(chemin, bloc)
                vide = vide and not bloc.strip()
                # Encodage mélangé (mêmes règles que la validation, mifi.encodages) : suites
                # d'octets UTF-8 cherchées sur le bloc précédé de la fin du bloc précédent.
                lignes_utf8 += [
                    n for n in lignes_utf8_dans_cp1252(
                        reste + bloc, ligne_du_bloc - reste.count(b"\n"), depuis=len(reste)
                    )
                    if not lignes_utf8 or n > lignes_utf8[-1]
                ]
                ligne_du_bloc += bloc.count(b"\n")
                reste = bloc[-3:]
                try:
                    cible.write(bloc.decode("cp1252").encode("utf-8"))
                except UnicodeDecodeError as erreur:
                    raise ErreurExtrait(
                        f"Le fichier {chemin.name} n'est pas en Windows-1252 comme le prévoit le contrat "
                        f"(octet invalide à la position {position + erreur.start})."
                    ) from erreur
                position += len(bloc)
        if lignes_utf8:
            _refuser_encodage(chemin)  # message complet : lignes citées et leur nombre
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


# Correspondance explicite en-tête Excel -> colonne (snake_case ASCII en français), une table
# par classeur. Un en-tête absent de la table est une erreur : un classeur dont la forme change
# doit être vu, pas lu de travers.
# Table d'en-têtes de chaque classeur (meta.entetes de la source = nom de la source dbt) :
# en-tête Excel -> nom de colonne, dans l'ordre du contrat des extraits (seule description).
ENTETES_CLASSEURS: dict[str, dict[str, str]] = {
    _extrait.source: {colonne.nom: colonne.colonne_dbt for colonne in _extrait.colonnes}
    for _extrait in _contrat.EXTRAITS
    if _extrait.format is _contrat.Format.XLSX
}

_DATE_TEXTE = re.compile(r"^\s*(\d{1,2})/(\d{1,2})/(\d{4})\s*$")


def _normaliser_entete(entete: str) -> str:
    """En-tête comparé sans espaces superflus et avec l'apostrophe droite (’ -> ')."""
    return " ".join(entete.replace("\u2019", "'").split())


def _texte_cellule(valeur: Any, colonne_date: bool) -> str | None:
    """Valeur d'une cellule rendue en texte; dates normalisées en AAAA-MM-JJ."""
    if valeur is None:
        return None
    if isinstance(valeur, dt.datetime):
        return valeur.date().isoformat()
    if isinstance(valeur, dt.date):
        return valeur.isoformat()
    if isinstance(valeur, bool):
        return "Oui" if valeur else "Non"
    texte = str(int(valeur)) if isinstance(valeur, float) and valeur.is_integer() else str(valeur)
    if texte.strip() == "":
        return None
    if colonne_date:
        correspondance = _DATE_TEXTE.match(texte)
        if correspondance:
            jour, mois, annee = (int(partie) for partie in correspondance.groups())
            try:
                return dt.date(annee, mois, jour).isoformat()
            except ValueError:
                return texte  # date impossible : laissée telle quelle, le staging la met de côté
    return texte


def _lire_onglet(
    feuille: Any, nom_fichier: str, entetes: dict[str, str], ligne_entete: int
) -> tuple[list[str], list[tuple[int, list[str | None]]]]:
    """En-tête (colonnes renommées) et lignes non vides (numéro de ligne Excel, valeurs)."""
    lignes = feuille.iter_rows(min_row=ligne_entete, values_only=True)
    entete_brute = next(lignes, None)
    if entete_brute is None:
        raise ErreurExtrait(
            f"Le fichier {nom_fichier}, onglet « {feuille.title} » : aucun en-tête en ligne {ligne_entete}."
        )
    attendus = {_normaliser_entete(cle): colonne for cle, colonne in entetes.items()}
    positions: list[tuple[int, str]] = []
    inconnus: list[str] = []
    for position, valeur in enumerate(entete_brute):
        if valeur is None or str(valeur).strip() == "":
            continue
        libelle = _normaliser_entete(str(valeur))
        if libelle in attendus:
            positions.append((position, attendus[libelle]))
        else:
            inconnus.append(str(valeur))
    if inconnus:
        raise ErreurExtrait(
            f"Le fichier {nom_fichier}, onglet « {feuille.title} », ligne {ligne_entete} : en-tête(s) "
            f"inconnu(s) {', '.join(f'« {nom} »' for nom in inconnus)}; en-têtes attendus : "
            f"{', '.join(f'« {nom} »' for nom in entetes)}."
        )
    trouvees = {colonne for _, colonne in positions}
    manquants = [cle for cle, colonne in entetes.items() if colonne not in trouvees]
    if manquants:
        raise ErreurExtrait(
            f"Le fichier {nom_fichier}, onglet « {feuille.title} », ligne {ligne_entete} : en-tête(s) "
            f"manquant(s) {', '.join(f'« {nom} »' for nom in manquants)}."
        )
    if len(trouvees) != len(positions):
        raise ErreurExtrait(
            f"Le fichier {nom_fichier}, onglet « {feuille.title} » : un en-tête apparaît deux fois."
        )
    corps: list[tuple[int, list[str | None]]] = []
    for numero, ligne in enumerate(lignes, start=ligne_entete + 1):
        valeurs = [
            _texte_cellule(ligne[position] if position < len(ligne) else None, colonne.startswith("date_"))
            for position, colonne in positions
        ]
        if any(valeur is not None for valeur in valeurs):
            corps.append((numero, valeurs))
    return [colonne for _, colonne in positions], corps


def lire_xlsx(
    chemin: Path,
    entetes: dict[str, str],
    onglet: str | None = None,
    ligne_entete: int = 1,
    tous_les_onglets: bool = False,
) -> pd.DataFrame:
    """Lit un classeur Excel : un onglet nommé, ou l'union de tous les onglets (colonne projet).

    Colonnes rendues : celles de la table ``entetes`` (dans son ordre), précédées de ``projet``
    (nom de l'onglet, union de tous les onglets seulement) et de ``no_ligne_excel``. Toutes les
    valeurs sont du texte (voir _texte_cellule).
    """
    if not chemin.is_file():
        raise ErreurExtrait(f"Classeur introuvable : {chemin}")
    if not tous_les_onglets and not onglet:
        raise ErreurExtrait(
            f"Le fichier {chemin.name} : préciser l'onglet à lire (meta.onglet) ou tous_les_onglets."
        )
    try:
        classeur = openpyxl.load_workbook(chemin, read_only=True, data_only=True)
    except Exception as erreur:  # zip illisible, format autre que xlsx...
        raise ErreurExtrait(f"Le fichier {chemin.name} n'est pas un classeur Excel lisible ({erreur}).") from erreur
    try:
        if tous_les_onglets:
            noms_onglets = list(classeur.sheetnames)
        else:
            if onglet not in classeur.sheetnames:
                raise ErreurExtrait(
                    f"Le fichier {chemin.name} n'a pas d'onglet « {onglet} » (onglets présents : "
                    f"{', '.join(f'« {nom} »' for nom in classeur.sheetnames)})."
                )
            noms_onglets = [str(onglet)]
        colonnes = list(entetes.values())
        enregistrements: list[list[str | None]] = []
        for nom_onglet in noms_onglets:
            noms, corps = _lire_onglet(classeur[nom_onglet], chemin.name, entetes, ligne_entete)
            ordre = [noms.index(colonne) for colonne in colonnes]
            for numero, valeurs in corps:
                prefixe: list[str | None] = [nom_onglet, str(numero)] if tous_les_onglets else [str(numero)]
                enregistrements.append(prefixe + [valeurs[i] for i in ordre])
    finally:
        classeur.close()
    noms_colonnes = (["projet"] if tous_les_onglets else []) + ["no_ligne_excel"] + colonnes
    donnees = {
        nom: pd.Series([ligne[i] for ligne in enregistrements], dtype="object")
        for i, nom in enumerate(noms_colonnes)
    }
    return pd.DataFrame(donnees, columns=noms_colonnes)


def _booleen(valeur: Any) -> bool:
    return str(valeur).strip().lower() in ("true", "1", "oui", "yes")


class Plugin(BasePlugin):
    """Greffon ``extraits_mifi`` : charge un extrait dans la table de sa source."""

    def initialize(self, plugin_config: dict[str, Any]) -> None:
        chargement_serialise.installer()
        self._cache: dict[tuple[str, float, int, str], pd.DataFrame] = {}
        # Cible « lint » (sqlfluff) : seule la compilation compte; un extrait absent y donne une
        # table vide (aux colonnes de sa table d'en-têtes pour un classeur), pour que le linter
        # n'exige pas de données.
        self._extrait_absent_vide = _booleen(plugin_config.get("extrait_absent_vide", False))

    def load(self, source_config: SourceConfig) -> pd.DataFrame | pa.Table:
        format_extrait = source_config.get("format")
        fichier = source_config.get("fichier")
        if not fichier:
            raise ErreurExtrait(f"La source {source_config.table_name()} ne précise pas son fichier (meta.fichier).")
        chemin = Path(str(fichier))
        if not chemin.is_file() and self._extrait_absent_vide:
            if format_extrait == "xlsx":
                entetes = ENTETES_CLASSEURS.get(str(source_config.get("entetes")), {})
                colonnes = (["projet"] if _booleen(source_config.get("tous_les_onglets", False)) else [])
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
            return lire_csv_cp1252_arrow(chemin, source_config.get("separateur", ";"))
        if cle not in self._cache:
            if format_extrait == "xlsx":
                nom_table = source_config.get("entetes")
                if nom_table not in ENTETES_CLASSEURS:
                    raise ErreurExtrait(
                        f"La source {source_config.name}.{source_config.identifier} ({chemin.name}) doit "
                        f"nommer sa table d'en-têtes (meta.entetes : {', '.join(ENTETES_CLASSEURS)})."
                    )
                self._cache[cle] = lire_xlsx(
                    chemin,
                    ENTETES_CLASSEURS[str(nom_table)],
                    onglet=source_config.get("onglet"),
                    ligne_entete=int(source_config.get("ligne_entete", 1)),
                    tous_les_onglets=_booleen(source_config.get("tous_les_onglets", False)),
                )
            else:
                raise ErreurExtrait(
                    f"Format d'extrait inconnu « {format_extrait} » pour la source "
                    f"{source_config.name}.{source_config.identifier}."
                )
        return self._cache[cle]

    def default_materialization(self) -> str:
        return "table"
