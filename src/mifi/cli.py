"""Interface en ligne de commande : ``python -m mifi <commande> ...``.

Chaque commande vit dans son module, qui expose ``ajouter_arguments(parser)`` et
``executer(args) -> int``; le module n'est importé que lorsque la commande est lancée.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence
from types import ModuleType

# nom de la commande -> (module, aide)
COMMANDES: dict[str, tuple[str, str]] = {
    "generer": ("mifi.generateur.cli", "Générer des extraits synthétiques et leur vérité terrain."),
    "nuit": ("mifi.nuit", "Traitement de nuit : valider, construire, publier."),
    "valider": ("mifi.validation", "Valider les extraits (Great Expectations)."),
    "bench": ("mifi.bench", "Banc d'essai de performance."),
    "charger-postgres": ("mifi.chargement_postgres", "Charger les extraits dans PostgreSQL (schéma brut)."),
    "charger-spark": ("mifi.chargement_spark", "Charger les extraits dans Spark (base brut)."),
    "referentiels-pays": (
        "mifi.referentiels_pays",
        "Régénérer seeds/ref_pays.csv (ISO 3166-1, noms français, continents).",
    ),
    "comparer-publications": ("mifi.comparer_publications", "Comparer les fichiers Parquet de deux publications."),
}


def _module_commande(nom: str) -> ModuleType:
    module, _ = COMMANDES[nom]
    try:
        return importlib.import_module(module)
    except ModuleNotFoundError as erreur:
        if erreur.name and module.startswith(erreur.name):
            raise SystemExit(f"La commande « {nom} » n'est pas encore disponible ({module} absent).") from erreur
        raise


def main(argv: Sequence[str] | None = None) -> int:
    arguments = list(sys.argv[1:] if argv is None else argv)
    parser = argparse.ArgumentParser(
        prog="mifi",
        description="Outillage du projet indicateurs-mifi.",
        epilog="Aide d'une commande : mifi COMMANDE --help (équivaut à python -m mifi).",
        add_help=False,
    )
    parser._optionals.title = "options"
    parser.add_argument("-h", "--help", action="help", help="afficher cette aide et quitter")
    sous = parser.add_subparsers(title="commandes", dest="commande", metavar="COMMANDE")
    for nom, (_, aide) in COMMANDES.items():
        sous.add_parser(nom, help=aide, add_help=False)
    if not arguments or arguments[0] in ("-h", "--help") or arguments[0] not in COMMANDES:
        parser.print_help()
        return 0 if not arguments or arguments[0] in ("-h", "--help") else 2
    nom = arguments[0]
    module = _module_commande(nom)
    parser_commande = argparse.ArgumentParser(prog=f"mifi {nom}", description=COMMANDES[nom][1])
    module.ajouter_arguments(parser_commande)
    args = parser_commande.parse_args(arguments[1:])
    return int(module.executer(args) or 0)
