"""Graphies hors Windows-1252 et formes décomposées (NFD) des extraits UTF-8 (GSI, ARRIMA).

Une même personne est écrite « Nguyen » dans CERIGES (Windows-1252) et « Nguyễn » ou en NFD
dans GSI et ARRIMA : les données de test doivent contenir ces écritures pour que les tests
d'exactitude (3.1.2 CERIGES↔GSI, 2.2.1 DDRC↔ARRIMA) éprouvent la normalisation nominative.
"""

from __future__ import annotations

import unicodedata
from pathlib import Path

from mifi.generateur.noms import GRAPHIES_UTF8
from mifi.generateur.normalisation import normaliser_nom

from .lecture import lire


def _hors_cp1252(texte: str) -> bool:
    try:
        texte.encode("cp1252")
    except UnicodeEncodeError:
        return True
    return False


def test_graphies_d_origine_meme_cle_que_la_forme_canonique() -> None:
    assert sum(_hors_cp1252(g) for g in GRAPHIES_UTF8.values()) >= 12
    for canonique, graphie in GRAPHIES_UTF8.items():
        assert graphie != canonique and not _hors_cp1252(canonique), canonique
        assert normaliser_nom(graphie) == normaliser_nom(canonique)
        assert normaliser_nom(unicodedata.normalize("NFD", graphie)) == normaliser_nom(canonique)


def test_extraits_utf8_portent_graphies_d_origine_et_nfd(jeu_aucun: Path) -> None:
    for fichier in ("gsi_services.csv", "arrima_clients.csv"):
        noms = [l[c] or "" for l in lire(jeu_aucun, fichier) for c in ("nom", "prenom")]
        hors_cp1252 = sum(_hors_cp1252(n) for n in noms)
        nfd = sum(unicodedata.normalize("NFC", n) != n for n in noms)
        assert hors_cp1252 >= 50, (fichier, hors_cp1252)
        assert nfd >= 50, (fichier, nfd)
    # CERIGES reste en Windows-1252 : lire() l'a décodé en cp1252, et aucune forme NFD.
    noms_ceriges = [l[c] or "" for l in lire(jeu_aucun, "ceriges_services.csv") for c in ("nom", "prenom")]
    assert all(unicodedata.normalize("NFC", n) == n for n in noms_ceriges)
    assert not any(_hors_cp1252(n) for n in noms_ceriges)
