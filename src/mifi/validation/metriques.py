"""Métrique Great Expectations calculée par valeur distincte (moteur pandas), même résultat.

``expect_column_values_to_match_strftime_format`` appelle, dans le moteur pandas de GX,
``datetime.strptime`` sur chaque valeur de la colonne : plus d'une minute pour les 7 millions de
dates des extraits à l'échelle 1. Une colonne de dates n'a que quelques dizaines de milliers de
valeurs distinctes : ``installer`` remplace la mise en œuvre pandas de la métrique
``column_values.match_strftime_format`` par la même vérification (``datetime.strptime`` avec le
même format, même erreur pour une valeur qui n'est pas du texte) faite une fois par valeur
distincte, puis rapportée à chaque ligne par ``isin`` (vectorisé). L'attente, ses paramètres, ses
résultats (valeurs et nombres non conformes, exemples) et les Data Docs sont inchangés.
"""

from __future__ import annotations

import builtins
from datetime import datetime
from typing import Any, ClassVar, Literal

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
from great_expectations.datasource.fluent.pandas_filesystem_datasource import PandasFilesystemDatasource
from great_expectations.execution_engine.pandas_execution_engine import PandasExecutionEngine
from great_expectations.expectations.metrics.column_map_metrics.column_values_match_strftime_format import (
    ColumnValuesMatchStrftimeFormat,
)
from great_expectations.expectations.metrics.map_metric_provider.column_condition_partial import (
    column_condition_partial,
)

_installee = False


def _conforme(valeur: object, format_date: str) -> bool:
    if not isinstance(valeur, str):
        raise TypeError(
            "Values passed to expect_column_values_to_match_strftime_format must be of type string.\n"
            "If you want to validate a column of dates or timestamps, please call the expectation before "
            "converting from string format."
        )
    try:
        datetime.strptime(valeur, format_date)  # date sans fuseau, comme GX
    except ValueError:
        return False
    return True


# Formats lus par positions fixes : (motif strict en chiffres ASCII, positions de l'année, du mois,
# du jour). Une valeur qui suit le motif strict est une date pour strptime si et seulement si
# 1 ≤ mois ≤ 12, 1 ≤ jour ≤ longueur du mois et année ≥ 1 (datetime.MINYEAR); les autres
# valeurs (chiffres non ASCII, mois sur un chiffre, espaces...) passent par strptime.
_POSITIONS = {
    "%Y-%m-%d": (r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$", (0, 4), (5, 7), (8, 10)),
    "%d/%m/%Y": (r"^[0-9]{2}/[0-9]{2}/[0-9]{4}$", (6, 10), (3, 5), (0, 2)),
}
_JOURS_PAR_MOIS = np.array([31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31])


def _dates_valides(valeurs: pa.Array, format_date: str) -> np.ndarray[Any, Any]:
    """Pour des textes au motif strict du format : chacun est-il une date du calendrier ?"""
    _, *positions = _POSITIONS[format_date]
    annee, mois, jour = (
        pc.cast(pc.utf8_slice_codeunits(valeurs, debut, fin), pa.int32()).to_numpy() for debut, fin in positions
    )
    bissextile = (annee % 4 == 0) & ((annee % 100 != 0) | (annee % 400 == 0))
    mois_valide = (mois >= 1) & (mois <= 12)
    longueur = _JOURS_PAR_MOIS[np.clip(mois, 1, 12) - 1] + ((mois == 2) & bissextile)
    resultat: np.ndarray[Any, Any] = mois_valide & (jour >= 1) & (jour <= longueur) & (annee >= 1)
    return resultat


def dates_conformes(colonne: Any, format_date: str) -> Any:
    """Série booléenne : chaque valeur (non nulle) se lit-elle au format strftime ``format_date`` ?"""
    distinctes = list(colonne.unique())
    if format_date not in _POSITIONS:
        return colonne.isin([valeur for valeur in distinctes if _conforme(valeur, format_date)])
    for valeur in distinctes:
        if not isinstance(valeur, str):
            _conforme(valeur, format_date)  # même erreur que GX
    valeurs = pa.array(distinctes, type=pa.string())
    strictes = pc.match_substring_regex(valeurs, _POSITIONS[format_date][0]).to_numpy(zero_copy_only=False)
    candidates = valeurs.filter(pa.array(strictes))
    conformes = np.asarray(candidates.to_pylist(), dtype=object)[_dates_valides(candidates, format_date)].tolist()
    conformes += [v for v, stricte in zip(distinctes, strictes) if not stricte and _conforme(v, format_date)]
    # isin de pandas convertit chaque valeur cherchée une à une : is_in d'Arrow, même résultat.
    dans = pc.is_in(pa.array(colonne, type=pa.string(), from_pandas=True), value_set=pa.array(conformes, pa.string()))
    return pd.Series(dans.to_numpy(zero_copy_only=False), index=colonne.index, name=colonne.name)


def installer() -> None:
    """Enregistre la mise en œuvre par valeur distincte (une fois par processus)."""
    global _installee
    if _installee:
        return
    class DatesParValeurDistincte(ColumnValuesMatchStrftimeFormat):  # enregistrée par sa définition
        @column_condition_partial(engine=PandasExecutionEngine)
        def _pandas(cls, column: Any, strftime_format: str, **kwargs: Any) -> Any:
            return dates_conformes(column, strftime_format)

    _installee = True


class MoteurPandasParColonnes(PandasExecutionEngine):
    """Moteur pandas de GX qui ne remet à une métrique de colonne(s) que sa ou ses colonnes.

    Le moteur pandas filtre la table du lot à chaque étape d'une attente de colonne (valeurs non
    nulles, valeurs non conformes, index des exemples...) : chaque filtre copie toutes les
    colonnes, alors que la métrique n'en lit qu'une. Les enregistrements du domaine sont ici
    restreints aux colonnes du domaine (après la condition de ligne, qui peut en lire d'autres :
    ``_occurrence`` des attentes d'unicité) : mêmes lignes, même index, donc mêmes nombres,
    valeurs et index non conformes. Les métriques de table (colonnes, nombre de lignes) reçoivent
    la table entière.
    """

    def get_domain_records(self, domain_kwargs: dict[str, Any]) -> Any:
        donnees = super().get_domain_records(domain_kwargs)
        if "column" in domain_kwargs:
            colonnes = [domain_kwargs["column"]]
        elif "column_A" in domain_kwargs and "column_B" in domain_kwargs:
            colonnes = [domain_kwargs["column_A"], domain_kwargs["column_B"]]
        elif "column_list" in domain_kwargs:
            colonnes = list(domain_kwargs["column_list"])
        else:
            return donnees
        return donnees[colonnes]


class SourceExtraits(PandasFilesystemDatasource):
    """Source ``pandas_filesystem`` de GX (fichiers Parquet) validée par ``MoteurPandasParColonnes``."""

    type: Literal["mifi_extraits"] = "mifi_extraits"  # type: ignore[assignment]
    execution_engine_override: ClassVar[builtins.type[PandasExecutionEngine]] = MoteurPandasParColonnes


__all__ = ["MoteurPandasParColonnes", "SourceExtraits", "dates_conformes", "installer"]
