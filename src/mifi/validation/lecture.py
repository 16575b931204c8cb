"""Lecture contrôlée des extraits, selon le contrat (encodage, séparateur, en-tête, onglets).

Chaque extrait est lu dans un DataFrame pandas, toutes valeurs en texte, avant toute
validation Great Expectations. Les défauts qui rendent le fichier illisible ou ambigu lèvent
``ErreurLecture`` avec un message en français qui nomme le fichier : fichier absent ou vide,
encodage différent de celui du contrat, mauvais séparateur, en-tête différent (colonne
renommée, ajoutée, manquante ou déplacée), ligne au mauvais nombre de champs, guillemet non
fermé, classeur ou onglet illisible; UTF-16 et encodage mélangé (lignes citées) compris, voir
``mifi.encodages``. Les défauts tolérables (fin de ligne manquante, BOM absent ou en trop sur
un fichier UTF-8) deviennent des avertissements.

Le DataFrame remis à Great Expectations (``LectureExtrait.donnees``) a les colonnes du contrat,
dans l'ordre, suivies des colonnes techniques :
- valeurs débarrassées des espaces de tête et de fin, vide -> NULL (comme ``nettoyer_texte``);
- codes, pays et régions en majuscules (comme ``nettoyer_code`` du staging);
- ``_occurrence`` : rang de la ligne parmi ses copies (valeurs comparées après retrait des
  espaces et mise en majuscules, comme le staging), 1 = première;
- ``_onglet`` (classeur DDRC) : nom de l'onglet, c'est-à-dire du projet.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from mifi.encodages import ErreurEncodage, diagnostiquer_encodage
from mifi.validation.contrat_extraits import (
    COLONNE_OCCURRENCE,
    COLONNE_ONGLET,
    FORMAT_ISO,
    Extrait,
    Format,
    Type,
)

TYPES_CODES = (Type.CODE, Type.PAYS)
SEPARATEURS_POSSIBLES = (",", ";", "\t", "|")


class ErreurLecture(Exception):
    """Extrait illisible ou non conforme à la forme du contrat (message pour les analystes)."""


@dataclass
class LectureExtrait:
    extrait: Extrait
    donnees: pd.DataFrame  # colonnes du contrat (normalisées) + colonnes techniques
    avertissements: list[str] = field(default_factory=list)

    @property
    def nb_lignes(self) -> int:
        return len(self.donnees)


# --- Décodage ---------------------------------------------------------------------------------

def decoder(extrait: Extrait, contenu: bytes) -> tuple[str, list[str]]:
    """Décode le contenu selon l'encodage du contrat; (texte, avertissements).

    Diagnostic commun à toutes les lectures (``mifi.encodages``) : UTF-16, BOM UTF-8 sur un
    fichier Windows-1252, fichier entièrement dans l'autre encodage et encodage mélangé (lignes
    citées) sont des erreurs; un BOM absent ou en trop sur un fichier UTF-8, un avertissement.
    """
    try:
        return diagnostiquer_encodage(extrait.fichier, contenu, extrait.encodage)
    except ErreurEncodage as erreur:
        raise ErreurLecture(str(erreur)) from None


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


# --- CSV ------------------------------------------------------------------------------------------

def lire_csv(extrait: Extrait, contenu: bytes) -> tuple[list[list[str | None]], list[str]]:
    """Lignes de données brutes (valeur vide -> None) d'un CSV; (lignes, avertissements)."""
    nom = extrait.fichier
    texte, avertissements = decoder(extrait, contenu)
    if not texte.strip():
        raise ErreurLecture(f"{nom} : fichier vide (pas même la ligne d'en-tête).")
    lecteur = csv.reader(io.StringIO(texte, newline=""), delimiter=extrait.separateur, strict=True)
    try:
        entete = next(lecteur)
    except csv.Error as erreur:
        raise ErreurLecture(f"{nom} : en-tête illisible ({erreur}).") from None
    verifier_entete(extrait, [c.strip() for c in entete], extrait.separateur)
    attendus = len(entete)
    lignes: list[list[str | None]] = []
    try:
        for ligne in lecteur:
            if not ligne or (len(ligne) == 1 and not ligne[0].strip()):
                continue  # ligne vide
            if len(ligne) != attendus:
                raise ErreurLecture(
                    f"{nom}, ligne {lecteur.line_num} : {len(ligne)} champ(s) au lieu de {attendus} "
                    f"(ligne tronquée, ou séparateur « {extrait.separateur} » dans une valeur sans "
                    "guillemets)."
                )
            lignes.append([valeur if valeur != "" else None for valeur in ligne])
    except csv.Error as erreur:
        raise ErreurLecture(
            f"{nom}, ligne {lecteur.line_num} : ligne illisible ({erreur}; guillemet non fermé, "
            "fichier tronqué ?)."
        ) from None
    if not texte.endswith(("\n", "\r")):
        avertissements.append(
            f"{nom} : la dernière ligne n'a pas de fin de ligne (fichier peut-être tronqué)."
        )
    return lignes, avertissements


# --- Excel ----------------------------------------------------------------------------------------

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


def lire_xlsx(extrait: Extrait, chemin: Path) -> tuple[list[list[str | None]], list[str]]:
    """Lignes de données d'un classeur : un onglet, ou tous (colonne _onglet en tête de ligne)."""
    from openpyxl import load_workbook

    nom = extrait.fichier
    try:
        classeur = load_workbook(chemin, read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as erreur:
        raise ErreurLecture(f"{nom} : classeur Excel illisible ({type(erreur).__name__} : {erreur}).") from None
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
    return lignes, []


# --- Point d'entrée ---------------------------------------------------------------------------

def lire_extrait(extrait: Extrait, dossier: Path) -> LectureExtrait:
    """Lit un extrait du dossier; ErreurLecture si le fichier ne respecte pas la forme du contrat."""
    chemin = dossier / extrait.fichier
    nom = extrait.fichier
    if not chemin.is_file():
        raise ErreurLecture(f"{nom} : fichier introuvable dans {dossier}.")
    if chemin.stat().st_size == 0:
        raise ErreurLecture(f"{nom} : fichier vide (0 octet).")
    if extrait.format is Format.XLSX:
        lignes, avertissements = lire_xlsx(extrait, chemin)
    else:
        lignes, avertissements = lire_csv(extrait, chemin.read_bytes())
    colonnes_brutes = ([COLONNE_ONGLET] if COLONNE_ONGLET in extrait.colonnes_techniques else []) + extrait.entete
    brut = pd.DataFrame(lignes, columns=colonnes_brutes, dtype=object)
    return LectureExtrait(extrait, preparer(extrait, brut), avertissements)


def _normaliser(valeur: object, majuscules: bool) -> str | None:
    """Espaces de tête et de fin retirés, vide -> None; majuscules pour les codes."""
    if not isinstance(valeur, str):
        return None
    texte = valeur.strip()
    if not texte:
        return None
    return texte.upper() if majuscules else texte


def preparer(extrait: Extrait, brut: pd.DataFrame) -> pd.DataFrame:
    """DataFrame remis à Great Expectations : normalisé comme le staging, colonnes techniques."""
    donnees = pd.DataFrame(index=brut.index)
    for colonne in extrait.colonnes:
        majuscules = colonne.type in TYPES_CODES
        valeurs = [_normaliser(v, majuscules) for v in brut[colonne.nom].tolist()]
        donnees[colonne.nom] = pd.Series(valeurs, index=brut.index, dtype=object)
    if COLONNE_ONGLET in brut.columns:
        donnees[COLONNE_ONGLET] = brut[COLONNE_ONGLET].astype(object)
    # Doublons exacts comparés comme la macro est_doublon_exact du staging : valeurs brutes
    # débarrassées des espaces de tête et de fin et mises en majuscules, vide = NULL (`Oui` et
    # `OUI`, ` v2` et `V2` font une seule ligne).
    if len(brut):
        cles = brut.astype(object).map(lambda v: v.strip().upper() if isinstance(v, str) else "")
        donnees[COLONNE_OCCURRENCE] = cles.groupby(list(cles.columns), sort=False).cumcount().astype("int64") + 1
    else:
        donnees[COLONNE_OCCURRENCE] = pd.Series([], dtype="int64")
    return donnees


__all__ = ["FORMAT_ISO", "ErreurLecture", "LectureExtrait", "decoder", "lire_extrait", "preparer"]
