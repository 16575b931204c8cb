"""Garanties du mode ``aucun`` : clés nominatives sans collision entre personnes, un
identifiant par personne et par système, intégrité référentielle, une sommative finale par
compétence et par inscription."""

from __future__ import annotations

from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

from mifi.generateur.normalisation import normaliser_nom

from .lecture import cellule_date, code, date_iso, date_jma, lire, lire_ddrc


def _cles(jeu: Path, verite: dict[str, Any]) -> dict[tuple[Any, ...], set[str]]:
    """clé nominative normalisée -> vraies personnes, sur CERIGES, GSI, ARRIMA et DDRC."""
    ident = verite["identites"]
    par_cle: dict[tuple[Any, ...], set[str]] = defaultdict(set)
    for nom, colonne, lire_date in (("ceriges_services.csv", "no_dossier", date_jma),
                                    ("gsi_services.csv", "id_personne", date_iso),
                                    ("arrima_clients.csv", "id_arrima", date_iso)):
        source = nom.removesuffix(".csv")
        for l in lire(jeu, nom):
            personne = ident[source].get(l[colonne])
            if personne is None:
                continue  # ligne invalide d'un dossier fictif
            par_cle[(normaliser_nom(l["nom"]), normaliser_nom(l["prenom"]), lire_date(l["date_naissance"]))].add(
                personne
            )
    for feuille, lignes in lire_ddrc(jeu).items():
        for i, l in enumerate(lignes[1:], start=2):
            personne = ident["ddrc_projets_recrutement"].get(f"{feuille}#{i}")
            if personne is not None:
                par_cle[(normaliser_nom(l[0]), normaliser_nom(l[1]), cellule_date(l[2]))].add(personne)
    return par_cle


def test_aucune_collision_de_cle_nominative(jeu_aucun: Path, verite_aucun: dict[str, Any]) -> None:
    par_cle = _cles(jeu_aucun, verite_aucun)
    collisions = {k: v for k, v in par_cle.items() if len(v) > 1}
    assert not collisions, list(collisions.items())[:5]
    par_personne = Counter(p for v in par_cle.values() for p in v)
    assert max(par_personne.values()) == 1, "les variantes d'une personne se normalisent en une seule clé"


def test_un_identifiant_par_personne_et_par_systeme(verite_aucun: dict[str, Any]) -> None:
    for source in ("ceriges_services", "gsi_services", "arrima_clients"):
        personnes = list(verite_aucun["identites"][source].values())
        assert len(personnes) == len(set(personnes)), source


def test_integrite_referentielle(jeu_aucun: Path, verite_aucun: dict[str, Any]) -> None:
    clients = {l["no_client"] for l in lire(jeu_aucun, "intimm_personnes.csv")}
    assert {l["no_client"] for l in lire(jeu_aucun, "intimm_inscriptions.csv")} <= clients
    inscriptions_valides = {l["no_inscription"] for l in lire(jeu_aucun, "intimm_inscriptions.csv")
                            if date_iso(l["date_debut_cours"]) and date_iso(l["date_fin_cours"])}
    assert {l["no_inscription"] for l in lire(jeu_aucun, "intimm_evaluations.csv")} <= inscriptions_valides
    arrima = {l["id_arrima"] for l in lire(jeu_aucun, "arrima_clients.csv")}
    for nom in ("arrima_aq_inscriptions.csv", "powerapp_aq_rencontres.csv", "arrima_rc_accompagnements.csv",
                "arrima_paffarc_aides.csv", "gsi_services.csv"):
        assert {l["id_arrima"] for l in lire(jeu_aucun, nom) if l["id_arrima"]} <= arrima, nom
    # Le id_arrima repris dans GSI désigne la même personne.
    ident = verite_aucun["identites"]
    for l in lire(jeu_aucun, "gsi_services.csv"):
        if l["id_arrima"] and l["id_personne"] in ident["gsi_services"]:
            assert ident["arrima_clients"][l["id_arrima"]] == ident["gsi_services"][l["id_personne"]]


def test_participants_ddrc_apparies_a_zero_ou_un_client(jeu_aucun: Path, verite_aucun: dict[str, Any]) -> None:
    clients = {}
    for l in lire(jeu_aucun, "arrima_clients.csv"):
        clients[(normaliser_nom(l["nom"]), normaliser_nom(l["prenom"]), date_iso(l["date_naissance"]))] = l["id_arrima"]
    ident = verite_aucun["identites"]
    personne_arrima = {p: i for i, p in ident["arrima_clients"].items()}
    avec = sans = 0
    for feuille, lignes in lire_ddrc(jeu_aucun).items():
        for i, l in enumerate(lignes[1:], start=2):
            personne = ident["ddrc_projets_recrutement"].get(f"{feuille}#{i}")
            if personne is None:
                continue
            trouve = clients.get((normaliser_nom(l[0]), normaliser_nom(l[1]), cellule_date(l[2])))
            assert trouve == personne_arrima.get(personne)
            avec += trouve is not None
            sans += trouve is None
    assert avec and sans


def test_une_sommative_finale_par_competence(jeu_aucun: Path) -> None:
    lignes = {tuple(l.items()) for l in lire(jeu_aucun, "intimm_evaluations.csv")}
    compte = Counter((dict(l)["no_inscription"], dict(l)["competence"]) for l in lignes
                     if code(dict(l)["type_evaluation"]) == "SOMMATIVE_FINALE")
    assert max(compte.values()) == 1


def test_bruit_realiste_coquilles_ou_homonymes(jeu_realiste: Path, verite_realiste: dict[str, Any]) -> None:
    par_cle = _cles(jeu_realiste, verite_realiste)
    homonymes = sum(1 for v in par_cle.values() if len(v) > 1)
    par_personne = Counter(p for v in par_cle.values() for p in v)
    coquilles = sum(1 for n in par_personne.values() if n > 1)
    assert homonymes > 0 and coquilles > 0
    sommatives = Counter((l["no_inscription"], l["competence"]) for l in lire(jeu_realiste, "intimm_evaluations.csv")
                         if l["type_evaluation"] == "SOMMATIVE_FINALE")
    assert max(sommatives.values()) >= 2, "réévaluations (la plus récente fait foi)"
