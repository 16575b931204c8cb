"""Flux de personnes : cohortes mensuelles de nouvelles personnes, chacune avec les services
qu'elle utilisera (PASI, francisation, Accompagnement Québec, reconnaissance des compétences).

Les personnes sont produites une à une, dans l'ordre de leur entrée; les domaines génèrent
aussitôt leurs événements et leurs lignes (mémoire bornée).
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta

from .aleatoire import Tirage, entier
from .calendrier import ajouter_mois, fin_de_mois
from .contexte import sous_generateur
from .identites import RegistreIdentites
from .parametres import COHORTES_MENSUELLES, CROISSANCE_ANNUELLE, DEBUT_COHORTES, Parametres
from .referentiels import PAYS_IMMIGRATION, POIDS_REGIONS, REGIONS

CATEGORIES = (
    ("TRAVAILLEUR_QUALIFIE", 38), ("REGROUPEMENT_FAMILIAL", 15), ("REFUGIE", 8), ("DEMANDEUR_ASILE", 16),
    ("TRAVAILLEUR_TEMPORAIRE", 12), ("ETUDIANT_ETRANGER", 8), ("AUTRE", 3),
)
STATUT_PAR_CATEGORIE = {
    "TRAVAILLEUR_QUALIFIE": "RESIDENT_PERMANENT", "REGROUPEMENT_FAMILIAL": "RESIDENT_PERMANENT",
    "REFUGIE": "REFUGIE", "DEMANDEUR_ASILE": "DEMANDEUR_ASILE", "TRAVAILLEUR_TEMPORAIRE": "RESIDENT_TEMPORAIRE",
    "ETUDIANT_ETRANGER": "RESIDENT_TEMPORAIRE", "AUTRE": "AUTRE",
}
# Âge à l'entrée : (âge min, âge max, poids)
AGES = ((14, 17, 1), (18, 24, 14), (25, 34, 38), (35, 44, 28), (45, 54, 12), (55, 64, 5), (65, 75, 2))

TIRAGE_PAYS = Tirage([p for p, _, _ in PAYS_IMMIGRATION], [w for _, w, _ in PAYS_IMMIGRATION])
TIRAGE_CATEGORIE = Tirage([c for c, _ in CATEGORIES], [w for _, w in CATEGORIES])
TIRAGE_REGION = Tirage(REGIONS, POIDS_REGIONS)
TIRAGE_AGE = Tirage(AGES, [w for _, _, w in AGES])
LANGUE_PAR_PAYS = {p: l for p, _, l in PAYS_IMMIGRATION}
# Part des personnes nées au Canada parmi les cohortes de reconnaissance des compétences sans
# Accompagnement Québec (clients ARRIMA jamais comptés en 2.2.1).
TAUX_NES_AU_CANADA_RC = 0.02
COHORTES_NES_AU_CANADA_POSSIBLE = frozenset({"rc", "rc_pasi"})
# Services dont les extraits portent nom, prénom et date de naissance (clé nominative).
SERVICES_NOMINATIFS = frozenset({"pasi", "aq", "rc", "ddrc", "arrima"})


@dataclass(slots=True)
class Personne:
    id: str
    sexe: str  # F, M, X
    date_naissance: date
    pays_naissance: str
    categorie: str
    statut: str
    date_arrivee: date | None  # None : pas encore arrivée (service pré-départ)
    region: str
    scolarite: int
    entree: date  # premier contact avec les services du Ministère
    services: frozenset[str]
    nom: str = ""
    prenom: str = ""
    pre_depart: bool = False
    id_arrima: str | None = None
    ddrc: list[tuple[str, date, date | None, str]] = field(default_factory=list)

    @property
    def debut_au_quebec(self) -> date:
        """Premier jour où la personne peut recevoir des services au Québec."""
        return max(self.entree, self.date_arrivee) if self.date_arrivee else self.entree


class FabriquePersonnes:
    """Crée des personnes cohérentes (âge, pays, catégorie, statut, arrivée, nom unique)."""

    def __init__(self, rng: random.Random, registre: RegistreIdentites, parametres: Parametres,
                 prefixe: str = "P", avec_noms: bool = True) -> None:
        self.rng = rng
        self.registre = registre
        self.parametres = parametres
        self.prefixe = prefixe
        self.avec_noms = avec_noms
        self.compteur = 0

    def date_naissance(self, reference: date) -> date:
        rng = self.rng
        a_min, a_max, _ = TIRAGE_AGE(rng)
        age_jours = entier(rng, a_min * 365 + 1, (a_max + 1) * 365 - 1)
        return reference - timedelta(days=age_jours)

    def creer(self, entree: date, services: frozenset[str], pays: str | None = None,
              nominative: bool = True, categorie: str | None = None) -> Personne:
        rng = self.rng
        self.compteur += 1
        sexe = "F" if rng.random() < 0.51 else ("M" if rng.random() < 0.995 else "X")
        naissance = self.date_naissance(entree)
        if pays is None:
            pays = TIRAGE_PAYS(rng)
        if categorie is None:
            categorie = TIRAGE_CATEGORIE(rng)
        statut = STATUT_PAR_CATEGORIE[categorie]
        if statut in ("RESIDENT_PERMANENT", "REFUGIE") and rng.random() < 0.03:
            statut = "CITOYEN_CANADIEN"  # naturalisée : née hors Canada, donc immigrante
        if pays == "CAN":
            categorie, statut = "AUTRE", "CITOYEN_CANADIEN"
        pre_depart = (
            "aq" in services and categorie in ("TRAVAILLEUR_QUALIFIE", "REGROUPEMENT_FAMILIAL") and rng.random() < 0.35
        )
        if pre_depart:
            arrivee: date | None = entree + timedelta(days=entier(rng, 30, 330))
        else:
            arrivee = entree - timedelta(days=entier(rng, 0, 240))
        if arrivee is not None and arrivee > self.parametres.date_extraction:
            arrivee = None
        region = TIRAGE_REGION(rng)
        scolarite = max(0, min(22, int(rng.gauss(14, 3.5)))) if rng.random() > 0.1 else entier(rng, 2, 8)
        personne = Personne(
            id=f"{self.prefixe}{self.compteur:08d}", sexe=sexe, date_naissance=naissance, pays_naissance=pays,
            categorie=categorie, statut=statut, date_arrivee=arrivee, region=region, scolarite=scolarite,
            entree=entree, services=services, pre_depart=pre_depart,
        )
        # Tirage fait dans tous les cas : la suite des personnes ne dépend pas des noms, de sorte
        # qu'une tâche qui n'a pas besoin des noms (francisation) produit les mêmes personnes.
        homonyme = rng.random() < self.parametres.taux.homonyme
        if nominative and self.avec_noms and not services.isdisjoint(SERVICES_NOMINATIFS):
            personne.nom, personne.prenom = self.registre.attribuer(sexe, naissance, homonyme)
        return personne


def mois_couverts(parametres: Parametres) -> Iterator[tuple[int, int]]:
    a, m = DEBUT_COHORTES.year, DEBUT_COHORTES.month
    fin = parametres.date_extraction
    while (a, m) <= (fin.year, fin.month):
        yield a, m
        a, m = ajouter_mois(a, m, 1)


def facteur_croissance(annee: int, mois: int) -> float:
    return 1.0 + CROISSANCE_ANNUELLE * ((annee - 2022) + (mois - 4) / 12.0)


class Cohortes:
    """Nouvelles personnes de chaque mois, par combinaison de services; les fractions de
    personne (petites échelles) sont reportées au mois suivant."""

    def __init__(self, parametres: Parametres, fabrique: FabriquePersonnes) -> None:
        self.parametres = parametres
        self.fabrique = fabrique
        self.reliquats = {nom: 0.0 for nom, _, _ in COHORTES_MENSUELLES}
        # Générateur à part : ses tirages ne décalent pas ceux de la population.
        self.rng_naissance = sous_generateur(parametres.graine, "population:nes_au_canada")

    def personnes_du_mois(self, annee: int, mois: int) -> Iterator[Personne]:
        parametres, rng = self.parametres, self.fabrique.rng
        dernier = min(fin_de_mois(annee, mois), parametres.date_extraction)
        premier = date(annee, mois, 1)
        etendue = (dernier - premier).days
        part_du_mois = (etendue + 1) / fin_de_mois(annee, mois).day
        for nom, services, volume in COHORTES_MENSUELLES:
            self.reliquats[nom] += volume * parametres.echelle * facteur_croissance(annee, mois) * part_du_mois
            n = int(self.reliquats[nom])
            self.reliquats[nom] -= n
            for _ in range(n):
                entree = premier + timedelta(days=entier(rng, 0, etendue))
                # Élèves nés au Canada (cours de français, jamais comptés comme immigrants).
                pays = "CAN" if nom == "fr" and rng.random() < 0.025 else None
                personne = self.fabrique.creer(entree, services, pays=pays)
                if nom in COHORTES_NES_AU_CANADA_POSSIBLE and self.rng_naissance.random() < TAUX_NES_AU_CANADA_RC:
                    # Née au Canada, en reconnaissance des compétences (formée à l'étranger) :
                    # attributs fixés après coup pour garder la suite des tirages de la population.
                    personne.pays_naissance, personne.categorie, personne.statut = "CAN", "AUTRE", "CITOYEN_CANADIEN"
                yield personne
