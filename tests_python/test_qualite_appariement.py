"""Mesure de l'appariement des dossiers PASI : précision et rappel par paires de dossiers."""

from __future__ import annotations

import pytest

from mifi.qualite_appariement import identites_pasi, mesurer_appariement


def test_appariement_parfait() -> None:
    vrais = {("CERIGES", "C1"): "p1", ("GSI", "G1"): "p1", ("GSI", "G2"): "p2"}
    predits = {("CERIGES", "C1"): "a", ("GSI", "G1"): "a", ("GSI", "G2"): "b"}
    rapport = mesurer_appariement(predits, vrais)
    assert rapport.tous_liens.precision == rapport.tous_liens.rappel == 1.0
    assert (rapport.tous_liens.liens_predits, rapport.liens_ceriges_gsi.liens_predits) == (1, 1)


def test_homonymes_fusionnes_et_coquille_separee() -> None:
    # p1 : deux dossiers CERIGES et un GSI; p2, homonyme de p1, fusionné à tort par la clé;
    # p3 : une coquille sépare son dossier GSI de son dossier CERIGES.
    vrais = {
        ("CERIGES", "C1"): "p1", ("CERIGES", "C2"): "p1", ("GSI", "G1"): "p1",
        ("GSI", "G2"): "p2",
        ("CERIGES", "C3"): "p3", ("GSI", "G3"): "p3",
    }
    predits = {
        ("CERIGES", "C1"): "k1", ("CERIGES", "C2"): "k1", ("GSI", "G1"): "k1", ("GSI", "G2"): "k1",
        ("CERIGES", "C3"): "k3", ("GSI", "G3"): "k3bis",
    }
    rapport = mesurer_appariement(predits, vrais)
    # Liens vrais : p1 (3 paires) + p3 (1) = 4; prédits : k1 (6 paires); corrects : 3.
    assert (rapport.tous_liens.liens_vrais, rapport.tous_liens.liens_predits, rapport.tous_liens.liens_corrects) == (
        4,
        6,
        3,
    )
    assert rapport.tous_liens.precision == pytest.approx(0.5)
    assert rapport.tous_liens.rappel == pytest.approx(0.75)
    # Liens CERIGES-GSI : vrais C1-G1, C2-G1, C3-G3 = 3; prédits : 2 CERIGES x 2 GSI = 4; corrects : 2.
    assert (rapport.liens_ceriges_gsi.liens_vrais, rapport.liens_ceriges_gsi.liens_predits,
            rapport.liens_ceriges_gsi.liens_corrects) == (3, 4, 2)
    assert rapport.nb_personnes_predites == 3 and rapport.nb_personnes_vraies == 3


def test_dossiers_absents_d_un_cote_ne_sont_pas_mesures() -> None:
    vrais = {("CERIGES", "C1"): "p1", ("GSI", "G1"): "p1", ("CERIGES", "C9"): "p9"}
    predits = {("CERIGES", "C1"): "k", ("GSI", "G1"): "k", ("GSI", "G8"): "k8"}
    rapport = mesurer_appariement(predits, vrais)
    assert rapport.nb_dossiers == 2
    assert (rapport.nb_dossiers_hors_verite, rapport.nb_dossiers_hors_entrepot) == (1, 1)
    assert "précision 1.0000" in rapport.en_texte()


def test_identites_lues_dans_la_verite() -> None:
    verite = {"identites": {"ceriges_services": {"00000001": "P1"}, "gsi_services": {"000000001": "P1"},
                            "arrima_clients": {"A1": "P1"}}}
    assert identites_pasi(verite) == {("CERIGES", "00000001"): "P1", ("GSI", "000000001"): "P1"}
