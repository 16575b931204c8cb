"""Fenêtres publiées, mêmes règles que ``int_calendrier__periodes`` et ``fenetres_indicateur``.

Pour chaque indicateur : son type de période (année civile pour 1.1.1, année financière du
1er avril au 31 mars pour les autres), la granularité ``annuelle`` et sa granularité de cumul
(``cumul_mensuel`` pour 1.1.1 et 3.1.1, ``cumul_trimestriel`` pour les autres). Chaque
fenêtre va du début de l'année à la fin du mois, du trimestre ou de l'année; elle est publiée
quand sa sous-période (mois, trimestre; l'année pour l'annuelle) a commencé à
``date_extraction``. Première année : 2022 (civile) ou 2022-2023 (financière).
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date

PREMIERE_ANNEE = 2022

# indicateur -> (type de période, granularité de cumul)
INDICATEURS: dict[str, tuple[str, str]] = {
    "1.1.1": ("civile", "cumul_mensuel"),
    "2.2.1": ("financiere", "cumul_trimestriel"),
    "3.1.1": ("financiere", "cumul_mensuel"),
    "3.1.2": ("financiere", "cumul_trimestriel"),
    "3.1.3": ("financiere", "cumul_trimestriel"),
    "5.2.1": ("financiere", "cumul_trimestriel"),
    "6.1.1": ("financiere", "cumul_trimestriel"),
}

# Périodes non produites (seed periodes_non_produites) : (indicateur, periode, granularite, date_fin)
PERIODES_NON_PRODUITES: frozenset[tuple[str, str, str, date]] = frozenset(
    {("3.1.2", "2023-2024", "cumul_trimestriel", date(2023, 9, 30))}
)


@dataclass(frozen=True, slots=True)
class Fenetre:
    indicateur_id: str
    periode: str
    granularite: str
    date_debut: date
    date_fin: date
    debut_sous_periode: date

    @property
    def est_produite(self) -> bool:
        return (self.indicateur_id, self.periode, self.granularite, self.date_fin) not in PERIODES_NON_PRODUITES


def fin_de_mois(annee: int, mois: int) -> date:
    return date(annee, mois, calendar.monthrange(annee, mois)[1])


def ajouter_mois(annee: int, mois: int, n: int) -> tuple[int, int]:
    total = annee * 12 + (mois - 1) + n
    return total // 12, total % 12 + 1


def annee_financiere(jour: date) -> int:
    """Année de début de l'année financière contenant ``jour``."""
    return jour.year if jour.month >= 4 else jour.year - 1


def libelle_annee_financiere(annee_debut: int) -> str:
    return f"{annee_debut}-{annee_debut + 1}"


def fenetres_publiees(indicateur_id: str, date_extraction: date) -> list[Fenetre]:
    """Fenêtres publiées d'un indicateur à ``date_extraction``, triées (début, granularité, fin)."""
    type_periode, granularite_cumul = INDICATEURS[indicateur_id]
    mois_debut = 1 if type_periode == "civile" else 4
    derniere = date_extraction.year if type_periode == "civile" else annee_financiere(date_extraction)
    fenetres: list[Fenetre] = []
    for annee in range(PREMIERE_ANNEE, derniere + 1):
        debut = date(annee, mois_debut, 1)
        periode = str(annee) if type_periode == "civile" else libelle_annee_financiere(annee)
        if debut > date_extraction:
            continue
        pas = 1 if granularite_cumul == "cumul_mensuel" else 3
        for rang in range(pas, 13, pas):
            a_fin, m_fin = ajouter_mois(annee, mois_debut, rang - 1)
            a_sous, m_sous = ajouter_mois(annee, mois_debut, rang - pas)
            debut_sous = date(a_sous, m_sous, 1)
            if debut_sous <= date_extraction:
                fenetres.append(
                    Fenetre(indicateur_id, periode, granularite_cumul, debut, fin_de_mois(a_fin, m_fin), debut_sous)
                )
        a_fin, m_fin = ajouter_mois(annee, mois_debut, 11)
        fenetres.append(Fenetre(indicateur_id, periode, "annuelle", debut, fin_de_mois(a_fin, m_fin), debut))
    fenetres.sort(key=lambda f: (f.date_debut, f.granularite, f.date_fin))
    return fenetres
