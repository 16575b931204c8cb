"""Contrat des extraits bruts, vue simple en données Python typées.

Vue simple, dérivée du contrat complet ``mifi.validation.contrat_extraits`` (seule
description Python du contrat) : noms des 17 fichiers, encodages, séparateurs, en-têtes exacts
(dans l'ordre), colonnes de dates et leur format. Module de données pur (aucune lecture de
fichier ici), utilisé par les contrôles de base du traitement de nuit (``mifi.nuit``).

Exemple ::

    from mifi.contrat import EXTRAITS, extrait

    for fichier in EXTRAITS:
        print(fichier.nom, fichier.encodage, fichier.colonnes)
    extrait("ceriges_services.csv").format_date   # 'JJ/MM/AAAA'
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from mifi.validation import contrat_extraits as _complet

Encodage = Literal["utf-8", "utf-8-sig", "cp1252", "xlsx"]
"""``utf-8`` : UTF-8 sans BOM; ``utf-8-sig`` : UTF-8 avec BOM; ``cp1252`` : Windows-1252;
``xlsx`` : classeur Excel."""

FormatDate = Literal["AAAA-MM-JJ", "JJ/MM/AAAA", "excel"]
"""``excel`` : cellule date Excel, parfois du texte ``JJ/MM/AAAA``."""

MOTIFS_FORMAT_DATE: dict[str, str] = {
    "AAAA-MM-JJ": r"^\d{4}-\d{2}-\d{2}$",
    "JJ/MM/AAAA": r"^\d{2}/\d{2}/\d{4}$",
}
"""Expression régulière de la forme d'une date texte, par format (pas sa validité)."""

FORMATS_STRPTIME: dict[str, str] = {"AAAA-MM-JJ": "%Y-%m-%d", "JJ/MM/AAAA": "%d/%m/%Y"}


@dataclass(frozen=True)
class FichierExtrait:
    """Un fichier d'extrait du contrat.

    - ``colonnes`` : en-tête exact, dans l'ordre (ligne d'en-tête des CSV; ligne
      ``ligne_entete`` des onglets Excel).
    - ``colonnes_dates`` : colonnes contenant des dates, au format ``format_date``.
    - ``onglet`` : pour un classeur, nom de l'onglet attendu; ``None`` = tous les onglets
      (un onglet par projet, classeur DDRC).
    """

    nom: str
    systeme: str
    encodage: Encodage
    separateur: str | None
    format_date: FormatDate
    colonnes: tuple[str, ...]
    colonnes_dates: tuple[str, ...]
    onglet: str | None = None
    ligne_entete: int = 1

    @property
    def est_csv(self) -> bool:
        return self.encodage != "xlsx"

    @property
    def table(self) -> str:
        """Nom de la table brute correspondante (nom du fichier sans extension)."""
        return self.nom.rsplit(".", 1)[0]


def _depuis_contrat_complet(complet: _complet.Extrait) -> FichierExtrait:
    """Vue simple d'un extrait du contrat complet (``mifi.validation.contrat_extraits``)."""
    est_classeur = complet.format == _complet.Format.XLSX
    if est_classeur:
        format_date: FormatDate = "excel"
    elif complet.format_date == _complet.FORMAT_JJ_MM_AAAA:
        format_date = "JJ/MM/AAAA"
    else:
        format_date = "AAAA-MM-JJ"
    encodage: Encodage = "xlsx" if est_classeur else complet.encodage  # type: ignore[assignment]
    return FichierExtrait(
        nom=complet.fichier,
        systeme=complet.systeme,
        encodage=encodage,
        separateur=None if est_classeur else complet.separateur,
        format_date=format_date,
        colonnes=tuple(colonne.nom for colonne in complet.colonnes),
        colonnes_dates=tuple(
            colonne.nom for colonne in complet.colonnes if colonne.type == _complet.Type.DATE
        ),
        onglet=complet.onglet,
        ligne_entete=complet.ligne_entete,
    )


# Une seule description du contrat : celle, complète, de la validation; ce module en donne la
# vue simple dont ont besoin les contrôles de base du traitement de nuit.
EXTRAITS: tuple[FichierExtrait, ...] = tuple(
    _depuis_contrat_complet(complet) for complet in _complet.EXTRAITS
)

NOMS_EXTRAITS: tuple[str, ...] = tuple(fichier.nom for fichier in EXTRAITS)


def extrait(nom: str) -> FichierExtrait:
    """Le fichier du contrat qui porte ce nom (``KeyError`` sinon)."""
    for fichier in EXTRAITS:
        if fichier.nom == nom:
            return fichier
    raise KeyError(f"Fichier absent du contrat des extraits : {nom}")
