"""Forme de verite.json : paramètres, fenêtres publiées, périodes non produites, bornes."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path
from typing import Any

from .conftest import DATE_EXTRACTION
from .lecture import lire
from .recalcul import fenetres

COMPTES = ("1.1.1", "2.2.1", "3.1.1", "3.1.2", "5.2.1")
PROPORTIONS = ("3.1.3", "6.1.1")


def test_parametres(verite_aucun: dict[str, Any]) -> None:
    assert verite_aucun["parametres"] == {"echelle": 0.05, "graine": 7, "date_extraction": "2026-10-31",
                                          "bruit": "aucun", "version": 1}
    assert list(verite_aucun) == ["parametres", "resultats", "identites", "comptes", "complements"]


def test_fenetres_publiees(verite_aucun: dict[str, Any]) -> None:
    obtenu = defaultdict(set)
    for r in verite_aucun["resultats"]:
        obtenu[r["indicateur_id"]].add((r["periode"], r["granularite"], r["date_debut"], r["date_fin"]))
    for ind in (*COMPTES, *PROPORTIONS):
        attendu = {(p, g, d.isoformat(), f.isoformat()) for p, g, d, f in fenetres(ind, DATE_EXTRACTION)}
        assert obtenu[ind] == attendu, ind
    # 1.1.1 : 4 années complètes x 13 + 10 mois + l'année 2026; 3.1.1 : 4 x 13 + 7 + 1; autres : 4 x 5 + 3 + 1.
    assert len(obtenu["1.1.1"]) == 63 and len(obtenu["3.1.1"]) == 60
    assert all(len(obtenu[i]) == 24 for i in ("2.2.1", "3.1.2", "3.1.3", "5.2.1", "6.1.1"))
    assert len(verite_aucun["resultats"]) == 243


def test_periode_non_produite_et_formes(verite_aucun: dict[str, Any]) -> None:
    non_produites = [r for r in verite_aucun["resultats"] if not r["est_produite"]]
    assert [
        (r["indicateur_id"], r["periode"], r["granularite"], r["date_debut"], r["date_fin"]) for r in non_produites
    ] == [("3.1.2", "2023-2024", "cumul_trimestriel", "2023-04-01", "2023-09-30")]
    assert non_produites[0]["valeur"] is None and non_produites[0]["numerateur"] is None
    for r in verite_aucun["resultats"]:
        if not r["est_produite"]:
            continue
        if r["indicateur_id"] in COMPTES:
            assert r["numerateur"] is None and r["denominateur"] is None
            assert isinstance(r["valeur"], float) and r["valeur"] >= 0
        else:
            assert isinstance(r["numerateur"], float) and isinstance(r["denominateur"], float)
            if r["denominateur"] == 0:
                assert r["valeur"] is None and r["numerateur"] == 0
            else:
                assert 0 <= r["valeur"] <= 1 and r["valeur"] == r["numerateur"] / r["denominateur"]
    assert any(
        r["valeur"] is None and r["est_produite"] for r in verite_aucun["resultats"] if r["indicateur_id"] == "6.1.1"
    )


def test_cumuls_croissants_et_annuelle_egale_dernier_cumul(verite_aucun: dict[str, Any]) -> None:
    par_annee = defaultdict(list)
    for r in verite_aucun["resultats"]:
        if r["est_produite"]:
            par_annee[(r["indicateur_id"], r["periode"])].append(r)
    for (ind, periode), lignes in par_annee.items():
        cumuls = sorted((r for r in lignes if r["granularite"] != "annuelle"), key=lambda r: r["date_fin"])
        annuelle = next(r for r in lignes if r["granularite"] == "annuelle")
        cle = "valeur" if ind in COMPTES else "denominateur"
        valeurs = [r[cle] for r in cumuls]
        assert valeurs == sorted(valeurs), (ind, periode)
        if ind in PROPORTIONS:
            nums = [r["numerateur"] for r in cumuls]
            assert nums == sorted(nums)
        if cumuls and cumuls[-1]["date_fin"] == annuelle["date_fin"]:
            assert cumuls[-1][cle] == annuelle[cle]


def test_personnes_distinctes_au_plus_les_dossiers(jeu_aucun: Path, verite_aucun: dict[str, Any]) -> None:
    annuelles = {(r["indicateur_id"], r["periode"]): r["valeur"] for r in verite_aucun["resultats"]
                 if r["granularite"] == "annuelle" and r["est_produite"]}
    ident = verite_aucun["identites"]
    bornes = {
        "3.1.2": len(set(ident["ceriges_services"].values()) | set(ident["gsi_services"].values())),
        "5.2.1": len({l["no_client"] for l in lire(jeu_aucun, "intimm_personnes.csv")}),
        "3.1.1": len({l["id_arrima"] for l in lire(jeu_aucun, "powerapp_aq_rencontres.csv")}),
        "1.1.1": len({l["no_declaration"] for l in lire(jeu_aucun, "bdi_declarations.csv")}),
        "2.2.1": len(ident["arrima_clients"]) + len(ident["ddrc_projets_recrutement"]),
    }
    for (ind, periode), valeur in annuelles.items():
        if ind in bornes:
            assert 0 < valeur <= bornes[ind], (ind, periode)


def test_volumes_proches_des_cibles(verite_aucun: dict[str, Any]) -> None:
    """Échelle 0.05 : volumes annuels des années complètes proches de 5 % des cibles."""
    plages = {"1.1.1": (14_000, 23_000), "2.2.1": (1_800, 3_200), "3.1.1": (8_500, 13_000),
              "3.1.2": (80_000, 115_000), "5.2.1": (55_000, 85_000)}
    for r in verite_aucun["resultats"]:
        if r["granularite"] == "annuelle" and r["indicateur_id"] in plages and r["date_fin"] < "2026-10-31":
            bas, haut = plages[r["indicateur_id"]]
            assert bas * 0.05 <= r["valeur"] <= haut * 0.05, r
        if r["granularite"] == "annuelle" and r["indicateur_id"] == "3.1.3":
            assert 0.6 <= r["valeur"] <= 0.8
