"""Tirages rapides sur un ``random.Random`` (randint et choices de la bibliothèque standard
sont lents : ils dominent le temps de génération à l'échelle 10)."""

from __future__ import annotations

import random
from bisect import bisect_right
from collections.abc import Sequence
from itertools import accumulate
from typing import Generic, TypeVar

T = TypeVar("T")


def entier(rng: random.Random, a: int, b: int) -> int:
    """Entier uniforme dans [a, b]."""
    return a + int(rng.random() * (b - a + 1))


def choix(rng: random.Random, sequence: Sequence[T]) -> T:
    """Élément uniforme d'une séquence non vide."""
    return sequence[int(rng.random() * len(sequence))]


class Tirage(Generic[T]):
    """Tirage pondéré avec cumul précalculé."""

    def __init__(self, elements: Sequence[T], poids: Sequence[float]) -> None:
        self.elements = tuple(elements)
        self.cumul = list(accumulate(poids))
        self.total = self.cumul[-1]

    def __call__(self, rng: random.Random) -> T:
        return self.elements[bisect_right(self.cumul, rng.random() * self.total)]
