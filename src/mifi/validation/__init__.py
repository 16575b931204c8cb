"""Validation des extraits avec Great Expectations (issue 8).

API pour le traitement de nuit ::

    from mifi.validation import valider_extraits
    resultat = valider_extraits(dossier_extraits, dossier_rapport, dossier_historique)
    if not resultat.succes: ...  # resultat.erreurs, resultat.avertissements, resultat.chemin_data_docs

Ligne de commande : ``python -m mifi valider --extraits DIR --rapport DIR [--historique DIR]
[--date-extraction AAAA-MM-JJ]`` (code 0 si les extraits sont valides, 1 sinon).

Great Expectations n'est importé qu'au moment de valider (import lent : voir ``__getattr__``).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

os.environ.setdefault("GX_ANALYTICS_ENABLED", "false")

from mifi.validation.resultat import ResultatValidation

if TYPE_CHECKING:
    from mifi.validation.execution import valider_extraits


def __getattr__(nom: str) -> Any:
    # Import différé : l'exécution importe Great Expectations (~1,5 s de CPU mesurées avec
    # python -X importtime), que ni `python -m mifi.validation.suites`, ni `mifi valider --help`,
    # ni les contrôles de base de la nuit (mifi.validation.resultat) ne paient. Sans Great
    # Expectations, cet import lève ImportError : la nuit se replie sur les contrôles de base.
    if nom == "valider_extraits":
        from mifi.validation import execution  # noqa: PLC0415

        return execution.valider_extraits
    raise AttributeError(nom)

__all__ = ["ResultatValidation", "ajouter_arguments", "executer", "valider_extraits"]


def _date(texte: str) -> dt.date:
    try:
        return dt.date.fromisoformat(texte)
    except ValueError as erreur:
        raise argparse.ArgumentTypeError(f"date attendue au format AAAA-MM-JJ : {texte!r}") from erreur


def ajouter_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--extraits", type=Path, required=True, help="dossier des 17 extraits")
    parser.add_argument("--rapport", type=Path, required=True,
                        help="dossier du rapport (Data Docs dans <rapport>/data_docs/)")
    parser.add_argument("--historique", type=Path, default=None,
                        help="dossier de l'historique des volumes (comparaison à la nuit précédente)")
    parser.add_argument("--date-extraction", type=_date, default=None,
                        help="date de référence AAAA-MM-JJ (par défaut : aujourd'hui)")
    parser.add_argument("--fichier", action="append", dest="fichiers", default=None, metavar="NOM",
                        help="ne valider que cet extrait (option répétable; par défaut : les 17)")


def executer(args: argparse.Namespace) -> int:
    from mifi.validation.execution import valider_extraits  # noqa: PLC0415 — Great Expectations, voir __getattr__

    resultat = valider_extraits(
        args.extraits, args.rapport, args.historique, date_extraction=args.date_extraction,
        fichiers=args.fichiers,
    )
    print(resultat.resume())
    return 0 if resultat.succes else 1
