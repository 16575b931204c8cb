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
    for k, (v, n, d) in attendu.items():
        vo = obtenu[k][0]
        if k[0] in ("3.1.2", "2.2.1"):
            if v is not None and vo != v:
                ecarts_nominatifs += 1
                assert abs(vo - v) <= max(3.0, 0.03 * v), (k, v, vo)
        else:
            assert vo == v, (k, v, vo)
    assert ecarts_nominatifs > 0


def test_complements_111_egalent_le_recalcul(jeu_aucun: Path, verite_aucun: dict[str, Any]) -> None:
    """DI admissibles distinctes et candidats selon la méthode de la donnée de référence."""
    declarations = recalcul_111(jeu_aucun, DATE_EXTRACTION, par_declaration=True)
    reference = recalcul_111(jeu_aucun, DATE_EXTRACTION, autodeclaration=True)
    candidats = recalcul_111(jeu_aucun, DATE_EXTRACTION)
    lignes = verite_aucun["complements"]["1.1.1"]
    assert len(lignes) == len(declarations)
    for l in lignes:
        k = (l["periode"], l["granularite"], date.fromisoformat(l["date_fin"]))
        assert l["declarations_admissibles"] == declarations[k]
        assert l["candidats_methode_reference"] == reference[k]
        assert reference[k] >= candidats[k] and declarations[k] >= candidats[k]
