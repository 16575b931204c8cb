"""Contexte partagé par les domaines : écrivains, défauts, vérité, identités."""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from .defauts import Defauts
from .ecriture import EcrivainCsv, Ligne
from .identites import RegistreIdentites
from .parametres import Parametres
from .verite import Verite


class CollecteurIdentites:
    """Correspondance identifiant source -> vraie personne, écrite en flux dans des fichiers
    temporaires (les identifiants sont attribués en ordre croissant, donc déjà triés)."""

    SOURCES = ("arrima_clients", "ceriges_services", "gsi_services")  # DDRC : tenu en mémoire (petit)

    def __init__(self, dossier: Path) -> None:
        self.dossier = dossier
        self._fichiers = {s: open(dossier / f".identites_{s}.tmp", "w", encoding="utf-8") for s in self.SOURCES}  # noqa: SIM115 — ouvert pour la vie de l'objet, fermé par fermer()

    def ajouter(self, source: str, identifiant: str, personne: str) -> None:
        self._fichiers[source].write(f"{identifiant}\t{personne}\n")

    def fermer(self) -> None:
        for f in self._fichiers.values():
            f.close()

    @classmethod
    def chemins(cls, dossier: Path) -> dict[str, Path]:
        return {s: dossier / f".identites_{s}.tmp" for s in cls.SOURCES}


def sous_generateur(graine: int, domaine: str) -> random.Random:
    """Générateur aléatoire propre à un domaine : ajouter un domaine ne décale pas les autres."""
    return random.Random(f"mifi-generateur:{graine}:{domaine}")


@dataclass
class Contexte:
    parametres: Parametres
    ecrivains: dict[str, EcrivainCsv]
    verite: Verite
    identites: CollecteurIdentites
    registre: RegistreIdentites
    compteurs: dict[str, int] = field(default_factory=dict)

    def prochain(self, nom: str) -> int:
        n = self.compteurs.get(nom, 0) + 1
        self.compteurs[nom] = n
        return n

    def defauts(self, domaine: str) -> Defauts:
        return Defauts(sous_generateur(self.parametres.graine, f"defauts:{domaine}"), self.parametres.taux)


def emettre(ecrivain: EcrivainCsv, lignes: Sequence[Ligne], defauts: Defauts) -> None:
    """Écrit les lignes d'une entité; quelques-unes sont réécrites à la fin (doublons exacts
    d'une réextraction qui se chevauche)."""
    doublons: list[Ligne] = []
    for ligne in lignes:
        ecrivain.ecrire(ligne)
        if defauts.doublon():
            doublons.append(ligne)
    for ligne in doublons:
        ecrivain.ecrire(ligne)
