"""Suites d'attentes Great Expectations dérivées du contrat, versionnées dans ``gx/expectations/``.

Les suites sont produites de façon déterministe à partir de ``contrat_extraits.py`` (une suite
par extrait, un fichier JSON par suite) et versionnées : une modification du contrat se voit
dans la revue sous forme de différence de suite. Régénérer après avoir modifié le contrat ::

    python -m mifi.validation.suites            # réécrit gx/expectations/*.json
    python -m mifi.validation.suites --verifier # code 1 si une suite versionnée a dérivé

Le test ``tests_python/test_validation_contrat.py`` échoue si les fichiers versionnés ne sont
plus ceux que produit le contrat. La validation charge les fichiers versionnés.

Les seuils qui dépendent de la nuit (volumes attendus d'après l'historique, années plausibles
d'après la date d'extraction) sont des paramètres ``{"$PARAMETER": nom}`` que
``parametres_attentes`` calcule au moment de la validation.

Ce module n'importe pas Great Expectations : les suites sont des dictionnaires au format JSON
des suites GX 1.x (``type``, ``kwargs``, ``meta``, ``severity``).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from pathlib import Path
from typing import Any

from mifi.validation.contrat_extraits import (
    ANNEES_PLAUSIBLES,
    COLONNE_OCCURRENCE,
    EXTRAITS,
    FORMAT_ISO,
    FORMAT_JJ_MM_AAAA,
    PROPORTION_LIGNES_DISTINCTES,
    PROPORTION_TOLEREE,
    REGEX_CNP,
    REGEX_DECIMAL,
    REGEX_PAYS,
    TOLERANCE_VOLUME,
    TOLERANCE_VOLUME_SOUPLE,
    Colonne,
    Extrait,
    NatureDate,
    Type,
    regex_annees,
    regex_entier,
)

RACINE_PROJET = Path(__file__).resolve().parents[3]
DOSSIER_SUITES = RACINE_PROJET / "gx" / "expectations"

CRITIQUE = "critical"
AVERTISSEMENT = "warning"

_LIBELLES_FORMATS = {FORMAT_ISO: "AAAA-MM-JJ", FORMAT_JJ_MM_AAAA: "JJ/MM/AAAA"}


def _parametre(nom: str) -> dict[str, str]:
    return {"$PARAMETER": nom}


def nom_parametre(nature: str, extrait: Extrait | None = None, format_date: str | None = None) -> str:
    """Nom d'un paramètre d'attente (unique dans le point de contrôle qui regroupe les suites)."""
    if format_date is not None:
        return f"annees_{nature}_{'iso' if format_date == FORMAT_ISO else 'jjmmaaaa'}"
    assert extrait is not None
    return f"{nature}__{extrait.nom}"


def _attente(type_: str, regle: str, severite: str = CRITIQUE, **kwargs: Any) -> dict[str, Any]:
    return {
        "type": type_,
        "kwargs": dict(sorted(kwargs.items())),
        "meta": {"regle": regle},
        # notes : la règle en français, affichée par les Data Docs sous l'attente
        "notes": f"{'Erreur' if severite == CRITIQUE else 'Avertissement'} si non respectée : {regle}.",
        "severity": severite,
    }


def _attentes_colonne(extrait: Extrait, colonne: Colonne) -> list[dict[str, Any]]:
    nom = colonne.nom
    tolerance = f"tolérance {round((1 - PROPORTION_TOLEREE) * 100)} %, mises en quarantaine par le staging"
    severite = AVERTISSEMENT if colonne.indicatif else CRITIQUE
    attentes: list[dict[str, Any]] = []
    if colonne.obligatoire:
        attentes.append(_attente(
            "expect_column_values_to_not_be_null", f"« {nom} » est renseignée ({tolerance})",
            column=nom, mostly=PROPORTION_TOLEREE,
        ))
    if colonne.type is Type.DATE:
        libelle = _LIBELLES_FORMATS[extrait.format_date]
        attentes.append(_attente(
            "expect_column_values_to_match_strftime_format",
            f"« {nom} » est une date valide au format {libelle} ({tolerance})",
            column=nom, strftime_format=extrait.format_date, mostly=PROPORTION_TOLEREE,
        ))
        nature = colonne.nature_date or NatureDate.EVENEMENT
        premiere, decalage = ANNEES_PLAUSIBLES[nature]
        attentes.append(_attente(
            "expect_column_values_to_match_regex",
            f"l'année de « {nom} » est plausible ({nature.value} : de {premiere} à l'année d'extraction"
            f"{f' + {decalage}' if decalage else ''}; {tolerance})",
            column=nom, regex=_parametre(nom_parametre(nature.value, format_date=extrait.format_date)),
            mostly=PROPORTION_TOLEREE,
        ))
    elif colonne.type is Type.CODE:
        codes = list(colonne.codes)
        if colonne.ouvert:
            attentes.append(_attente(
                "expect_column_values_to_be_in_set",
                f"« {nom} » prend une valeur connue ({', '.join(codes)}); d'autres codes sont possibles "
                "selon le contrat : signalés, exclus par le staging",
                AVERTISSEMENT, column=nom, value_set=codes,
            ))
        else:
            attentes.append(_attente(
                "expect_column_values_to_be_in_set",
                f"« {nom} » prend une valeur du contrat ({', '.join(codes)}), après retrait des espaces et "
                f"mise en majuscules ({tolerance})",
                severite, column=nom, value_set=codes, mostly=PROPORTION_TOLEREE,
            ))
    elif colonne.type is Type.ENTIER:
        minimum, maximum = colonne.bornes or (None, None)
        if minimum is not None and maximum is not None:
            bornes = f"entier de {minimum} à {maximum}"
        elif minimum is not None:
            bornes = f"entier ≥ {minimum}"
        else:
            bornes = "entier"
        attentes.append(_attente(
            "expect_column_values_to_match_regex", f"« {nom} » est un {bornes} ({tolerance})",
            severite, column=nom, regex=regex_entier(minimum, maximum), mostly=PROPORTION_TOLEREE,
        ))
    elif colonne.type is Type.DECIMAL:
        attentes.append(_attente(
            "expect_column_values_to_match_regex", f"« {nom} » est un nombre décimal à point ({tolerance})",
            severite, column=nom, regex=REGEX_DECIMAL, mostly=PROPORTION_TOLEREE,
        ))
    elif colonne.type is Type.PAYS:
        attentes.append(_attente(
            "expect_column_values_to_match_regex", f"« {nom} » est un code pays ISO 3166 alpha-3 ({tolerance})",
            severite, column=nom, regex=REGEX_PAYS, mostly=PROPORTION_TOLEREE,
        ))
    elif colonne.type is Type.CNP:
        attentes.append(_attente(
            "expect_column_values_to_match_regex",
            f"« {nom} » est un code CNP à 4 (2016) ou 5 (2021) chiffres ({tolerance})",
            severite, column=nom, regex=REGEX_CNP, mostly=PROPORTION_TOLEREE,
        ))
    return attentes


def suite(extrait: Extrait) -> dict[str, Any]:
    """La suite d'attentes d'un extrait, sous forme de dictionnaire JSON (GX 1.x)."""
    attentes: list[dict[str, Any]] = [
        _attente(
            "expect_table_columns_to_match_ordered_list",
            "les colonnes sont exactement celles du contrat, dans l'ordre (suivies des colonnes "
            "techniques ajoutées à la lecture)",
            column_list=extrait.entete + extrait.colonnes_techniques,
        ),
        _attente(
            "expect_table_row_count_to_be_between",
            f"le nombre de lignes atteint le plancher ({extrait.nb_lignes_min}) et ne s'écarte pas de plus "
            f"de {round(TOLERANCE_VOLUME * 100)} % de celui de la nuit précédente",
            min_value=_parametre(nom_parametre("nb_lignes_min", extrait)),
            max_value=_parametre(nom_parametre("nb_lignes_max", extrait)),
        ),
        _attente(
            "expect_table_row_count_to_be_between",
            f"le nombre de lignes ne s'écarte pas de plus de {round(TOLERANCE_VOLUME_SOUPLE * 100)} % de "
            "celui de la nuit précédente (dérive signalée)",
            AVERTISSEMENT,
            min_value=_parametre(nom_parametre("nb_lignes_min_souple", extrait)),
            max_value=_parametre(nom_parametre("nb_lignes_max_souple", extrait)),
        ),
        _attente(
            "expect_column_values_to_be_between",
            f"au plus {round((1 - PROPORTION_LIGNES_DISTINCTES) * 100)} % de lignes en double exact "
            "(une réextraction qui se chevauche; au-delà : extrait dupliqué)",
            column=COLONNE_OCCURRENCE, max_value=1, mostly=PROPORTION_LIGNES_DISTINCTES,
        ),
    ]
    for colonne in extrait.colonnes:
        attentes.extend(_attentes_colonne(extrait, colonne))
    lignes_distinctes = {"type": "comparison", "column": {"name": COLONNE_OCCURRENCE}, "operator": "==", "parameter": 1}
    for cles, severite in [(c, CRITIQUE) for c in extrait.cles_uniques] + [
        (c, AVERTISSEMENT) for c in extrait.cles_indicatives
    ]:
        libelle = ", ".join(f"« {c} »" for c in cles)
        regle = f"{libelle} identifie{'nt' if len(cles) > 1 else ''} une seule ligne parmi les lignes distinctes"
        if len(cles) == 1:
            attentes.append(_attente(
                "expect_column_values_to_be_unique", regle, severite,
                column=cles[0], row_condition=lignes_distinctes,
            ))
        else:
            attentes.append(_attente(
                "expect_compound_columns_to_be_unique", regle, severite,
                column_list=list(cles), row_condition=lignes_distinctes,
            ))
    # La fraîcheur (date valide la plus récente) n'est pas une attente GX : expect_column_max
    # compare des textes, et une seule date invalide (« 2026-13-01 ») fausse le maximum. Elle est
    # calculée sur les dates valides par execution.verifier_fraicheur (avertissement).
    return {
        "name": extrait.nom,
        "expectations": attentes,
        "meta": {
            "contrat": "src/mifi/validation/contrat_extraits.py (prose : docs/contrat_extraits.md)",
            "genere_par": "python -m mifi.validation.suites (depuis mifi/validation/contrat_extraits.py)",
            "systeme": extrait.systeme,
            "fichier": extrait.fichier,
            "description": extrait.description,
            "encodage": extrait.encodage,
            "separateur": extrait.separateur,
        },
        "notes": None,
    }


def texte_suite(extrait: Extrait) -> str:
    return json.dumps(suite(extrait), ensure_ascii=False, indent=2) + "\n"


def chemin_suite(extrait: Extrait, dossier: Path = DOSSIER_SUITES) -> Path:
    return dossier / f"{extrait.nom}.json"


def charger_suite(extrait: Extrait, dossier: Path = DOSSIER_SUITES) -> dict[str, Any]:
    chemin = chemin_suite(extrait, dossier)
    if not chemin.is_file():
        raise FileNotFoundError(
            f"Suite d'attentes absente : {chemin} (la régénérer : python -m mifi.validation.suites)."
        )
    contenu: dict[str, Any] = json.loads(chemin.read_text(encoding="utf-8"))
    return contenu


def ecrire_suites(dossier: Path = DOSSIER_SUITES) -> list[Path]:
    dossier.mkdir(parents=True, exist_ok=True)
    chemins = []
    for extrait in EXTRAITS:
        chemin = chemin_suite(extrait, dossier)
        chemin.write_text(texte_suite(extrait), encoding="utf-8")
        chemins.append(chemin)
    return chemins


def suites_derivees(dossier: Path = DOSSIER_SUITES) -> list[str]:
    """Fichiers de suite absents ou différents de ce que produit le contrat."""
    return [
        str(chemin_suite(extrait, dossier))
        for extrait in EXTRAITS
        if not chemin_suite(extrait, dossier).is_file()
        or chemin_suite(extrait, dossier).read_text(encoding="utf-8") != texte_suite(extrait)
    ]


def parametres_attentes(
    date_extraction: dt.date, nb_lignes_precedents: dict[str, int] | None = None
) -> dict[str, Any]:
    """Valeurs des paramètres des suites pour une nuit (tous les extraits)."""
    annee = date_extraction.year
    parametres: dict[str, Any] = {}
    for nature, (premiere, decalage) in ANNEES_PLAUSIBLES.items():
        for format_date in (FORMAT_ISO, FORMAT_JJ_MM_AAAA):
            parametres[nom_parametre(nature.value, format_date=format_date)] = regex_annees(
                premiere, annee + decalage, format_date
            )
    precedents = nb_lignes_precedents or {}
    for extrait in EXTRAITS:
        precedent = precedents.get(extrait.fichier)
        plancher = extrait.nb_lignes_min
        if precedent:
            minimum = max(plancher, int(precedent * (1 - TOLERANCE_VOLUME)))
            maximum: int | None = int(precedent * (1 + TOLERANCE_VOLUME)) + 1
            minimum_souple = max(plancher, int(precedent * (1 - TOLERANCE_VOLUME_SOUPLE)))
            maximum_souple: int | None = int(precedent * (1 + TOLERANCE_VOLUME_SOUPLE)) + 1
        else:
            minimum, maximum, minimum_souple, maximum_souple = plancher, None, plancher, None
        parametres[nom_parametre("nb_lignes_min", extrait)] = minimum
        parametres[nom_parametre("nb_lignes_max", extrait)] = maximum
        parametres[nom_parametre("nb_lignes_min_souple", extrait)] = minimum_souple
        parametres[nom_parametre("nb_lignes_max_souple", extrait)] = maximum_souple
    return parametres


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Écrire ou vérifier les suites d'attentes versionnées.")
    parser.add_argument("--verifier", action="store_true", help="ne rien écrire; code 1 si une suite a dérivé")
    parser.add_argument("--dossier", type=Path, default=DOSSIER_SUITES)
    args = parser.parse_args(argv)
    if args.verifier:
        derivees = suites_derivees(args.dossier)
        for derivee in derivees:
            print(f"Suite différente du contrat : {derivee}", file=sys.stderr)
        return 1 if derivees else 0
    for chemin in ecrire_suites(args.dossier):
        print(chemin)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
