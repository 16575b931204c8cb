"""Banc d'essai (``mifi.bench``) : étapes de la nuit, rapports, cibles et rapport Markdown.

Sans rien mesurer de lourd : une petite commande Python tient lieu de nuit, et les résultats
du banc sont fabriqués à la main.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from mifi import bench


def _resume(*valeurs: float) -> dict[str, Any]:
    resume = bench.resume(list(valeurs))
    assert resume is not None
    return resume


def test_etapes_datees_par_les_en_tetes_de_la_nuit() -> None:
    reperes = [
        (0.5, "Extraits figés : copie de /x/publication dans /y/extraits"),
        (2.0, "Nuit du 2026-10-31 : validation des extraits (/y/validation/2026-10-31)"),
        (5.0, "Construction de l'entrepôt de travail (/y/mifi.duckdb)"),
        (30.0, "Documentation (dbt docs generate --static)"),
        (40.0, "Publication (/z/publication)"),
    ]
    assert bench.etapes_nuit(reperes, 45.0) == {
        "extraits_figes": 2.0,  # depuis le lancement (démarrage de Python compris)
        "validation": 3.0,
        "construction": 25.0,
        "documentation": 10.0,
        "publication": 5.0,
    }


def test_en_tete_inconnu_ou_repete_prolonge_l_etape_en_cours() -> None:
    reperes = [
        (1.0, "Nuit du 2026-10-31 : validation des extraits (/construction/documentation)"),
        (4.0, "Autre chose"),
        (6.0, "Construction de l'entrepôt de travail (/a)"),
        (7.0, "Construction de l'entrepôt de travail (/a)"),
    ]
    assert bench.etapes_nuit(reperes, 10.0) == {"validation": 6.0, "construction": 4.0}


def test_mesurer_date_les_en_tetes_et_garde_la_fin_de_la_sortie(tmp_path: Path) -> None:
    script = (
        "import time\n"
        "print('bavardage', flush=True)\n"
        "print('== Nuit du 2026-10-31 : validation des extraits (/x)', flush=True)\n"
        "time.sleep(0.3)\n"
        "print('== Publication (/p)', flush=True)\n"
        "raise SystemExit(3)\n"
    )
    execution = bench.mesurer([sys.executable, "-c", script], env={}, cwd=tmp_path)
    assert execution.code_retour == 3
    assert [texte for _, texte in execution.reperes] == [
        "Nuit du 2026-10-31 : validation des extraits (/x)", "Publication (/p)"
    ]
    etapes = bench.etapes_nuit(execution.reperes, execution.duree_s)
    assert etapes["validation"] >= 0.3
    assert "bavardage" in execution.sortie
    assert execution.rss_pointe_mo > 0


def _resultats(nuit_10_echecs: int = 0, rss_10: float = 4000.0) -> dict[str, Any]:
    return {
        "date": "2026-11-30T02:00:00",
        "machine": {"nproc": 2, "modele_cpu": "x", "memoire_mo": 24000, "charge_moyenne_debut": [1.0, 1.0, 1.0],
                    "charge_moyenne_fin": [1.0, 1.0, 1.0]},
        "versions": {"python": "3.11", "dbt-core": "1.11", "dbt-duckdb": "1.11.1", "duckdb": "1",
                     "dbt-postgres": "1.11", "postgresql": None},
        "parametres": {"graine": 42, "bruit": "realiste", "memoire_duckdb_defaut": "4GB",
                       "memoire_duckdb_grande_echelle": "4GB"},
        "extraits": {"1": {"nb_fichiers": 17, "octets": 2**20}},
        "spark_absent": "non mesuré : cible Spark absente (manque : cible spark du profil)",
        "mesures": {
            "scan_echelle_1": {"duree_s": _resume(4.0, 5.0, 6.0)},
            "duckdb_echelle_1": {"duree_s": _resume(40.0, 50.0, 60.0), "rss_pointe_mo": _resume(1000.0)},
            "nuit_echelle_1": {
                "duree_s": _resume(100.0, 110.0, 130.0), "rss_pointe_mo": _resume(1500.0), "nb_echecs": 0,
                "etapes_s": {"validation": _resume(20.0, 30.0, 40.0), "construction": _resume(60.0)},
            },
            "nuit_echelle_10": {
                "duree_s": _resume(990.0), "rss_pointe_mo": _resume(rss_10), "nb_echecs": nuit_10_echecs,
                "etapes_s": {"validation": _resume(300.0)},
            },
        },
    }


def test_ratios_et_verdicts_des_cibles() -> None:
    resultats = _resultats()
    resultats["ratios"] = bench.calculer_ratios(resultats)
    assert resultats["ratios"]["validation_sur_scan_echelle_1"] == 6.0
    assert resultats["ratios"]["build_sur_scan_echelle_1"] == 10.0
    assert resultats["ratios"]["nuit_sur_build_echelle_1"] == 2.2
    assert resultats["ratios"]["echelle_10_sur_echelle_1_nuit"] == 9.0
    assert resultats["ratios"]["postgres_sur_duckdb_build"] is None
    verdicts = [c["verdict"] for c in bench.calculer_cibles(resultats)]
    assert verdicts == [
        "**non atteint**",  # validation 6 × > 5 ×
        "atteint",  # nuit 2,2 × ≤ 2,5 ×
        "atteint",  # build 10 × ≤ 10 ×
        "atteint",  # échelle 10 publiée dans 4GB
        "atteint",  # 4 000 Mo ≤ 5 Go
        "**non atteint**",  # 9 × > 8 ×
        "non mesuré",  # Spark absent
    ]


def test_nuit_en_echec_ou_trop_gourmande_ne_passe_pas() -> None:
    resultats = _resultats(nuit_10_echecs=1, rss_10=6000.0)
    resultats["ratios"] = bench.calculer_ratios(resultats)
    cibles = {c["cible"]: c for c in bench.calculer_cibles(resultats)}
    memoire = next(c for nom, c in cibles.items() if nom.startswith("Nuit à l'échelle 10 menée"))
    assert (memoire["mesure"], memoire["verdict"]) == ("en échec, limite DuckDB 4GB", "**non atteint**")
    rss = next(c for nom, c in cibles.items() if nom.startswith("Mémoire de pointe"))
    assert rss["verdict"] == "**non atteint**"
    echelle = next(c for nom, c in cibles.items() if nom.startswith("Nuit échelle 10"))
    assert echelle["verdict"] == "**exécution en échec**"


def test_rapport_markdown(tmp_path: Path) -> None:
    resultats = _resultats()
    resultats["ratios"] = bench.calculer_ratios(resultats)
    resultats["cibles"] = bench.calculer_cibles(resultats)
    chemin = tmp_path / "BENCHMARKS.md"
    bench.ecrire_markdown(resultats, chemin, "## Notes\n\nTexte libre.")
    texte = chemin.read_text(encoding="utf-8")
    assert "| validation des extraits | 30,0 s (20,0–40,0) | 300,0 s (1 exécution) |" in texte
    assert "non mesuré : cible Spark absente" in texte
    assert "| nuit échelle 10 / nuit échelle 1 | 9,00 × |" in texte
    assert texte.rstrip().endswith("Texte libre.")


def test_limite_de_memoire_du_profil() -> None:
    assert bench.memoire_duckdb_du_profil() == bench.CIBLE_MEMOIRE_DUCKDB
