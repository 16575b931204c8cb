"""Écriture des extraits : CSV (module csv, QUOTE_MINIMAL, fins de ligne ``\\n``) et classeurs
Excel déterministes (horodatages fixes dans les propriétés et dans l'archive zip).

Chaque écrivain compte ses lignes, ses doublons exacts et ses lignes invalides (par motif).
Un doublon exact est une ligne identique, après normalisation (espaces de tête et de fin,
casse : comme le staging), à une ligne déjà écrite pour la même entité (une personne, un
candidat) : ``nouvelle_entite()`` vide la mémoire des lignes vues, ce qui borne
la mémoire (les lignes de deux entités diffèrent toujours par leur identifiant).
"""

from __future__ import annotations

import codecs
import csv
import io
import zipfile
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.writer.excel import ExcelWriter

HORODATAGE_FIXE = datetime(2000, 1, 1, 0, 0, 0)
_DATE_ZIP = (1980, 1, 1, 0, 0, 0)

Ligne = tuple[str, ...]

def _memorisee(formater: Callable[[date], str]) -> Callable[[date | None], str]:
    """Formatage de date mis en cache par jour (ordinal) : le générateur formate des millions de
    dates tirées d'un petit nombre de jours. Vide pour None."""
    cache: dict[int, str] = {}

    def formatee(jour: date | None) -> str:
        if jour is None:
            return ""
        o = jour.toordinal()
        texte = cache.get(o)
        if texte is None:
            texte = formater(jour)
            cache[o] = texte
        return texte

    formatee.__doc__ = formater.__doc__
    return formatee


@_memorisee
def iso(jour: date) -> str:
    """Date au format AAAA-MM-JJ (vide pour None)."""
    return jour.isoformat()


@_memorisee
def jjmmaaaa(jour: date) -> str:
    """Date au format JJ/MM/AAAA (vide pour None)."""
    return f"{jour.day:02d}/{jour.month:02d}/{jour.year:04d}"


@dataclass
class Comptes:
    lignes: int = 0
    doublons_exacts: int = 0
    invalides: int = 0
    motifs: Counter[str] = field(default_factory=Counter)

    def en_dict(self) -> dict[str, Any]:
        return {
            "lignes": self.lignes,
            "doublons_exacts": self.doublons_exacts,
            "invalides": self.invalides,
            "invalides_par_motif": dict(sorted(self.motifs.items())),
        }


class EcrivainCsv:
    """CSV en flux : en-tête, puis lignes; comptes tenus au fil de l'eau.

    Les lignes passent par un tampon texte encodé par blocs (l'encodage Windows-1252 ligne à
    ligne coûte cher); ``utf-8-sig`` écrit le BOM une seule fois, en tête de fichier.
    """

    _BLOC = 4096

    def __init__(self, chemin: Path, colonnes: Sequence[str], encodage: str, separateur: str,
                 plafond_quarantaine: float = 0.012) -> None:
        self.chemin = chemin
        self.nom = chemin.name
        self.colonnes = tuple(colonnes)
        self._binaire = open(chemin, "wb")  # noqa: SIM115 — ouvert pour la vie de l'objet, fermé par fermer()
        if encodage == "utf-8-sig":
            self._binaire.write(codecs.BOM_UTF8)
            encodage = "utf-8"
        self._encodage = encodage
        self._tampon = io.StringIO(newline="")
        self._csv = csv.writer(self._tampon, delimiter=separateur, quoting=csv.QUOTE_MINIMAL, lineterminator="\n")
        self._en_attente = 0
        self._csv.writerow(self.colonnes)
        self._vus: set[Ligne] = set()
        self.comptes = Comptes()
        self._plafond = plafond_quarantaine

    def _vider(self) -> None:
        self._binaire.write(self._tampon.getvalue().encode(self._encodage, errors="strict"))
        self._tampon.seek(0)
        self._tampon.truncate(0)
        self._en_attente = 0

    def nouvelle_entite(self) -> None:
        if self._vus:
            self._vus.clear()

    def ecrire(self, ligne: Ligne) -> None:
        # Comparée comme le staging (macro est_doublon_exact) : espaces de tête et de fin
        # retirés, majuscules (` v2` et `V2`, `Oui` et `OUI` font une seule ligne).
        cle = tuple(valeur.strip().upper() for valeur in ligne)
        if cle in self._vus:
            self.comptes.doublons_exacts += 1
        else:
            self._vus.add(cle)
        self.comptes.lignes += 1
        self._csv.writerow(ligne)
        self._en_attente += 1
        if self._en_attente >= self._BLOC:
            self._vider()

    def quarantaine_possible(self) -> bool:
        """Vrai si une ligne de plus à écarter garde la part écartée sous le plafond (le test
        dbt ``quarantaine_sous_seuil`` échoue au-delà de 2 % d'un extrait)."""
        return (self.comptes.invalides + 1) <= self._plafond * (self.comptes.lignes + 1)

    def ecrire_invalide(self, ligne: Ligne, motif: str) -> None:
        """Ligne que le projet doit écarter (quarantaine) : jamais comptée dans la vérité."""
        self.comptes.lignes += 1
        self.comptes.invalides += 1
        self.comptes.motifs[motif] += 1
        self._csv.writerow(ligne)
        self._en_attente += 1

    def fermer(self) -> None:
        self._vider()
        self._binaire.close()


class _ZipDeterministe(zipfile.ZipFile):
    """Archive zip dont chaque membre porte un horodatage fixe."""

    def writestr(self, zinfo_or_arcname: Any, data: Any, compress_type: Any = None, compresslevel: Any = None) -> None:
        if not isinstance(zinfo_or_arcname, zipfile.ZipInfo):
            info = zipfile.ZipInfo(zinfo_or_arcname, date_time=_DATE_ZIP)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            zinfo_or_arcname = info
        super().writestr(zinfo_or_arcname, data, compress_type, compresslevel)

    def write(self, filename: Any, arcname: Any = None, compress_type: Any = None, compresslevel: Any = None) -> None:
        # openpyxl écrit les feuilles dans un fichier temporaire puis l'ajoute par write() :
        # on le relit pour lui donner, lui aussi, l'horodatage fixe.
        with open(filename, "rb") as f:
            self.writestr(str(arcname or filename), f.read())


def nouveau_classeur() -> Workbook:
    classeur = Workbook()
    classeur.properties.creator = "MIFI - générateur d'extraits synthétiques"
    classeur.properties.lastModifiedBy = "MIFI - générateur d'extraits synthétiques"
    classeur.properties.created = HORODATAGE_FIXE
    classeur.properties.modified = HORODATAGE_FIXE
    return classeur


def enregistrer_classeur(classeur: Workbook, chemin: Path) -> None:
    """Enregistre sans horodatage variable (save_workbook impose « maintenant »)."""
    classeur.properties.created = HORODATAGE_FIXE
    classeur.properties.modified = HORODATAGE_FIXE
    tampon = io.BytesIO()
    archive = _ZipDeterministe(tampon, "w", zipfile.ZIP_DEFLATED, allowZip64=True)
    ExcelWriter(classeur, archive).save()
    chemin.write_bytes(tampon.getvalue())


def ajouter_lignes(feuille: Any, lignes: Iterable[Sequence[Any]], format_date: str = "yyyy-mm-dd") -> None:
    """Ajoute des lignes; les cellules date reçoivent un format de date Excel."""
    for ligne in lignes:
        feuille.append(list(ligne))
        for cellule in feuille[feuille.max_row]:
            if isinstance(cellule.value, (date, datetime)):
                cellule.number_format = format_date
