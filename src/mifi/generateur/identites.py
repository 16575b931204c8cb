"""Identités nominatives uniques par construction.

Deux personnes distinctes ne doivent jamais partager la clé nominative normalisée
(nom, prénom, date de naissance). Plutôt que de tirer au hasard puis de vérifier les
collisions (coûteux en mémoire à l'échelle 10), on attribue, pour chaque date de naissance,
un rang croissant à chaque nouvelle personne née ce jour-là et on le transforme par une
permutation affine propre à ce jour en une paire (nom, prénom). Le rang étant unique pour
une date donnée, la paire l'est aussi; les listes de noms et de prénoms étant dédoublonnées
par forme normalisée (et les prénoms féminins et masculins disjoints), la clé normalisée
est unique. Mémoire : un compteur par date de naissance.
"""

from __future__ import annotations

from datetime import date
from math import gcd

from .noms import NOMS, PRENOMS_F, PRENOMS_M

_N_PRENOMS = min(len(PRENOMS_F), len(PRENOMS_M))
_F = PRENOMS_F[:_N_PRENOMS]
_M = PRENOMS_M[:_N_PRENOMS]
_TAILLE = len(NOMS) * _N_PRENOMS
_MASQUE = (1 << 64) - 1


def melanger(*valeurs: int) -> int:
    """Hachage entier déterministe (splitmix64 enchaîné), indépendant de PYTHONHASHSEED."""
    x = 0x9E3779B97F4A7C15
    for v in valeurs:
        x = (x ^ (v & _MASQUE)) & _MASQUE
        x = (x + 0x9E3779B97F4A7C15) & _MASQUE
        z = x
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & _MASQUE
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & _MASQUE
        x = z ^ (z >> 31)
    return x


class RegistreIdentites:
    """Attribue (nom, prénom) de sorte que la clé normalisée soit unique par personne."""

    def __init__(self, graine: int) -> None:
        self._graine = graine
        self._rangs: dict[int, int] = {}
        self._permutations: dict[int, tuple[int, int]] = {}

    def _permutation(self, jour: int) -> tuple[int, int]:
        perm = self._permutations.get(jour)
        if perm is None:
            h = melanger(self._graine, jour)
            a = (h % (_TAILLE - 1)) + 1
            while gcd(a, _TAILLE) != 1:
                a += 1
            b = (h >> 32) % _TAILLE
            perm = (a, b)
            self._permutations[jour] = perm
        return perm

    def attribuer(self, sexe: str, date_naissance: date, homonyme: bool = False) -> tuple[str, str]:
        """Nom et prénom canoniques d'une nouvelle personne née à ``date_naissance``.

        ``homonyme=True`` (bruit réaliste seulement) redonne la paire de la personne
        précédente née le même jour : deux personnes, une même clé.
        """
        jour = date_naissance.toordinal()
        rang = self._rangs.get(jour, 0)
        if homonyme and rang > 0:
            rang -= 1
        else:
            if rang >= _TAILLE:
                raise RuntimeError("Capacité d'identités épuisée pour une date de naissance.")
            self._rangs[jour] = rang + 1
        a, b = self._permutation(jour)
        indice = (a * rang + b) % _TAILLE
        i_nom, i_prenom = indice % len(NOMS), indice // len(NOMS)
        # Sexe X : liste de prénoms selon la parité de l'indice. L'injectivité tient quelle que
        # soit la liste : deux rangs distincts donnent deux indices (nom, prénom) distincts, et
        # les listes féminine et masculine sont disjointes après normalisation.
        liste = _F if sexe == "F" or (sexe == "X" and indice % 2 == 0) else _M
        return NOMS[i_nom], liste[i_prenom]
