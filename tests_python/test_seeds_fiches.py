"""Les seeds du référentiel des indicateurs concordent avec les fiches-indicateurs.

Les valeurs ci-dessous sont recopiées à la main des fiches (tableau « Cibles et données de
référence » des règles de calcul), indépendamment des seeds : cibles annuelles et leur date
d'entrée en vigueur, donnée de référence et sa période, noms complet et abrégé (Power BI), type
de période, fréquence de production et unité. Les proportions sont notées entre 0 et 1.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

SEEDS = Path(__file__).resolve().parents[1] / "seeds"

# indicateur -> nom complet (fiche)
NOMS_COMPLETS = {
    "1.1.1": "Nombre de déclarations d'intérêt déposées par des candidates et des candidats répondant aux besoins du "
        "Québec",
    "2.2.1": "Nombre de personnes immigrantes ayant reçu un service en reconnaissance des compétences",
    "3.1.1": "Nombre de personnes ayant bénéficié d'une évaluation des besoins dans Accompagnement Québec",
    "3.1.2": "Nombre de personnes ayant bénéficié des services d'accueil et d'intégration offerts par le réseau des "
        "organismes communautaires",
    "3.1.3": "Proportion de personnes immigrantes évaluées ayant atteint les niveaux cibles du cours à l'oral",
    "5.2.1": "Nombre de personnes immigrantes participant aux cours de français",
    "6.1.1": "Proportion des nouveaux services numériques offerts ayant été conçus avec la participation en amont des "
        "clientèles",
}

# indicateur -> (nom abrégé Power BI, type de période, fréquence, granularité du cumul, unité)
FICHES = {
    "1.1.1": ("DI candidats ciblés", "civile", "mensuelle", "cumul_mensuel", "declarations"),
    "2.2.1": ("Services reconnaissance compétences", "financiere", "trimestrielle", "cumul_trimestriel", "personnes"),
    "3.1.1": ("Participants AQ", "financiere", "mensuelle", "cumul_mensuel", "personnes"),
    "3.1.2": ("Participants services PASI", "financiere", "trimestrielle", "cumul_trimestriel", "personnes"),
    "3.1.3": ("Progression niveaux français", "financiere", "trimestrielle", "cumul_trimestriel", "proportion"),
    "5.2.1": ("PI participant cours français", "financiere", "trimestrielle", "cumul_trimestriel", "personnes"),
    "6.1.1": ("Services numériques clientèles", "financiere", "trimestrielle", "cumul_trimestriel", "proportion"),
}

# indicateur -> (période, valeur) de la donnée de référence
REFERENCES = {
    "1.1.1": ("2022", 16739),
    "2.2.1": ("2022-2023", 2231),
    "3.1.1": ("2022-2023", 9962),
    "3.1.2": ("2022-2023", 94337),
    "3.1.3": ("2022-2023", 0.708),
    "5.2.1": ("2022-2023", 64200),
    "6.1.1": ("2022-2023", 0.88),
}

# indicateur -> cibles des quatre années du plan, dans l'ordre
CIBLES = {
    "1.1.1": (17000, 17500, 18500, 20000),
    "2.2.1": (2300, 2400, 2500, 2600),
    "3.1.1": (10900, 11100, 11300, 11500),
    "3.1.2": (94500, 96200, 98100, 100000),
    "3.1.3": (0.71, 0.71, 0.715, 0.72),
    "5.2.1": (70000, 71000, 73000, 75000),
    "6.1.1": (0.90, 1.00, 1.00, 1.00),
}


def _periodes(type_periode: str) -> list[tuple[str, str]]:
    """(période, date d'entrée en vigueur) des quatre années du plan 2023-2027."""
    if type_periode == "civile":
        return [(str(annee), f"{annee}-01-01") for annee in range(2023, 2027)]
    return [(f"{annee}-{annee + 1}", f"{annee}-04-01") for annee in range(2023, 2027)]


def _lire(nom: str) -> list[dict[str, str]]:
    with (SEEDS / nom).open(encoding="utf-8", newline="") as fichier:
        return list(csv.DictReader(fichier))


def test_indicateurs_ceux_des_fiches() -> None:
    lignes = {ligne["indicateur_id"]: ligne for ligne in _lire("indicateurs.csv")}
    assert sorted(lignes) == sorted(FICHES) == sorted(NOMS_COMPLETS)
    ecarts = []
    colonnes = ("nom_complet", "nom_abrege", "type_periode", "frequence_production", "granularite_cumul", "unite")
    for indicateur_id, fiche in FICHES.items():
        for colonne, attendu in zip(colonnes, (NOMS_COMPLETS[indicateur_id], *fiche)):
            if lignes[indicateur_id][colonne] != attendu:
                ecarts.append(f"{indicateur_id} {colonne} : seed {lignes[indicateur_id][colonne]!r}, fiche {attendu!r}")
    assert not ecarts, "\n".join(ecarts)


def test_cibles_celles_des_fiches() -> None:
    obtenues = {(ligne["indicateur_id"], ligne["periode"]): ligne for ligne in _lire("cibles_indicateurs.csv")}
    attendues = {}
    for indicateur_id, cibles in CIBLES.items():
        for (periode, entree_vigueur), cible in zip(_periodes(FICHES[indicateur_id][1]), cibles):
            attendues[(indicateur_id, periode)] = (cible, entree_vigueur)
    assert sorted(obtenues) == sorted(attendues), "périodes des cibles différentes des fiches"
    ecarts = []
    for cle, (cible, entree_vigueur) in sorted(attendues.items()):
        ligne = obtenues[cle]
        if float(ligne["cible"]) != pytest.approx(cible, abs=1e-9):
            ecarts.append(f"{cle} cible : seed {ligne['cible']}, fiche {cible}")
        if ligne["date_entree_vigueur"] != entree_vigueur:
            ecarts.append(f"{cle} entrée en vigueur : seed {ligne['date_entree_vigueur']}, fiche {entree_vigueur}")
    assert not ecarts, "\n".join(ecarts)


def test_donnees_reference_celles_des_fiches() -> None:
    lignes = _lire("donnees_reference.csv")
    obtenues = {ligne["indicateur_id"]: ligne for ligne in lignes}
    assert len(lignes) == len(obtenues), "une seule donnée de référence par indicateur"
    assert sorted(obtenues) == sorted(REFERENCES)
    ecarts = []
    for indicateur_id, (periode, valeur) in REFERENCES.items():
        ligne = obtenues[indicateur_id]
        if ligne["periode"] != periode:
            ecarts.append(f"{indicateur_id} période : seed {ligne['periode']}, fiche {periode}")
        if float(ligne["valeur"]) != pytest.approx(valeur, abs=1e-9):
            ecarts.append(f"{indicateur_id} valeur : seed {ligne['valeur']}, fiche {valeur}")
        if not ligne["methode"].strip():
            ecarts.append(f"{indicateur_id} : méthode de la donnée de référence vide")
    assert not ecarts, "\n".join(ecarts)


def test_proportions_entre_0_et_1() -> None:
    """Une proportion notée en pourcentage (71 au lieu de 0,71) fausserait cible_atteinte."""
    proportions = {i for i, fiche in FICHES.items() if fiche[4] == "proportion"}
    valeurs = [(l["indicateur_id"], float(l["cible"])) for l in _lire("cibles_indicateurs.csv")]
    valeurs += [(l["indicateur_id"], float(l["valeur"])) for l in _lire("donnees_reference.csv")]
    hors_bornes = [(i, v) for i, v in valeurs if i in proportions and not 0 <= v <= 1]
    assert not hors_bornes
