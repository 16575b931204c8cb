"""Contrôles de base des extraits, quand la validation Great Expectations n'est pas disponible.

Pour chacun des 17 fichiers du contrat (``mifi.contrat``) : présence, fichier non vide,
encodage (Windows-1252, UTF-8, UTF-8 avec BOM; UTF-16 et encodage mélangé refusés, même
diagnostic que la validation : ``mifi.encodages``), en-tête exact dans l'ordre (ce qui vérifie
aussi le séparateur), nombre de champs de chaque ligne, et forme des dates sur un échantillon.
Les lignes individuellement invalides (date impossible, code inconnu) ne sont pas des
erreurs ici : le staging les met en quarantaine avec leur motif. Seul un défaut qui rend le
fichier illisible ou le prive de sens (mauvais encodage, colonnes manquantes, format de date
changé pour tout le fichier) est une erreur.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from pathlib import Path

from mifi.contrat import EXTRAITS, MOTIFS_FORMAT_DATE, FichierExtrait
from mifi.encodages import ErreurEncodage, diagnostiquer_encodage

# Échantillon de lignes par fichier pour la forme des dates, et part minimale de valeurs
# non vides à la bonne forme (en dessous : le format du fichier a changé, tout partirait en
# quarantaine).
TAILLE_ECHANTILLON_DATES = 2000
PART_MINIMALE_DATES_BIEN_FORMEES = 0.5


@dataclass
class ResultatValidation:
    """Même forme que ``mifi.validation.ResultatValidation`` (validation Great Expectations)."""

    succes: bool
    erreurs: list[str] = field(default_factory=list)
    avertissements: list[str] = field(default_factory=list)
    chemin_data_docs: Path | None = None


def _controler_csv(chemin: Path, fichier: FichierExtrait, erreurs: list[str],
                   avertissements: list[str]) -> None:
    contenu = chemin.read_bytes()
    if not contenu.strip():
        erreurs.append(f"{fichier.nom} : fichier vide (pas même une ligne d'en-tête).")
        return
    try:
        texte, avertissements_encodage = diagnostiquer_encodage(fichier.nom, contenu, fichier.encodage)
    except ErreurEncodage as erreur:
        erreurs.append(str(erreur))
        return
    avertissements.extend(avertissements_encodage)
    separateur = fichier.separateur or ","
    lecteur = csv.reader(io.StringIO(texte, newline=""), delimiter=separateur)
    try:
        entete = [nom.strip() for nom in next(lecteur)]
    except StopIteration:
        erreurs.append(f"{fichier.nom} : fichier vide (pas même une ligne d'en-tête).")
        return
    if tuple(entete) != fichier.colonnes:
        attendu = separateur.join(fichier.colonnes)
        erreurs.append(
            f"{fichier.nom} : en-tête inattendu « {separateur.join(entete)[:300]} »; le contrat "
            f"prévoit « {attendu} » (séparateur « {separateur} »)."
        )
        return
    positions_dates = {nom: fichier.colonnes.index(nom) for nom in fichier.colonnes_dates}
    motif = re.compile(MOTIFS_FORMAT_DATE.get(fichier.format_date, ".*"))
    bien_formees = {nom: 0 for nom in positions_dates}
    non_vides = {nom: 0 for nom in positions_dates}
    lignes_mal_decoupees: list[int] = []
    nb_lignes = 0
    for numero, ligne in enumerate(lecteur, start=2):
        if not ligne:
            continue
        nb_lignes += 1
        if len(ligne) != len(entete):
            lignes_mal_decoupees.append(numero)
            continue
        if nb_lignes <= TAILLE_ECHANTILLON_DATES:
            for nom, position in positions_dates.items():
                valeur = ligne[position].strip()
                if valeur:
                    non_vides[nom] += 1
                    if motif.match(valeur):
                        bien_formees[nom] += 1
    if lignes_mal_decoupees:
        exemples = ", ".join(str(n) for n in lignes_mal_decoupees[:5])
        erreurs.append(
            f"{fichier.nom} : {len(lignes_mal_decoupees)} ligne(s) n'ont pas {len(entete)} champs "
            f"(séparateur « {separateur} » attendu; lignes {exemples}...)."
        )
    if nb_lignes == 0:
        avertissements.append(f"{fichier.nom} : aucune ligne de données (en-tête seul).")
    for nom in positions_dates:
        if non_vides[nom] and bien_formees[nom] < PART_MINIMALE_DATES_BIEN_FORMEES * non_vides[nom]:
            erreurs.append(
                f"{fichier.nom} : la colonne {nom} n'est pas au format {fichier.format_date} "
                f"({bien_formees[nom]} valeur(s) bien formée(s) sur {non_vides[nom]} examinée(s))."
            )


def _controler_xlsx(chemin: Path, fichier: FichierExtrait, erreurs: list[str],
                    avertissements: list[str]) -> None:
    import zipfile

    from openpyxl import load_workbook

    try:
        classeur = load_workbook(chemin, read_only=True, data_only=True)
    except (zipfile.BadZipFile, OSError, KeyError, ValueError) as erreur:
        erreurs.append(f"{fichier.nom} : classeur Excel illisible ({erreur}).")
        return
    try:
        if fichier.onglet is not None and fichier.onglet not in classeur.sheetnames:
            erreurs.append(
                f"{fichier.nom} : onglet « {fichier.onglet} » absent (onglets : "
                f"{', '.join(classeur.sheetnames)})."
            )
            return
        onglets = [fichier.onglet] if fichier.onglet is not None else list(classeur.sheetnames)
        if not onglets:
            erreurs.append(f"{fichier.nom} : le classeur n'a aucun onglet.")
        for onglet in onglets:
            feuille = classeur[onglet]
            lignes = feuille.iter_rows(
                min_row=fichier.ligne_entete, max_row=fichier.ligne_entete, values_only=True
            )
            entete = next(iter(lignes), ())
            valeurs = [str(v).strip() for v in entete if v is not None and str(v).strip()]
            if tuple(valeurs) != fichier.colonnes:
                erreurs.append(
                    f"{fichier.nom}, onglet « {onglet} » : en-tête de la ligne {fichier.ligne_entete} "
                    f"inattendu « {' | '.join(valeurs)[:300]} »; le contrat prévoit "
                    f"« {' | '.join(fichier.colonnes)} »."
                )
    finally:
        classeur.close()


def controler_extraits(dossier_extraits: Path) -> ResultatValidation:
    """Contrôles de base des 17 fichiers du contrat; messages en français, nom du fichier en tête."""
    erreurs: list[str] = []
    avertissements: list[str] = []
    if not dossier_extraits.is_dir():
        return ResultatValidation(False, [f"Dossier des extraits introuvable : {dossier_extraits}"])
    for fichier in EXTRAITS:
        chemin = dossier_extraits / fichier.nom
        if not chemin.is_file():
            erreurs.append(f"{fichier.nom} : fichier absent du dossier des extraits {dossier_extraits}.")
            continue
        if chemin.stat().st_size == 0:
            erreurs.append(f"{fichier.nom} : fichier vide (0 octet).")
            continue
        if fichier.est_csv:
            _controler_csv(chemin, fichier, erreurs, avertissements)
        else:
            _controler_xlsx(chemin, fichier, erreurs, avertissements)
    return ResultatValidation(succes=not erreurs, erreurs=erreurs, avertissements=avertissements)
