"""Contrôles de base des extraits, quand la validation Great Expectations n'est pas disponible.

Pour chacun des 17 fichiers du contrat (``mifi.contrat``), lu par le lecteur des extraits du
projet (``mifi.extraits.lecture``, le même que la validation et le greffon dbt, donc les mêmes
refus avec les mêmes messages) : présence, fichier non vide, encodage (Windows-1252, UTF-8,
UTF-8 avec BOM; UTF-16 et encodage mélangé refusés), en-tête exact dans l'ordre (ce qui vérifie
aussi le séparateur), nombre de champs de chaque ligne, onglets et en-têtes des classeurs, et
forme des dates sur un échantillon. Les lignes individuellement invalides (date impossible, code
inconnu) ne sont pas des erreurs ici : le staging les met en quarantaine avec leur motif. Seul
un défaut qui rend le fichier illisible ou le prive de sens (mauvais encodage, colonnes
manquantes, format de date changé pour tout le fichier) est une erreur.

Le résultat est celui de la validation (``mifi.validation.resultat.ResultatValidation``).
"""

from __future__ import annotations

import re
from pathlib import Path

import pyarrow as pa

from mifi.contrat import EXTRAITS, MOTIFS_FORMAT_DATE, FichierExtrait
from mifi.extraits.lecture import ErreurLecture, lire_extrait
from mifi.validation.contrat_extraits import PAR_FICHIER
from mifi.validation.resultat import ResultatValidation

# Échantillon de lignes par fichier pour la forme des dates, et part minimale de valeurs
# non vides à la bonne forme (en dessous : le format du fichier a changé, tout partirait en
# quarantaine).
TAILLE_ECHANTILLON_DATES = 2000
PART_MINIMALE_DATES_BIEN_FORMEES = 0.5


def _controler_dates(table: pa.Table, fichier: FichierExtrait, erreurs: list[str]) -> None:
    """Erreur si moins de la moitié des dates non vides de l'échantillon ont la forme du contrat."""
    motif = re.compile(MOTIFS_FORMAT_DATE.get(fichier.format_date, ".*"))
    echantillon = table.slice(0, TAILLE_ECHANTILLON_DATES)
    for nom in fichier.colonnes_dates:
        valeurs = [v.strip() for v in echantillon.column(nom).to_pylist() if v is not None and v.strip()]
        bien_formees = sum(1 for valeur in valeurs if motif.match(valeur))
        if valeurs and bien_formees < PART_MINIMALE_DATES_BIEN_FORMEES * len(valeurs):
            erreurs.append(
                f"{fichier.nom} : la colonne {nom} n'est pas au format {fichier.format_date} "
                f"({bien_formees} valeur(s) bien formée(s) sur {len(valeurs)} examinée(s))."
            )


def controler_extraits(dossier_extraits: Path) -> ResultatValidation:
    """Contrôles de base des 17 fichiers du contrat; messages en français, nom du fichier en tête."""
    erreurs: list[str] = []
    avertissements: list[str] = []
    nb_lignes: dict[str, int] = {}
    if not dossier_extraits.is_dir():
        return ResultatValidation(False, [f"Dossier des extraits introuvable : {dossier_extraits}"])
    for fichier in EXTRAITS:
        if not (dossier_extraits / fichier.nom).is_file():
            erreurs.append(f"{fichier.nom} : fichier absent du dossier des extraits {dossier_extraits}.")
            continue
        try:
            lu = lire_extrait(PAR_FICHIER[fichier.nom], dossier_extraits)
        except ErreurLecture as erreur:
            erreurs.append(str(erreur))
            continue
        avertissements.extend(lu.avertissements)
        nb_lignes[fichier.nom] = lu.table.num_rows
        if fichier.est_csv:
            if lu.table.num_rows == 0:
                avertissements.append(f"{fichier.nom} : aucune ligne de données (en-tête seul).")
            _controler_dates(lu.table, fichier, erreurs)
    return ResultatValidation(succes=not erreurs, erreurs=erreurs, avertissements=avertissements, nb_lignes=nb_lignes)


__all__ = ["ResultatValidation", "controler_extraits"]
