"""Outils des tests de validation : jeu d'extraits sain et injection d'un défaut à la fois.

Le jeu sain vient du générateur du projet (``python -m mifi generer``, échelle 0,05) quand il
est importable. Sinon (générateur pas encore fusionné), un jeu minimal est écrit d'après le
contrat lui-même (``mifi.validation.contrat_extraits``) : mêmes fichiers, encodages,
séparateurs, en-têtes et codes, avec les défauts tolérés du contrat (codes mal cadrés ou en
minuscules, quelques doublons exacts, quelques lignes invalides) sous les seuils.

Ce module ne contient aucun test : il est partagé par les fichiers test_validation_*.py.
"""

from __future__ import annotations

import csv
import datetime as dt
import importlib.util
import io
import random
import shutil
import subprocess
import sys
from pathlib import Path

from openpyxl import Workbook

from mifi.validation.contrat_extraits import (
    EXTRAITS,
    FORMAT_ISO,
    Extrait,
    Format,
    NatureDate,
    Type,
)

RACINE = Path(__file__).resolve().parents[1]
DATE_EXTRACTION = dt.date(2026, 10, 31)

NOMS = ["Tremblay", "Gagnon", "Côté", "Bélanger", "Lévesque", "Bouchard", "Pelletier", "Ouellet",
        "Nguyen", "Benoît", "Ménard", "O'Brien", "Saint-Pierre", "Œuvrard"]
PRENOMS = ["Hélène", "Marie-Ève", "François", "Zoé", "Noël", "Chloé", "Jérôme", "Ahmed", "Inès",
           "Amélie", "Anaïs", "Joël", "Björn", "Rosalía"]
PAYS = ["FRA", "MAR", "CMR", "HTI", "CHN", "IND", "COL", "CAN", "DZA", "TUN", "BRA", "UKR"]


def generateur_disponible() -> bool:
    return importlib.util.find_spec("mifi.generateur") is not None


def generer_par_le_generateur(sortie: Path, bruit: str = "aucun") -> Path:
    subprocess.run(
        [sys.executable, "-m", "mifi", "generer", "--sortie", str(sortie), "--echelle", "0.05",
         "--graine", "7", "--date-extraction", DATE_EXTRACTION.isoformat(), "--bruit", bruit],
        check=True, cwd=RACINE, capture_output=True,
    )
    return sortie


# --- Jeu minimal d'après le contrat -------------------------------------------------------------

def _date_aleatoire(alea: random.Random, nature: NatureDate | None, colonne: str) -> dt.date:
    if nature is NatureDate.NAISSANCE:
        debut, fin = dt.date(1950, 1, 1), dt.date(2008, 12, 31)
    elif nature is NatureDate.ARRIVEE:
        debut, fin = dt.date(2005, 1, 1), DATE_EXTRACTION
    else:
        debut, fin = dt.date(2022, 1, 1), DATE_EXTRACTION
    if colonne == "date_service_ceriges":
        fin = dt.date(2023, 6, 30)
    elif colonne == "date_service_gsi":
        debut = dt.date(2023, 7, 1)
    return debut + dt.timedelta(days=alea.randrange((fin - debut).days + 1))


def _valeur(alea: random.Random, extrait: Extrait, index: int, nom_colonne: str) -> object:
    colonne = extrait.colonne(nom_colonne)
    cles_simples = [cle[0] for cle in extrait.cles_uniques + extrait.cles_indicatives if len(cle) == 1]
    if not colonne.obligatoire and colonne.type is not Type.CODE and alea.random() < 0.05:
        return None
    if nom_colonne in cles_simples:
        return f"{nom_colonne[:3].upper()}{index:06d}"
    if colonne.type is Type.IDENTIFIANT:
        return f"{nom_colonne[:3].upper()}{alea.randrange(1, 400):06d}"
    if colonne.type is Type.TEXTE:
        minuscule = nom_colonne.lower()
        if minuscule == "nom":
            return alea.choice(NOMS)
        if minuscule in ("prenom", "prénom"):
            return alea.choice(PRENOMS)
        return f"{nom_colonne} n° {alea.randrange(1, 50)} — société"
    if colonne.type is Type.DATE:
        cle = nom_colonne
        if nom_colonne == "date_service":
            cle = "date_service_ceriges" if extrait.fichier.startswith("ceriges") else "date_service_gsi"
        return _date_aleatoire(alea, colonne.nature_date, cle)
    if colonne.type is Type.ENTIER:
        minimum, maximum = colonne.bornes or (0, None)
        if nom_colonne == "annee":
            return str(alea.randrange(2022, 2027))
        return str(alea.randrange(minimum or 0, (maximum if maximum is not None else 40) + 1))
    if colonne.type is Type.DECIMAL:
        return f"{alea.uniform(100, 5000):.2f}"
    if colonne.type is Type.CODE:
        return alea.choice(colonne.codes)
    if colonne.type is Type.PAYS:
        return alea.choice(PAYS)
    if colonne.type is Type.CNP:
        return alea.choice(["1234", "0013", "21231", "72010", "3012"])
    raise AssertionError(colonne)


def _lignes(extrait: Extrait, nb_lignes: int, alea: random.Random, defauts: bool) -> list[list[object]]:
    lignes = [[_valeur(alea, extrait, index, nom) for nom in extrait.entete] for index in range(1, nb_lignes + 1)]
    if extrait.fichier == "ref_diagnostics_professions.csv":
        for index, ligne in enumerate(lignes):  # un diagnostic par (année, version, profession)
            ligne[0], ligne[1], ligne[2] = str(2022 + index % 5), "2021", f"{10000 + index}"
    if defauts:
        codes = [i for i, c in enumerate(extrait.colonnes) if c.type is Type.CODE and not c.ouvert]
        dates = [i for i, c in enumerate(extrait.colonnes) if c.type is Type.DATE]
        for ligne in lignes:
            # codes en minuscules ou avec espaces parasites (tolérés : normalisés par le staging)
            if codes and alea.random() < 0.05:
                i = alea.choice(codes)
                if isinstance(ligne[i], str):
                    ligne[i] = alea.choice([f" {ligne[i].lower()}", f"{ligne[i]} ", ligne[i].lower()])
        # une ligne invalide (date impossible ou code inconnu), quarantaine du staging
        cible = lignes[len(lignes) // 2]
        if dates:
            cible[dates[0]] = "2023-02-30" if extrait.format_date == FORMAT_ISO else "30/02/2023"
        elif codes:
            cible[codes[0]] = "INCONNU"
        # doublons exacts (réextraction qui se chevauche) : 1 %
        for ligne in alea.sample(lignes, max(1, nb_lignes // 100)):
            lignes.append(list(ligne))
    return lignes


def _texte_date(valeur: object, extrait: Extrait) -> object:
    return valeur.strftime(extrait.format_date) if isinstance(valeur, dt.date) else valeur


def ecrire_csv(extrait: Extrait, lignes: list[list[object]], chemin: Path) -> None:
    tampon = io.StringIO(newline="")
    ecrivain = csv.writer(tampon, delimiter=extrait.separateur, lineterminator="\n")
    ecrivain.writerow(extrait.entete)
    for ligne in lignes:
        ecrivain.writerow(["" if v is None else _texte_date(v, extrait) for v in ligne])
    chemin.write_bytes(tampon.getvalue().encode(extrait.encodage))


def ecrire_xlsx(extrait: Extrait, lignes: list[list[object]], chemin: Path, alea: random.Random) -> None:
    classeur = Workbook()
    classeur.remove(classeur.active)
    if extrait.onglet is not None:
        groupes = {extrait.onglet: lignes}
    else:
        groupes = {f"Projet {nom}": lignes[i::3] for i, nom in enumerate(["Montréal TI", "Québec santé", "Estrie"])}
    for onglet, contenu in groupes.items():
        feuille = classeur.create_sheet(onglet)
        if extrait.ligne_entete > 1:
            feuille.append(["Suivi de l'indicateur 6.1.1 — nouveaux services numériques"])
            feuille.append(["Notes : une ligne par service; Oui/Non."])
            feuille.append([])
        feuille.append(extrait.entete)
        for ligne in contenu:
            valeurs = []
            for valeur in ligne:
                if isinstance(valeur, dt.date) and alea.random() < 0.2:
                    valeur = valeur.strftime("%d/%m/%Y")  # parfois du texte JJ/MM/AAAA
                elif isinstance(valeur, dt.date):
                    valeur = dt.datetime(valeur.year, valeur.month, valeur.day)
                elif extrait.onglet is not None and valeur in ("OUI", "NON"):
                    valeur = valeur.capitalize()
                valeurs.append(valeur)
            feuille.append(valeurs)
    classeur.save(chemin)


def generer_selon_contrat(sortie: Path, nb_lignes: int = 120, graine: int = 7, defauts: bool = True) -> Path:
    sortie.mkdir(parents=True, exist_ok=True)
    for numero, extrait in enumerate(EXTRAITS):
        alea = random.Random(graine * 1000 + numero)
        lignes = _lignes(extrait, nb_lignes, alea, defauts)
        if extrait.format is Format.XLSX:
            ecrire_xlsx(extrait, lignes, sortie / extrait.fichier, alea)
        else:
            ecrire_csv(extrait, lignes, sortie / extrait.fichier)
    return sortie


def jeu_sain(sortie: Path, bruit: str = "realiste") -> Path:
    """Jeu d'extraits sain (générateur du projet si disponible, sinon d'après le contrat)."""
    if generateur_disponible():
        return generer_par_le_generateur(sortie, bruit)
    return generer_selon_contrat(sortie, defauts=bruit != "aucun")


def copier_jeu(source: Path, destination: Path) -> Path:
    shutil.copytree(source, destination, ignore=shutil.ignore_patterns("verite.json"))
    return destination
