"""La vérité terrain (calculée par le générateur sur son modèle d'événements) égale, au chiffre
près, un contre-calcul indépendant à partir des fichiers écrits, en mode ``aucun``."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from .conftest import DATE_EXTRACTION
from .recalcul import ecarts, recalcul_111, recalcul_complet, resultats_verite


def test_verite_egale_le_recalcul_depuis_les_fichiers(jeu_aucun: Path, verite_aucun: dict[str, Any]) -> None:
    obtenu = recalcul_complet(jeu_aucun, DATE_EXTRACTION)
    attendu = resultats_verite(verite_aucun)
    problemes = ecarts(attendu, obtenu)
    assert not problemes, "\n".join(problemes[:30])


def test_bruit_realiste_ecarte_un_peu_la_regle_nominative(jeu_realiste: Path, verite_realiste: dict[str, Any]) -> None:
    """En mode réaliste, les coquilles et homonymes font dévier 2.2.1 ou 3.1.2 de la vérité,
    mais de peu; les indicateurs sans appariement nominatif restent exacts."""
    obtenu = recalcul_complet(jeu_realiste, DATE_EXTRACTION)
    attendu = resultats_verite(verite_realiste)
    ecarts_nominatifs = 0
    for k, (v, _n, _d) in attendu.items():
        vo = obtenu[k][0]
        if k[0] in ("3.1.2", "2.2.1"):
            if v is not None and vo != v:
                ecarts_nominatifs += 1
                assert abs(vo - v) <= max(3.0, 0.03 * v), (k, v, vo)
        else:
            assert vo == v, (k, v, vo)
    assert ecarts_nominatifs > 0


def test_complements_111_egalent_le_recalcul(jeu_aucun: Path, verite_aucun: dict[str, Any]) -> None:
    """Mesures complémentaires de 1.1.1 : candidats distincts (chaque fenêtre) et DI selon la
    méthode de la donnée de référence (fenêtres annuelles seulement)."""
    candidats = recalcul_111(jeu_aucun, DATE_EXTRACTION, par_candidat=True)
    reference = recalcul_111(jeu_aucun, DATE_EXTRACTION, methode_reference=True)
    declarations = recalcul_111(jeu_aucun, DATE_EXTRACTION)
    lignes = verite_aucun["complements"]["1.1.1"]
    par_mesure: dict[str, dict[tuple[str, str, date], float]] = {}
    for l in lignes:
        k = (l["periode"], l["granularite"], date.fromisoformat(l["date_fin"]))
        assert k not in par_mesure.setdefault(l["mesure"], {}), (l["mesure"], k)
        par_mesure[l["mesure"]][k] = l["valeur"]
    assert set(par_mesure) == {"candidats_distincts", "di_methode_reference"}
    assert par_mesure["candidats_distincts"] == candidats
    assert par_mesure["di_methode_reference"] == {k: v for k, v in reference.items() if k[1] == "annuelle"}
    # Un candidat peut déposer plusieurs DI : l'indicateur (des DI) dépasse les candidats.
    assert all(candidats[k] <= declarations[k] for k in declarations)
    assert any(candidats[k] < declarations[k] for k in declarations if k[1] == "annuelle")
    # Les deux méthodes diffèrent vraiment (diplômes d'un côté, autodéclarations de l'autre).
    assert any(reference[k] != declarations[k] for k in declarations if k[1] == "annuelle")
