"""Exactitude de 1.1.1 : mesures complémentaires publiées = vérité terrain du générateur
(--bruit aucun). Le résultat de l'indicateur lui-même (DI admissibles distinctes) est comparé
par test_exactitude_reconnaissance.py (comparer_a_la_verite)."""

from __future__ import annotations

from outils_dbt import Construction, comparer_a_la_verite, comparer_mesures_a_la_verite


def test_111_mesures_complementaires_egales_a_la_verite(construction_verite: Construction) -> None:
    """candidats_distincts à chaque fenêtre, di_methode_reference aux fenêtres annuelles."""
    attendues = construction_verite.attendus_mesures("1.1.1")
    assert {cle[0] for cle in attendues} == {"candidats_distincts", "di_methode_reference"}
    assert {cle[2] for cle in attendues if cle[0] == "di_methode_reference"} == {"annuelle"}
    assert comparer_mesures_a_la_verite(construction_verite, "1.1.1") == []


def test_111_compte_des_declarations_et_non_des_candidats(construction_verite: Construction) -> None:
    """L'indicateur (DI) égale la vérité et dépasse les candidats distincts sur les années
    complètes : un candidat qui dépose deux DI admissibles compte deux fois."""
    assert comparer_a_la_verite(construction_verite, "1.1.1") == []
    resultats = construction_verite.resultats("1.1.1")
    mesures = construction_verite.mesures("1.1.1")
    for (periode, granularite, date_fin), ligne in resultats.items():
        candidats = mesures[("candidats_distincts", periode, granularite, date_fin)]["valeur"]
        assert candidats <= ligne["valeur"], (periode, granularite, date_fin)
    assert any(
        mesures[("candidats_distincts", periode, granularite, date_fin)]["valeur"] < ligne["valeur"]
        for (periode, granularite, date_fin), ligne in resultats.items()
        if granularite == "annuelle"
    )
