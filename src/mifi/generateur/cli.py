"""Commande ``python -m mifi generer`` : extraits synthétiques et vérité terrain."""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

from .generation import FICHIERS, generer
from .parametres import DEBUT_COUVERTURE, Parametres


def _echelle(texte: str) -> float:
    try:
        valeur = float(texte.replace(",", "."))
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"échelle invalide « {texte} » : un nombre est attendu (ex. 1, 0.05, 10)."
        ) from None
    if not (0 < valeur <= 100):
        raise argparse.ArgumentTypeError(
            f"échelle invalide « {texte} » : elle doit être strictement positive et au plus 100."
        )
    return valeur


def _graine(texte: str) -> int:
    try:
        valeur = int(texte)
    except ValueError:
        raise argparse.ArgumentTypeError(f"graine invalide « {texte} » : un entier est attendu.") from None
    if valeur < 0:
        raise argparse.ArgumentTypeError(f"graine invalide « {texte} » : elle doit être positive ou nulle.")
    return valeur


def _date(texte: str) -> date:
    try:
        valeur = date.fromisoformat(texte)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"date d'extraction invalide « {texte} » : format AAAA-MM-JJ attendu."
        ) from None
    if valeur < DEBUT_COUVERTURE:
        raise argparse.ArgumentTypeError(
            f"date d'extraction invalide « {texte} » : "
            f"les extraits couvrent à partir du {DEBUT_COUVERTURE.isoformat()}."
        )
    return valeur


def _bruit(texte: str) -> str:
    if texte not in ("aucun", "realiste"):
        raise argparse.ArgumentTypeError(f"bruit invalide « {texte} » : « aucun » ou « realiste » attendu.")
    return texte


def ajouter_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--sortie", type=Path, required=True, metavar="DOSSIER",
                        help="Dossier où écrire les 17 extraits et verite.json (créé au besoin).")
    parser.add_argument("--echelle", type=_echelle, default=1.0, metavar="FACTEUR",
                        help="Facteur de volume de la population (1 : volumes proches des cibles des fiches; "
                             "0.05 : données de test; 10 : banc d'essai). Défaut : 1.")
    parser.add_argument("--graine", type=_graine, default=42, metavar="ENTIER",
                        help="Graine aléatoire : mêmes options, mêmes octets. Défaut : 42.")
    parser.add_argument("--date-extraction", type=_date, default=date.today(), metavar="AAAA-MM-JJ",
                        help="Date de l'extraction simulée (« en date du »). Défaut : aujourd'hui.")
    parser.add_argument(
        "--bruit",
        type=_bruit,
        default="realiste",
        metavar="{aucun,realiste}",
        help="« aucun » : seulement des défauts que les règles résolvent exactement (données de test); "
        "« realiste » : en plus, des coquilles et des homonymes (démonstration). Défaut : realiste.",
    )


def executer(args: argparse.Namespace) -> int:
    sortie: Path = args.sortie
    if sortie.exists() and not sortie.is_dir():
        print(f"Erreur : « {sortie} » existe et n'est pas un dossier.", file=sys.stderr)
        return 2
    parametres = Parametres(sortie=sortie, echelle=args.echelle, graine=args.graine,
                            date_extraction=args.date_extraction, bruit=args.bruit)
    try:
        bilan = generer(parametres)
    except OSError as erreur:
        print(f"Erreur d'écriture dans « {sortie} » : {erreur}", file=sys.stderr)
        return 1
    comptes = bilan["comptes"]
    print(f"Extraits synthétiques écrits dans {sortie} (échelle {parametres.echelle:g}, graine {parametres.graine}, "
          f"extraction du {parametres.date_extraction.isoformat()}, bruit {parametres.bruit}) :")
    for nom in FICHIERS:
        c = comptes[nom]
        print(
            f"  {nom:<36} {c['lignes']:>10} lignes  {c['doublons_exacts']:>7} doublons  {c['invalides']:>6} invalides"
        )
    print(f"  verite.json : résultats attendus des 7 indicateurs. Durée : {bilan['duree_s']:.1f} s "
          f"({bilan['processus']} processus).")
    return 0
