"""Les tests génériques dbt peuvent échouer : leur SQL compilé par dbt est exécuté sur de
petites tables DuckDB en mémoire, conformes puis fautives.

Un test unitaire dbt ne s'applique pas à un test de données : on compile donc le test générique
(`dbt compile`, cible `lint`, DuckDB en mémoire, sans extrait ni entrepôt) et on remplace le
modèle par une table fabriquée à la main, au même nom (`memory.marts.fct_resultats_311`).
"""

from __future__ import annotations

from datetime import date

import duckdb
import pytest

from outils_dbt import DATE_EXTRACTION, dbt

TEST_CUMULS = "cumuls_croissants_jusqu_a_l_annee"


@pytest.fixture(scope="module")
def sql_cumuls(tmp_path_factory: pytest.TempPathFactory) -> str:
    """SQL compilé par dbt du test cumuls_croissants_jusqu_a_l_annee déclaré sur fct_resultats_311."""
    cible = tmp_path_factory.mktemp("compilation")
    dbt(["compile", "--target", "lint", "--select", f"test_name:{TEST_CUMULS}"],
        cible / "extraits_absents", cible / "inutilise.duckdb", cible)
    compiles = list((cible / "compiled").rglob(f"{TEST_CUMULS}_fct_resultats_311_.sql"))
    assert len(compiles) == 1, f"test compilé introuvable : {compiles}"
    sql = compiles[0].read_text(encoding="utf-8")
    assert '"memory"."marts"."fct_resultats_311"' in sql
    return sql


def _ligne(periode, granularite, debut, fin, valeur=None, numerateur=None, denominateur=None,
           est_produite=True):
    fin_date = date.fromisoformat(fin)
    return (periode, granularite, date.fromisoformat(debut), fin_date, valeur, numerateur, denominateur,
            est_produite, fin_date <= date.fromisoformat(DATE_EXTRACTION))


def _anomalies(sql: str, lignes: list[tuple]) -> list[str]:
    """Exécute le test compilé sur une table fct_resultats_311 fabriquée; rend les messages."""
    with duckdb.connect() as connexion:
        connexion.execute("create schema marts")
        connexion.execute(
            "create table marts.fct_resultats_311 (periode varchar, granularite varchar, date_debut date,"
            " date_fin date, valeur double, numerateur double, denominateur double, est_produite boolean,"
            " periode_complete boolean)"
        )
        if lignes:
            connexion.executemany("insert into marts.fct_resultats_311 values (?, ?, ?, ?, ?, ?, ?, ?, ?)", lignes)
        return [message for (message,) in connexion.execute(f"select message from ({sql}) as test").fetchall()]


# Dénombrement conforme : année 2025-2026 terminée (cumul au 31 mars = annuelle), année
# 2026-2027 en cours à date_extraction (pas encore de cumul au 31 mars), un trimestre non
# produit aux valeurs vides entre deux trimestres produits.
DENOMBREMENT_CONFORME = [
    _ligne("2025-2026", "annuelle", "2025-04-01", "2026-03-31", 40),
    _ligne("2025-2026", "cumul_trimestriel", "2025-04-01", "2025-06-30", 10),
    _ligne("2025-2026", "cumul_trimestriel", "2025-04-01", "2025-09-30", None, est_produite=False),
    _ligne("2025-2026", "cumul_trimestriel", "2025-04-01", "2025-12-31", 30),
    _ligne("2025-2026", "cumul_trimestriel", "2025-04-01", "2026-03-31", 40),
    _ligne("2026-2027", "annuelle", "2026-04-01", "2027-03-31", 25),
    _ligne("2026-2027", "cumul_trimestriel", "2026-04-01", "2026-06-30", 12),
    _ligne("2026-2027", "cumul_trimestriel", "2026-04-01", "2026-09-30", 20),
    _ligne("2026-2027", "cumul_trimestriel", "2026-04-01", "2026-12-31", 25),
]


def _remplacer(lignes: list[tuple], fin: str, granularite: str, **valeurs) -> list[tuple]:
    colonnes = ["periode", "granularite", "date_debut", "date_fin", "valeur", "numerateur", "denominateur",
                "est_produite", "periode_complete"]
    resultat = []
    for ligne in lignes:
        if ligne[3] == date.fromisoformat(fin) and ligne[1] == granularite:
            enregistrement = dict(zip(colonnes, ligne))
            enregistrement.update({cle: (date.fromisoformat(v) if cle.startswith("date") else v)
                                   for cle, v in valeurs.items()})
            ligne = tuple(enregistrement[c] for c in colonnes)
        resultat.append(ligne)
    return resultat


def test_denombrement_conforme_passe(sql_cumuls: str) -> None:
    assert _anomalies(sql_cumuls, DENOMBREMENT_CONFORME) == []


def test_cumul_qui_decroit_echoue(sql_cumuls: str) -> None:
    lignes = _remplacer(DENOMBREMENT_CONFORME, "2026-09-30", "cumul_trimestriel", valeur=11.0)
    messages = _anomalies(sql_cumuls, lignes)
    assert messages == [
        "fct_resultats_311 2026-2027 cumul_trimestriel au 2026-09-30 : "
        "la valeur cumulée diminue par rapport à la fenêtre précédente."
    ]


def test_decroissance_par_dessus_une_fenetre_non_produite_echoue(sql_cumuls: str) -> None:
    """La fenêtre non produite est écartée : la comparaison se fait avec la précédente produite."""
    lignes = _remplacer(DENOMBREMENT_CONFORME, "2025-12-31", "cumul_trimestriel", valeur=9.0)
    messages = _anomalies(sql_cumuls, lignes)
    assert any("2025-12-31 : la valeur cumulée diminue" in m for m in messages), messages


def test_cumul_de_fin_d_annee_different_de_l_annuelle_echoue(sql_cumuls: str) -> None:
    lignes = _remplacer(DENOMBREMENT_CONFORME, "2026-03-31", "annuelle", valeur=41.0)
    assert _anomalies(sql_cumuls, lignes) == [
        "fct_resultats_311 2025-2026 cumul_trimestriel au 2026-03-31 : "
        "le cumul de fin d'année diffère de la valeur annuelle."
    ]


def test_cumul_de_fin_d_annee_absent_pour_une_annee_terminee_echoue(sql_cumuls: str) -> None:
    lignes = [
        ligne for ligne in DENOMBREMENT_CONFORME
        if not (ligne[1] == "cumul_trimestriel" and ligne[3] == date(2026, 3, 31))
    ]
    assert _anomalies(sql_cumuls, lignes) == [
        "fct_resultats_311 2025-2026 cumul au 2026-03-31 : "
        "la fenêtre cumulée de fin d'année est absente alors que l'année est terminée."
    ]


def test_cumul_qui_ne_part_pas_du_debut_de_l_annee_echoue(sql_cumuls: str) -> None:
    lignes = _remplacer(DENOMBREMENT_CONFORME, "2026-06-30", "cumul_trimestriel", date_debut="2026-05-01")
    assert _anomalies(sql_cumuls, lignes) == [
        "fct_resultats_311 2026-2027 cumul_trimestriel au 2026-06-30 : "
        "le cumul ne part pas du début de l'année."
    ]


# Proportion conforme : la proportion baisse (0,8 puis 0,6) mais numérateur et dénominateur
# croissent; la fenêtre sans évaluation (0/0) a une valeur vide, comme l'annuelle.
PROPORTION_CONFORME = [
    _ligne("2024-2025", "annuelle", "2024-04-01", "2025-03-31", 0.6, 6, 10),
    _ligne("2024-2025", "cumul_trimestriel", "2024-04-01", "2024-06-30", None, 0, 0),
    _ligne("2024-2025", "cumul_trimestriel", "2024-04-01", "2024-09-30", 0.8, 4, 5),
    _ligne("2024-2025", "cumul_trimestriel", "2024-04-01", "2024-12-31", 0.6, 6, 10),
    _ligne("2024-2025", "cumul_trimestriel", "2024-04-01", "2025-03-31", 0.6, 6, 10),
    _ligne("2025-2026", "annuelle", "2025-04-01", "2026-03-31", None, 0, 0),
    _ligne("2025-2026", "cumul_trimestriel", "2025-04-01", "2026-03-31", None, 0, 0),
]


def test_proportion_conforme_passe_meme_si_le_ratio_baisse(sql_cumuls: str) -> None:
    assert _anomalies(sql_cumuls, PROPORTION_CONFORME) == []


def test_denominateur_cumule_qui_decroit_echoue(sql_cumuls: str) -> None:
    lignes = _remplacer(PROPORTION_CONFORME, "2024-12-31", "cumul_trimestriel", valeur=1.0, numerateur=4.0,
                        denominateur=4.0)
    messages = _anomalies(sql_cumuls, lignes)
    assert messages == [
        "fct_resultats_311 2024-2025 cumul_trimestriel au 2024-12-31 : "
        "le numérateur ou le dénominateur cumulé diminue par rapport à la fenêtre précédente."
    ]


def test_numerateur_de_fin_d_annee_different_de_l_annuelle_echoue(sql_cumuls: str) -> None:
    lignes = _remplacer(PROPORTION_CONFORME, "2025-03-31", "annuelle", numerateur=7.0, valeur=0.7)
    assert _anomalies(sql_cumuls, lignes) == [
        "fct_resultats_311 2024-2025 cumul_trimestriel au 2025-03-31 : "
        "le cumul de fin d'année diffère de la valeur annuelle."
    ]
