"""Défauts réalistes des extraits et leurs taux.

Mode ``aucun`` : seulement des défauts que les règles et les décisions résolvent exactement
(variantes d'écriture qui se normalisent pareil, doublons exacts, codes en casse ou avec
espaces parasites, lignes invalides *en plus* des lignes réelles, lignes du mauvais côté de
la bascule CERIGES/GSI, volets hors PASI, ``NE``, annulations, désistements...).

Mode ``realiste`` : en plus, des coquilles dans les noms (lettre interchangée, omise ou
doublée) et quelques homonymes parfaits (deux personnes, même clé nominative), que seul un
appariement probabiliste pourrait démêler : la règle nominative sur- ou sous-compte un peu.
Des réévaluations (deux sommatives finales d'une même compétence) sont aussi ajoutées; la
décision « la plus récente fait foi » les résout.
"""

from __future__ import annotations

import random
import unicodedata
from dataclasses import dataclass

from .aleatoire import choix
from .noms import GRAPHIES_UTF8

_LIGATURES = str.maketrans({"œ": "oe", "Œ": "OE", "æ": "ae", "Æ": "AE"})


def _sans_accents(texte: str) -> str:
    """Retrait des accents en gardant la casse (É -> E, é -> e), ligatures développées."""
    decompose = unicodedata.normalize("NFD", texte)
    sans_marques = "".join(c for c in decompose if not unicodedata.combining(c))
    return unicodedata.normalize("NFC", sans_marques).translate(_LIGATURES)


@dataclass(frozen=True, slots=True)
class TauxDefauts:
    variante_nom: float = 0.22      # part des écritures de nom/prénom non canoniques
    doublon: float = 0.006          # part des lignes valides redoublées (réextraction)
    invalide: float = 0.003         # lignes invalides ajoutées (date impossible, code inconnu)
    code_parasite: float = 0.01     # codes en casse ou avec espaces parasites
    mauvais_cote: float = 0.02      # personnes actives à la bascule avec une ligne du mauvais système
    volet_inconnu: float = 0.003    # services d'un volet hors PASI
    coquille: float = 0.0           # bruit réaliste : coquilles dans les noms
    homonyme: float = 0.0           # bruit réaliste : homonymes parfaits
    reevaluation: float = 0.0       # bruit réaliste : deux sommatives finales d'une compétence


def taux_pour(bruit: str) -> TauxDefauts:
    if bruit == "aucun":
        return TauxDefauts()
    if bruit == "realiste":
        return TauxDefauts(coquille=0.004, homonyme=0.0015, reevaluation=0.02)
    raise ValueError(f"Mode de bruit inconnu : {bruit}")


def _echanger(texte: str, a: str, b: str, sinon: str) -> str:
    """``a`` remplacé par ``b`` si ``texte`` contient ``a``, sinon ``b`` par ``a``; ``sinon`` si
    ``texte`` ne contient ni l'un ni l'autre."""
    if a in texte:
        return texte.replace(a, b)
    if b in texte:
        return texte.replace(b, a)
    return sinon


_IMPOSSIBLES = ((2, 30), (2, 31), (4, 31), (6, 31), (9, 31), (11, 31), (13, 1), (0, 12))


class Defauts:
    """Tirages de défauts, chacun sur un générateur aléatoire dédié au domaine appelant."""

    def __init__(self, rng: random.Random, taux: TauxDefauts) -> None:
        self.rng = rng
        self.taux = taux

    # --- noms -------------------------------------------------------------------------
    def variante(self, texte: str) -> str:
        """Une écriture différente qui se normalise exactement comme ``texte``."""
        r = self.rng.random()
        if r < 0.30:
            return texte.upper()
        if r < 0.50:
            t = _sans_accents(texte)
            return t.upper() if self.rng.random() < 0.5 else t
        if r < 0.62:
            return _echanger(texte, "-", " ", sinon=texte.lower())
        if r < 0.72:
            return _echanger(texte, "'", "’", sinon=texte.upper())
        if r < 0.80:
            if "œ" in texte or "æ" in texte:
                return texte.replace("œ", "oe").replace("æ", "ae")
            return texte.lower()
        if r < 0.92:
            return texte + " " if self.rng.random() < 0.5 else " " + texte
        if "-" in texte:
            return texte.replace("-", "  ")
        return texte.replace(" ", "  ") if " " in texte else "  " + texte.upper()

    def coquille(self, texte: str) -> str:
        """Coquille : lettre interchangée, omise ou doublée (ne se normalise plus pareil)."""
        lettres = list(texte)
        positions = [i for i, c in enumerate(lettres) if c.isalpha()]
        if len(positions) < 3:
            return texte + texte[-1]
        i = choix(self.rng, positions[1:-1])
        r = self.rng.random()
        if r < 0.4 and lettres[i + 1].isalpha() and lettres[i] != lettres[i + 1]:
            lettres[i], lettres[i + 1] = lettres[i + 1], lettres[i]
        elif r < 0.7:
            del lettres[i]
        else:
            lettres.insert(i, lettres[i])
        return "".join(lettres)

    def ecrire_nom(self, texte: str, utf8: bool = False) -> str:
        """Écriture d'un nom dans une ligne d'extrait : canonique, variante ou coquille.

        Dans un extrait UTF-8 (``utf8``, GSI et ARRIMA), l'écriture canonique prend la graphie
        d'origine hors Windows-1252 quand elle existe (« Nguyễn »), et une sur dix est décomposée
        (NFD, accents en caractères combinatoires). Aucun tirage de plus : les autres extraits ne
        changent pas.
        """
        r = self.rng.random()
        if r < self.taux.coquille:
            return self.coquille(texte)
        if r < self.taux.coquille + self.taux.variante_nom:
            return self.variante(texte)
        if utf8:
            graphie = GRAPHIES_UTF8.get(texte, texte)
            return unicodedata.normalize("NFD", graphie) if r >= 0.9 else graphie
        return texte

    # --- codes ------------------------------------------------------------------------
    def code(self, code: str) -> str:
        """Code en casse ou avec espaces parasites (`` v2``, ``tc ``), à faible taux."""
        if self.rng.random() >= self.taux.code_parasite:
            return code
        r = self.rng.random()
        if r < 0.35:
            return " " + code.lower()
        if r < 0.7:
            return code.lower() + " "
        return " " + code + " " if r < 0.85 else code.capitalize()

    # --- lignes -----------------------------------------------------------------------
    def doublon(self) -> bool:
        return self.rng.random() < self.taux.doublon

    def invalide(self) -> bool:
        return self.rng.random() < self.taux.invalide

    def date_impossible_iso(self, annee: int) -> str:
        mois, jour = choix(self.rng, _IMPOSSIBLES)
        return f"{annee:04d}-{mois:02d}-{jour:02d}"

    def date_impossible_jma(self, annee: int) -> str:
        mois, jour = choix(self.rng, _IMPOSSIBLES)
        return f"{jour:02d}/{mois:02d}/{annee:04d}"
