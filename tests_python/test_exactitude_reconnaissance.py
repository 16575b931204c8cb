"""Exactitude de 2.2.1, 1.1.1 et 6.1.1 : marts publiés = vérité terrain du générateur (--bruit aucun)."""

from __future__ import annotations

import pytest

from mifi.doublons_probables import evaluer_rapprochement
from outils_dbt import Construction, comparer_a_la_verite


@pytest.mark.parametrize("indicateur_id", ["2.2.1", "1.1.1", "6.1.1"])
def test_exactitude(construction_verite: Construction, indicateur_id: str) -> None:
    assert comparer_a_la_verite(construction_verite, indicateur_id) == []


def test_221_rapprochement_ddrc_exact_sans_bruit(construction_verite: Construction) -> None:
    """Sans bruit, chaque participant DDRC qui a un dossier ARRIMA y est rapproché, et aucun
    participant n'est rapproché d'un autre client que le sien (vérité : identites)."""
    mesure = evaluer_rapprochement(construction_verite.entrepot, construction_verite.verite)
    assert mesure.faux_positifs == 0
    assert mesure.faux_negatifs == 0
