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

from datetime import datetime
from typing import Any

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


def dates_conformes(colonne: Any, format_date: str) -> Any:
    """Série booléenne : chaque valeur (non nulle) se lit-elle au format strftime ``format_date`` ?"""
    conformes = [valeur for valeur in colonne.unique() if _conforme(valeur, format_date)]
    return colonne.isin(conformes)


def installer() -> None:
    """Enregistre la mise en œuvre par valeur distincte (une fois par processus)."""
    global _installee
    if _installee:
        return
    from great_expectations.execution_engine.pandas_execution_engine import PandasExecutionEngine
    from great_expectations.expectations.metrics.column_map_metrics.column_values_match_strftime_format import (
        ColumnValuesMatchStrftimeFormat,
    )
    from great_expectations.expectations.metrics.map_metric_provider.column_condition_partial import (
        column_condition_partial,
    )

    class DatesParValeurDistincte(ColumnValuesMatchStrftimeFormat):  # enregistrée par sa définition
        @column_condition_partial(engine=PandasExecutionEngine)
        def _pandas(cls, column: Any, strftime_format: str, **kwargs: Any) -> Any:
            return dates_conformes(column, strftime_format)

    _installee = True


__all__ = ["dates_conformes", "installer"]
