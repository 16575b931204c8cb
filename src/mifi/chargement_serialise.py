"""Chargement sérialisé des sources lues par un greffon dbt-duckdb.

dbt-duckdb charge une source de greffon (``CREATE SCHEMA IF NOT EXISTS`` puis
``CREATE OR REPLACE TABLE``) chaque fois que ``source()`` est rendu, depuis chacun des fils
d'exécution. Sur un entrepôt neuf, deux fils qui chargent en même temps échouent par un conflit
d'écriture du catalogue DuckDB (« Catalog write-write conflict on create with "brut" »).

Ce module enveloppe ``LocalEnvironment.load_source`` : les chargements passent un à un, et une
source n'est chargée qu'une fois par processus dbt (les extraits ne changent pas pendant une
exécution). Il s'appuie sur la signature de dbt-duckdb 1.11.1 (épinglée); un test vérifie que
l'enveloppe est bien en place.
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Callable
from typing import Any

from dbt.adapters.duckdb.environments import local

_VERROU = threading.RLock()
_DEJA_CHARGEES: set[tuple[int, str]] = set()


def installer() -> None:
    """Installe l'enveloppe (idempotent)."""
    origine: Callable[..., Any] = local.LocalEnvironment.load_source
    if getattr(origine, "_mifi_serialise", False):
        return

    @functools.wraps(origine)
    def load_source(self: Any, plugin_name: str, source_config: Any) -> Any:
        cle = (id(self), source_config.table_name())
        with _VERROU:
            if cle in _DEJA_CHARGEES:
                return None
            resultat = origine(self, plugin_name, source_config)
            _DEJA_CHARGEES.add(cle)
            return resultat

    load_source._mifi_serialise = True  # type: ignore[attr-defined]
    local.LocalEnvironment.load_source = load_source  # type: ignore[method-assign]


def est_installe() -> bool:
    return bool(getattr(local.LocalEnvironment.load_source, "_mifi_serialise", False))
