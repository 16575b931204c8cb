"""Configuration commune de pytest : chemins du projet et environnement sans télémétrie."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

RACINE = Path(__file__).resolve().parents[1]

os.environ.setdefault("DO_NOT_TRACK", "1")
os.environ.setdefault("DBT_SEND_ANONYMOUS_USAGE_STATS", "false")
os.environ.setdefault("GX_ANALYTICS_ENABLED", "false")


@pytest.fixture(scope="session")
def racine_projet() -> Path:
    return RACINE
