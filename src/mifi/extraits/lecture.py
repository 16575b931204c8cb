"""Le lecteur des extraits : une seule lecture, partagée par le greffon dbt, la validation et
les contrôles de base de la nuit.

Un CSV est lu une fois, par le lecteur CSV de DuckDB, en table Arrow (toutes les valeurs en
texte, champ vide = NULL). L'encodage est vérifié au passage, par blocs, avec le diagnostic
commun (``mifi.encodages``) : UTF-16, BOM UTF-8 sur un fichier Windows-1252, encodage mélangé
et octet invalide sont refusés avec le même message partout. Un fichier Windows-1252 est
transcodé en UTF-8 (un octet est un caractère) dans un fichier temporaire que DuckDB lit avec
les mêmes règles; un fichier UTF-8 est lu tel quel (DuckDB retire le BOM).

Si DuckDB refuse le fichier (nombre de champs, guillemet non fermé...), le lecteur Python de
référence (``lire_csv_python``, module ``csv``) est rejoué : il donne le message d'erreur en
français, qui nomme le fichier et la ligne, et le même résultat si le fichier est en fait
lisible (ligne faite d'espaces seulement, par exemple).

Les classeurs Excel sont lus par openpyxl en lecture seule (``lire_classeur``).

Les erreurs sont des ``ErreurLecture`` (message destiné aux analystes, nom du fichier en tête).
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
import re
import tempfile
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa
from openpyxl import load_workbook

from mifi.encodages import (
    BOM_UTF8,
    ErreurEncodage,
    detecter_utf16,
    diagnostiquer_encodage,
    lignes_utf8_dans_cp1252,
)
from mifi.validation.contrat_extraits import COLONNE_ONGLET, Extrait, Format

TAILLE_BLOC = 1 << 22
SEPARATEURS_POSSIBLES = (",", ";", "\t", "|")


class ErreurLecture(Exception):
    """Extrait illisible ou non conforme à la forme du contrat (message pour les analystes)."""


@dataclass
class ExtraitLu:
    """Un extrait lu : table Arrow (toutes valeurs en texte, vide = NULL) et avertissements."""

    table: pa.Table
    avertissements: list[str] = field(default_factory=list)


# --- Encodage -------------------------------------------------------------------------------------

def decoder(nom: str, contenu: bytes, encodage: str) -> tuple[str, list[str]]:
    """Décode tout le contenu selon l'encodage du contrat; (texte, avertissements)."""
    try:
        return diagnostiquer_encodage(nom, contenu, encodage)
    except ErreurEncodage as erreur:
        raise ErreurLecture(str(erreur)) from None


def _refuser(nom: str, chemin: Path, encodage: str) -> None:
    """Diagnostic complet du fichier (message qui cite les lignes en cause)."""
    decoder(nom, chemin.read_bytes(), encodage)


def _refuser_utf16(nom: str, debut: bytes) -> None:
    try:
        detecter_utf16(nom, debut)
    except ErreurEncodage as erreur:
        raise ErreurLecture(str(erreur)) from None


@dataclass
class _Parcours:
    """Ce que le parcours par blocs a vu du fichier."""

    debut: str = ""  # premier bloc décodé (sans BOM), pour l'en-tête
    vide: bool = True  # rien d'autre que des espaces
    fin_de_ligne: bool = True  # le fichier finit par une fin de ligne
    avertissements: list[str] = field(default_factory=list)


def _blocs(chemin: Path) -> Iterator[bytes]:
    with open(chemin, "rb") as source:
        while bloc := source.read(TAILLE_BLOC):
            yield bloc


def _parcourir_cp1252(nom: str, chemin: Path, cible: Path) -> _Parcours:
    """Vérifie l'encodage Windows-1252 bloc par bloc et écrit le texte en UTF-8 dans ``cible``."""
    parcours = _Parcours()
    ligne_du_bloc, reste = 1, b""
    lignes_utf8: list[int] = []
    with open(cible, "wb") as sortie:
        for numero, bloc in enumerate(_blocs(chemin)):
            if numero == 0:
                _refuser_utf16(nom, bloc)
                if bloc.startswith(BOM_UTF8):
                    _refuser(nom, chemin, "cp1252")
            # Encodage mélangé : suites d'octets UTF-8 cherchées sur le bloc précédé de la fin du
            # bloc précédent (une suite peut être à cheval sur deux blocs).
            lignes_utf8 += [
                n for n in lignes_utf8_dans_cp1252(reste + bloc, ligne_du_bloc - reste.count(b"\n"), depuis=len(reste))
                if not lignes_utf8 or n > lignes_utf8[-1]
            ]
            ligne_du_bloc += bloc.count(b"\n")
            reste = bloc[-3:]
            try:
                texte = bloc.decode("cp1252")
            except UnicodeDecodeError:
                _refuser(nom, chemin, "cp1252")
                raise
            if numero == 0:
                parcours.debut = texte
            parcours.vide = parcours.vide and not texte.strip()
            parcours.fin_de_ligne = texte.endswith(("\n", "\r"))
            sortie.write(texte.encode("utf-8"))
    if lignes_utf8:
        _refuser(nom, chemin, "cp1252")  # message complet : lignes citées et leur nombre
    return parcours


def _parcourir_utf8(nom: str, chemin: Path, encodage: str) -> _Parcours:
    """Vérifie l'encodage UTF-8 bloc par bloc (BOM absent ou en trop : avertissement)."""
    parcours = _Parcours()
    decodeur = codecs.getincrementaldecoder("utf-8")()
    for numero, bloc in enumerate(_blocs(chemin)):
        if numero == 0:
            _refuser_utf16(nom, bloc)
            a_bom = bloc.startswith(BOM_UTF8)
            if encodage == "utf-8-sig" and not a_bom:
                parcours.avertissements.append(
                    f"{nom} : marque d'ordre d'octets (BOM) absente; le contrat prévoit UTF-8 avec BOM."
                )
            if encodage == "utf-8" and a_bom:
                parcours.avertissements.append(
                    f"{nom} : marque d'ordre d'octets (BOM) présente; le contrat prévoit UTF-8 sans BOM."
                )
            bloc = bloc.removeprefix(BOM_UTF8)
        try:
            texte = decodeur.decode(bloc)
        except UnicodeDecodeError:
            _refuser(nom, chemin, encodage)
            raise
        if numero == 0:
            parcours.debut = texte
        parcours.vide = parcours.vide and not texte.strip()
        if texte:
            parcours.fin_de_ligne = texte.endswith(("\n", "\r"))
    try:
        decodeur.decode(b"", final=True)
    except UnicodeDecodeError:
        _refuser(nom, chemin, encodage)
        raise
    return parcours


# --- En-tête ------------------------------------------------------------------------------------

def verifier_entete(extrait: Extrait, entete: list[str], separateur: str | None = None) -> None:
    """Lève ErreurLecture si l'en-tête lu diffère de celui du contrat (noms et ordre)."""
    attendu = extrait.entete
    if entete == attendu:
        return
    nom = extrait.fichier
    if separateur is not None and len(entete) == 1:
        for autre in SEPARATEURS_POSSIBLES:
            if autre != separateur and [c.strip() for c in entete[0].split(autre)] == attendu:
                raise ErreurLecture(
                    f"{nom} : séparateur « {autre} » trouvé dans l'en-tête au lieu de « {separateur} » "
                    "prévu par le contrat."
                )
    manquantes = [c for c in attendu if c not in entete]
    en_trop = [c for c in entete if c not in attendu]
    details: list[str] = []
    if manquantes:
        details.append("colonne(s) manquante(s) ou renommée(s) : " + ", ".join(manquantes))
    if en_trop:
        details.append("colonne(s) inattendue(s) : " + ", ".join(repr(c) for c in en_trop))
    if not details:
        details.append("colonnes dans un autre ordre : " + ", ".join(entete))
    if separateur is not None and len(entete) == 1 and len(attendu) > 1:
        details.append(f"une seule colonne lue avec le séparateur « {separateur} »")
    raise ErreurLecture(f"{nom} : en-tête différent du contrat ({'; '.join(details)}). Attendu : {', '.join(attendu)}.")


def _entete(nom: str, debut: str, separateur: str) -> list[str]:
    try:
        return [c.strip() for c in next(csv.reader(io.StringIO(debut, newline=""), delimiter=separateur, strict=True))]
    except csv.Error as erreur:
        raise ErreurLecture(f"{nom} : en-tête illisible ({erreur}).") from None
    except StopIteration:
        raise ErreurLecture(f"{nom} : fichier vide (pas même la ligne d'en-tête).") from None


# --- CSV ------------------------------------------------------------------------------------------

def lire_csv_python(texte: str, nom: str, separateur: str) -> tuple[list[str], list[list[str | None]]]:
    """Lecteur de référence (module csv) : (en-tête, lignes; valeur vide -> None).

    Lignes vides ou faites d'espaces ignorées; ligne au mauvais nombre de champs ou guillemet
    non fermé : ErreurLecture qui nomme le fichier et la ligne.
    """
    lecteur = csv.reader(io.StringIO(texte, newline=""), delimiter=separateur, strict=True)
    try:
        entete = [c.strip() for c in next(lecteur)]
    except csv.Error as erreur:
        raise ErreurLecture(f"{nom} : en-tête illisible ({erreur}).") from None
    except StopIteration:
        raise ErreurLecture(f"{nom} : fichier vide (pas même la ligne d'en-tête).") from None
    attendus = len(entete)
    lignes: list[list[str | None]] = []
    try:
        for ligne in lecteur:
            if not ligne or (len(ligne) == 1 and not ligne[0].strip()):
                continue  # ligne vide
            if len(ligne) != attendus:
                raise ErreurLecture(
                    f"{nom}, ligne {lecteur.line_num} : {len(ligne)} champ(s) au lieu de {attendus} "
                    f"(ligne tronquée, ou séparateur « {separateur} » dans une valeur sans "
                    "guillemets)."
                )
            lignes.append([valeur if valeur != "" else None for valeur in ligne])
    except csv.Error as erreur:
        raise ErreurLecture(
            f"{nom}, ligne {lecteur.line_num} : ligne illisible ({erreur}; guillemet non fermé, "
            "fichier tronqué ?)."
        ) from None
    return entete, lignes


def table_texte(colonnes: list[str], lignes: list[list[str | None]]) -> pa.Table:
    """Table Arrow de texte à partir de lignes Python (colonnes dans l'ordre donné)."""
    valeurs = list(zip(*lignes)) if lignes else [()] * len(colonnes)
    return pa.Table.from_arrays([pa.array(list(v), type=pa.string()) for v in valeurs], names=colonnes)


def en_pandas(table: pa.Table) -> Any:
    """DataFrame pandas de la table : colonnes de type objet, valeurs str, NULL -> None (et non
    NaN, comme le donnerait le type texte par défaut de pandas 3)."""
    # Différé (mesuré : ~0,3 s d'import) : seule la validation s'en sert, pas le greffon dbt.
    import pandas as pd  # noqa: PLC0415

    return pd.DataFrame(
        {nom: pd.Series(table.column(nom).to_numpy(zero_copy_only=False), dtype=object) for nom in table.column_names},
        columns=table.column_names,
    )


def _lire_par_duckdb(fichier: Path, separateur: str) -> pa.Table:

    chemin_sql = str(fichier).replace("'", "''")
    separateur_sql = separateur.replace("'", "''")
    connexion = duckdb.connect(":memory:", config={"autoinstall_known_extensions": False})
    try:
        return connexion.sql(
            f"select * from read_csv('{chemin_sql}', header = true, delim = '{separateur_sql}', quote = '\"', "
            "escape = '\"', all_varchar = true, strict_mode = true, null_padding = false, skip = 0, "
            "comment = '', normalize_names = false, auto_detect = true)"
        ).to_arrow_table()
    finally:
        connexion.close()


def lire_csv(
    chemin: Path, encodage: str, separateur: str, *, extrait: Extrait | None = None, nom: str | None = None
) -> ExtraitLu:
    """Lit un CSV (encodage ``cp1252``, ``utf-8`` ou ``utf-8-sig``) en table Arrow de texte.

    Avec ``extrait``, l'en-tête est comparé à celui du contrat (ErreurLecture s'il diffère).
    Avertissements : BOM absent ou en trop (UTF-8), dernière ligne sans fin de ligne.
    """

    nom = nom or chemin.name
    if not chemin.is_file():
        raise ErreurLecture(f"{nom} : fichier introuvable ({chemin}).")
    with tempfile.TemporaryDirectory(prefix="mifi-lecture-") as dossier:
        if encodage == "cp1252":
            lu = Path(dossier) / "extrait_utf8.csv"
            parcours = _parcourir_cp1252(nom, chemin, lu)
        else:
            lu = chemin
            parcours = _parcourir_utf8(nom, chemin, encodage)
        if parcours.vide:
            raise ErreurLecture(f"{nom} : fichier vide (pas même la ligne d'en-tête).")
        if extrait is not None:
            verifier_entete(extrait, _entete(nom, parcours.debut, separateur), separateur)
        try:
            table = _lire_par_duckdb(lu, separateur)
            table = table.rename_columns([c.strip() for c in table.column_names])
        except duckdb.Error:
            # Message d'erreur clair (ou résultat identique si le fichier est lisible).
            texte, _ = decoder(nom, chemin.read_bytes(), encodage)
            table = table_texte(*lire_csv_python(texte, nom, separateur))
    avertissements = list(parcours.avertissements)
    if not parcours.fin_de_ligne:
        avertissements.append(f"{nom} : la dernière ligne n'a pas de fin de ligne (fichier peut-être tronqué).")
    return ExtraitLu(table, avertissements)


# --- Classeurs Excel ------------------------------------------------------------------------------

def ouvrir_classeur(chemin: Path, nom: str) -> Any:

    if not chemin.is_file():
        raise ErreurLecture(f"{nom} : fichier introuvable ({chemin}).")
    try:
        return load_workbook(chemin, read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as erreur:
        raise ErreurLecture(f"{nom} : classeur Excel illisible ({type(erreur).__name__} : {erreur}).") from None


def _texte_cellule(valeur: object, format_date: str) -> str | None:
    if valeur is None:
        return None
    if isinstance(valeur, dt.datetime):
        return valeur.date().strftime(format_date)
    if isinstance(valeur, dt.date):
        return valeur.strftime(format_date)
    if isinstance(valeur, float) and valeur.is_integer():
        return str(int(valeur))
    texte = str(valeur)
    return texte if texte.strip() != "" else None


def lire_xlsx(extrait: Extrait, chemin: Path) -> ExtraitLu:
    """Classeur du contrat : un onglet, ou tous (colonne _onglet en tête); en-tête du contrat.

    Valeurs rendues en texte, cellules date au format de date du contrat (JJ/MM/AAAA).
    """
    nom = extrait.fichier
    classeur = ouvrir_classeur(chemin, nom)
    try:
        if extrait.onglet is not None:
            if extrait.onglet not in classeur.sheetnames:
                raise ErreurLecture(
                    f"{nom} : onglet « {extrait.onglet} » introuvable (onglets présents : "
                    f"{', '.join(classeur.sheetnames)})."
                )
            onglets = [extrait.onglet]
        else:
            onglets = list(classeur.sheetnames)
        lignes: list[list[str | None]] = []
        for onglet in onglets:
            feuille = classeur[onglet]
            rangees = feuille.iter_rows(min_row=extrait.ligne_entete, values_only=True)
            entete_brut = next(rangees, None)
            entete = [str(c).strip() if c is not None else "" for c in (entete_brut or ())]
            while entete and entete[-1] == "":
                entete.pop()
            try:
                verifier_entete(extrait, entete)
            except ErreurLecture as erreur:
                raise ErreurLecture(
                    str(erreur).replace(f"{nom} :", f"{nom}, onglet « {onglet} », ligne {extrait.ligne_entete} :", 1)
                ) from None
            largeur = len(entete)
            for numero, rangee in enumerate(rangees, start=extrait.ligne_entete + 1):
                valeurs = [_texte_cellule(v, extrait.format_date) for v in rangee]
                if all(v is None for v in valeurs):
                    continue
                if any(v is not None for v in valeurs[largeur:]):
                    raise ErreurLecture(
                        f"{nom}, onglet « {onglet} », ligne {numero} : valeur hors des {largeur} colonnes "
                        "de l'en-tête."
                    )
                valeurs = (valeurs + [None] * largeur)[:largeur]
                prefixe: list[str | None] = [onglet] if extrait.onglet is None else []
                lignes.append(prefixe + valeurs)
    finally:
        classeur.close()
    if not onglets:
        raise ErreurLecture(f"{nom} : classeur sans onglet.")
    colonnes = ([COLONNE_ONGLET] if extrait.onglet is None else []) + extrait.entete
    return ExtraitLu(table_texte(colonnes, lignes))


# Classeurs lus pour l'entrepôt (greffon dbt) : en-têtes renommés en colonnes de l'entrepôt
# (table d'en-têtes de la source), dates rendues en AAAA-MM-JJ, numéro de ligne Excel.

_DATE_TEXTE = re.compile(r"^\s*(\d{1,2})/(\d{1,2})/(\d{4})\s*$")


def _normaliser_entete(entete: str) -> str:
    """En-tête comparé sans espaces superflus et avec l'apostrophe droite (’ -> ')."""
    return " ".join(entete.replace("\u2019", "'").split())


def _texte_cellule_entrepot(valeur: Any, colonne_date: bool) -> str | None:
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


def _lire_onglet_entrepot(
    feuille: Any, nom_fichier: str, entetes: dict[str, str], ligne_entete: int
) -> tuple[list[str], list[tuple[int, list[str | None]]]]:
    """En-tête (colonnes renommées) et lignes non vides (numéro de ligne Excel, valeurs)."""
    lignes = feuille.iter_rows(min_row=ligne_entete, values_only=True)
    entete_brute = next(lignes, None)
    if entete_brute is None:
        raise ErreurLecture(
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
        raise ErreurLecture(
            f"Le fichier {nom_fichier}, onglet « {feuille.title} », ligne {ligne_entete} : en-tête(s) "
            f"inconnu(s) {', '.join(f'« {nom} »' for nom in inconnus)}; en-têtes attendus : "
            f"{', '.join(f'« {nom} »' for nom in entetes)}."
        )
    trouvees = {colonne for _, colonne in positions}
    manquants = [cle for cle, colonne in entetes.items() if colonne not in trouvees]
    if manquants:
        raise ErreurLecture(
            f"Le fichier {nom_fichier}, onglet « {feuille.title} », ligne {ligne_entete} : en-tête(s) "
            f"manquant(s) {', '.join(f'« {nom} »' for nom in manquants)}."
        )
    if len(trouvees) != len(positions):
        raise ErreurLecture(
            f"Le fichier {nom_fichier}, onglet « {feuille.title} » : un en-tête apparaît deux fois."
        )
    corps: list[tuple[int, list[str | None]]] = []
    for numero, ligne in enumerate(lignes, start=ligne_entete + 1):
        valeurs = [
            _texte_cellule_entrepot(ligne[position] if position < len(ligne) else None, colonne.startswith("date_"))
            for position, colonne in positions
        ]
        if any(valeur is not None for valeur in valeurs):
            corps.append((numero, valeurs))
    return [colonne for _, colonne in positions], corps


def lire_classeur(
    chemin: Path,
    entetes: dict[str, str],
    onglet: str | None = None,
    ligne_entete: int = 1,
    tous_les_onglets: bool = False,
) -> pa.Table:
    """Classeur lu pour l'entrepôt : un onglet nommé, ou l'union de tous les onglets.

    Colonnes rendues : celles de la table ``entetes`` (en-tête Excel -> colonne, dans son
    ordre), précédées de ``projet`` (nom de l'onglet, union de tous les onglets seulement) et de
    ``no_ligne_excel``. Toutes les valeurs sont du texte; dans les colonnes ``date_*``, une
    cellule date et un texte JJ/MM/AAAA valide deviennent AAAA-MM-JJ.
    """
    if not tous_les_onglets and not onglet:
        raise ErreurLecture(
            f"Le fichier {chemin.name} : préciser l'onglet à lire (meta.onglet) ou tous_les_onglets."
        )
    classeur = ouvrir_classeur(chemin, chemin.name)
    try:
        if tous_les_onglets:
            noms_onglets = list(classeur.sheetnames)
        else:
            if onglet not in classeur.sheetnames:
                raise ErreurLecture(
                    f"Le fichier {chemin.name} n'a pas d'onglet « {onglet} » (onglets présents : "
                    f"{', '.join(f'« {nom} »' for nom in classeur.sheetnames)})."
                )
            noms_onglets = [str(onglet)]
        colonnes = list(entetes.values())
        enregistrements: list[list[str | None]] = []
        for nom_onglet in noms_onglets:
            noms, corps = _lire_onglet_entrepot(classeur[nom_onglet], chemin.name, entetes, ligne_entete)
            ordre = [noms.index(colonne) for colonne in colonnes]
            for numero, valeurs in corps:
                prefixe: list[str | None] = [nom_onglet, str(numero)] if tous_les_onglets else [str(numero)]
                enregistrements.append(prefixe + [valeurs[i] for i in ordre])
    finally:
        classeur.close()
    return table_texte((["projet"] if tous_les_onglets else []) + ["no_ligne_excel"] + colonnes, enregistrements)


# --- Point d'entrée -------------------------------------------------------------------------------

def lire_extrait(extrait: Extrait, dossier: Path) -> ExtraitLu:
    """Lit un extrait du contrat dans ``dossier``; ErreurLecture s'il n'en respecte pas la forme
    (fichier absent ou vide, encodage, séparateur, en-tête, nombre de champs, onglet...)."""
    chemin = dossier / extrait.fichier
    nom = extrait.fichier
    if not chemin.is_file():
        raise ErreurLecture(f"{nom} : fichier introuvable dans {dossier}.")
    if chemin.stat().st_size == 0:
        raise ErreurLecture(f"{nom} : fichier vide (0 octet).")
    if extrait.format is Format.XLSX:
        return lire_xlsx(extrait, chemin)
    return lire_csv(chemin, extrait.encodage, extrait.separateur, extrait=extrait)


__all__ = [
    "ErreurLecture", "ExtraitLu", "decoder", "en_pandas", "lire_classeur", "lire_csv", "lire_csv_python",
    "lire_extrait", "lire_xlsx", "ouvrir_classeur", "table_texte", "verifier_entete",
]
