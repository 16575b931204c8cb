"""Ce que le générateur prend du contrat des extraits (``mifi.validation.contrat_extraits``) :
en-têtes (noms et ordre), encodages et séparateurs des fichiers qu'il écrit."""

from __future__ import annotations

from mifi.validation import contrat_extraits as _contrat


def entete_contrat(fichier: str) -> tuple[str, ...]:
    """En-tête exact (noms des colonnes, dans l'ordre) de ``fichier`` selon le contrat."""
    return tuple(_contrat.extrait(fichier).entete)


def format_csv(fichier: str) -> tuple[str, str]:
    """(encodage, séparateur) d'un extrait CSV selon le contrat."""
    extrait = _contrat.extrait(fichier)
    return extrait.encodage, extrait.separateur


def onglet_contrat(fichier: str) -> str:
    """Onglet unique d'un classeur selon le contrat."""
    onglet = _contrat.extrait(fichier).onglet
    if onglet is None:
        raise ValueError(f"{fichier} : le contrat ne nomme pas d'onglet unique")
    return onglet
