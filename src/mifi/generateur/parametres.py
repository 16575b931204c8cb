"""Options de génération et volumes de référence (échelle 1)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from .defauts import TauxDefauts, taux_pour

DEBUT_COUVERTURE = date(2022, 1, 1)      # premier jour couvert par les extraits
DEBUT_COHORTES = date(2021, 1, 1)        # les personnes arrivées avant 2022 alimentent 2022
DATE_BASCULE_GSI = date(2023, 7, 1)      # CERIGES jusqu'au 2023-06-30, GSI ensuite
DATE_BASCULE_CNP_2021 = date(2023, 11, 16)  # BDI et ARRIMA passent à la CNP 2021

# Nouvelles personnes par mois à l'échelle 1, par combinaison de services utilisés.
# Calibrées pour des volumes annuels proches des cibles des fiches (voir README).
COHORTES_MENSUELLES: tuple[tuple[str, frozenset[str], float], ...] = (
    ("pasi", frozenset({"pasi"}), 4550.0),
    ("pasi_fr", frozenset({"pasi", "fr"}), 1750.0),
    ("fr", frozenset({"fr"}), 1600.0),
    ("aq_pasi", frozenset({"aq", "pasi"}), 400.0),
    ("aq_pasi_fr", frozenset({"aq", "pasi", "fr"}), 300.0),
    ("aq", frozenset({"aq"}), 130.0),
    ("aq_fr", frozenset({"aq", "fr"}), 60.0),
    ("rc", frozenset({"rc"}), 58.0),
    ("rc_aq", frozenset({"rc", "aq"}), 22.0),
    ("rc_pasi", frozenset({"rc", "pasi"}), 22.0),
)
CROISSANCE_ANNUELLE = 0.02           # hausse annuelle des volumes
CANDIDATS_BDI_MENSUELS = 4600.0      # nouveaux candidats de la BDI par mois
PARTICIPANTS_PAR_PROJET_DDRC = (25, 55)  # bornes de la taille d'un projet DDRC à l'échelle 1


@dataclass(frozen=True)
class Parametres:
    sortie: Path
    echelle: float
    graine: int
    date_extraction: date
    bruit: str  # "aucun" ou "realiste"

    @property
    def taux(self) -> TauxDefauts:
        return taux_pour(self.bruit)
