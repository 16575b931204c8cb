"""Rapport de la nuit (``mifi.rapport``) sur un petit entrepôt DuckDB en mémoire, fait à la main.

Rapides : aucune construction dbt. Le dernier test ouvre la page dans Chromium sans interface
(sauté si Chromium est absent) et vérifie qu'elle s'affiche.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Any, ClassVar

import duckdb
import numpy as np
import pytest
from PIL import Image

from mifi import rapport
from mifi.nuit.execution_dbt import BilanDbt, ResultatNoeud

DATE = "2026-10-31"
NBSP = "\u00a0"
D = dt.date


def _fenetres_trimestrielles(
    indicateur: str, periode: str, valeurs: list[float | None], cible: float | None,
    *, completes: int | None = None, non_produite: int | None = None, proportion: bool = False,
) -> list[tuple[Any, ...]]:
    """Cumuls trimestriels d'une année financière (``completes`` : nombre de trimestres terminés)."""
    annee = int(periode[:4])
    fins = [D(annee, 6, 30), D(annee, 9, 30), D(annee, 12, 31), D(annee + 1, 3, 31)]
    lignes = []
    for rang, valeur in enumerate(valeurs, start=1):
        complete = completes is None or rang <= completes
        produite = rang != non_produite
        valeur = valeur if produite else None
        numerateur = denominateur = None
        if proportion and valeur is not None:
            denominateur = 1000.0
            numerateur = round(valeur * 1000)
        lignes.append((indicateur, "nom", periode, "cumul_trimestriel", D(annee, 4, 1), fins[rang - 1], valeur,
                       numerateur, denominateur, cible, None, complete, produite))
    derniere = valeurs[-1]
    fini = completes is None
    atteinte = None if not fini or cible is None or derniere is None else derniere >= cible
    lignes.append((indicateur, "nom", periode, "annuelle", D(annee, 4, 1), D(annee + 1, 3, 31), derniere,
                   None, None, cible, atteinte, fini, True))
    return lignes


def _fenetres_mensuelles_civiles(
    indicateur: str, annee: int, valeurs: list[float], cible: float
) -> list[tuple[Any, ...]]:
    lignes = []
    for mois, valeur in enumerate(valeurs, start=1):
        fin = (D(annee, mois + 1, 1) if mois < 12 else D(annee + 1, 1, 1)) - dt.timedelta(days=1)
        lignes.append((indicateur, "nom", str(annee), "cumul_mensuel", D(annee, 1, 1), fin, valeur, None, None,
                       cible, None, fin <= D.fromisoformat(DATE), True))
    fini = len(valeurs) == 12 and annee < 2026
    lignes.append((indicateur, "nom", str(annee), "annuelle", D(annee, 1, 1), D(annee, 12, 31), valeurs[-1],
                   None, None, cible, (valeurs[-1] >= cible) if fini else None, fini, True))
    return lignes


@pytest.fixture()
def entrepot() -> Any:
    """marts.fct_resultats_indicateurs et marts.dim_indicateurs, plus un modèle base_ en quarantaine."""
    connexion = duckdb.connect()
    connexion.execute("create schema marts; create schema staging")
    connexion.execute(
        "create table marts.fct_resultats_indicateurs (indicateur_id varchar, nom_abrege varchar, periode varchar, "
        "granularite varchar, date_debut date, date_fin date, valeur double, numerateur double, "
        "denominateur double, cible double, cible_atteinte boolean, periode_complete boolean, est_produite boolean)"
    )
    lignes: list[tuple[Any, ...]] = []
    # 3.1.2 : T2 2024-2025 non produit; 2026-2027 en cours (T3 partiel au 31 octobre).
    lignes += _fenetres_trimestrielles("3.1.2", "2024-2025", [29000, 53000, 76000, 98000], 96200, non_produite=2)
    lignes += _fenetres_trimestrielles("3.1.2", "2025-2026", [30672, 54773, 77909, 100500], 98100)
    lignes += _fenetres_trimestrielles("3.1.2", "2026-2027", [31350, 56117, 64180], 100000, completes=2)
    # 3.1.3 : une proportion.
    lignes += _fenetres_trimestrielles("3.1.3", "2025-2026", [0.714, 0.7115, 0.7112, 0.7122], 0.715, proportion=True)
    lignes += _fenetres_trimestrielles("3.1.3", "2026-2027", [0.709, 0.708, 0.7091], 0.72, completes=2,
                                       proportion=True)
    # 1.1.1 : année civile, octobre 2026 terminé le jour de l'extraction.
    lignes += _fenetres_mensuelles_civiles("1.1.1", 2025, [1500 * m for m in range(1, 13)], 18500)
    lignes += _fenetres_mensuelles_civiles("1.1.1", 2026, [1600 * m for m in range(1, 10)] + [17003], 20000)
    connexion.executemany("insert into marts.fct_resultats_indicateurs values (" + ", ".join("?" * 13) + ")", lignes)
    connexion.execute(
        "create table marts.dim_indicateurs as select * from (values "
        "('1.1.1', 'DI candidats ciblés', 'Nombre de déclarations d''intérêt', 'declarations'), "
        "('3.1.2', 'Participants services PASI', 'Nombre de personnes PASI', 'personnes'), "
        "('3.1.3', 'Progression niveaux français', 'Proportion de personnes évaluées', 'proportion')) "
        "as t(indicateur_id, nom_abrege, nom_complet, unite)"
    )
    connexion.execute(
        "create table staging.base_gsi__services as select * from (values "
        "(false, null), (false, 'hors periode du systeme'), (false, 'hors periode du systeme'), "
        "(true, 'hors periode du systeme'), (false, 'volet hors PASI')) as t(est_doublon, motif_quarantaine)"
    )
    yield connexion
    connexion.close()


MANIFESTE: dict[str, Any] = {
    "nodes": {
        "model.p.base_gsi__services": {"resource_type": "model", "name": "base_gsi__services", "schema": "staging",
                                       "unique_id": "model.p.base_gsi__services"},
        "test.p.quarantaine_gsi": {"resource_type": "test", "name": "quarantaine_sous_seuil_base_gsi__services",
                                   "attached_node": "model.p.base_gsi__services",
                                   "test_metadata": {"name": "quarantaine_sous_seuil",
                                                     "kwargs": {"fichier": "gsi_services.csv"}}},
        "test.p.assert_312_volets_hors_pasi_signales": {"resource_type": "test", "description": "",
                                                        "name": "assert_312_volets_hors_pasi_signales"},
        "test.p.assert_313_numerateur_au_plus_denominateur": {
            "resource_type": "test", "name": "assert_313_numerateur_au_plus_denominateur"},
        "test.p.accepted_values_int_x__nb__0__1": {
            "resource_type": "test", "name": "accepted_values_int_x__nb__0__1", "column_name": "nb_clients_arrima",
            "attached_node": "model.p.int_reconnaissance__participants_ddrc",
            "test_metadata": {"name": "accepted_values", "kwargs": {"column_name": "nb_clients_arrima"}}},
        "test.p.assert_avec_meta": {"resource_type": "test", "name": "assert_avec_meta",
                                    "config": {"meta": {"libelle": "Libellé donné par la meta"}}},
    }
}


def _bilan() -> BilanDbt:
    def noeud(nom: str, statut: str, nb: int | None, details: list[str] | None = None, type_noeud: str = "test",
              message: str | None = None) -> ResultatNoeud:
        return ResultatNoeud(f"{type_noeud}.p.{nom}", nom, type_noeud, statut,
                             message or f"Got {nb} results, configured to {statut} if != 0", nb,
                             f"tests/{nom}.sql", None, details or [])

    return BilanDbt(0, True, [
        noeud("assert_312_volets_hors_pasi_signales", "warn", 8, ["CERIGES : 237 ligne(s) au code de volet « V0 »"]),
        noeud("accepted_values_int_x__nb__0__1", "warn", 1, ["value_field = 2, n_records = 1"]),
        noeud("assert_avec_meta", "warn", 2),
        noeud("assert_313_numerateur_au_plus_denominateur", "fail", 3),
        noeud("fct_resultats_indicateurs", "success", None, type_noeud="model", message="OK"),
    ], Path("/dev/null"))


@pytest.fixture()
def page(entrepot: Any, tmp_path: Path) -> str:
    chemin = rapport.produire_rapport(
        tmp_path / "rapport", date_extraction=DATE, publie=True, connexion=entrepot, catalogue="memory",
        manifeste=MANIFESTE, bilan=_bilan(),
    )
    assert chemin.name == "rapport.html"
    return chemin.read_text(encoding="utf-8")


def _synthese(entrepot: Any, indicateur: str, date: str = DATE) -> rapport.SyntheseIndicateur:
    return next(s for s in rapport.collecter_indicateurs(entrepot, "memory", date) if s.indicateur_id == indicateur)


def test_fenetre_en_cours_marquee_partielle_jamais_tracee_comme_terminee(entrepot: Any, page: str) -> None:
    s = _synthese(entrepot, "3.1.2")
    assert s.fenetre_partielle is not None and s.fenetre_partielle.date_fin == D(2026, 12, 31)
    assert s.fenetre_complete is not None and s.fenetre_complete.date_fin == D(2026, 9, 30)
    svg = s.graphique_svg or rapport.graphique_svg(s, D.fromisoformat(DATE))
    assert svg is not None
    # La courbe pleine de l'année en cours s'arrête à T2; T3 n'est qu'un point creux pointillé.
    courante = re.search(r'<polyline class="serie courante" points="([^"]+)"', svg)
    assert courante is not None and len(courante.group(1).split()) == 2
    assert 'class="partielle"' in svg and "fenetre-partielle" in svg
    assert "64\u00a0180 — en cours (partiel au 31 oct.)" in svg
    assert "en cours (partiel au 31 oct.)" in page
    assert "cumul au 30 septembre 2026 (T2)" in page
    # 1.1.1 : octobre est terminé le 31 octobre; rien n'est partiel.
    assert _synthese(entrepot, "1.1.1").fenetre_partielle is None


def test_fenetre_mensuelle_partielle_en_milieu_de_mois() -> None:
    lignes = [
        rapport.LigneResultat("3.1.1", "AQ", "2026-2027", "cumul_mensuel", D(2026, 4, 1), fin, valeur, None, None,
                              11500, None, complete, True)
        for fin, valeur, complete in [(D(2026, 8, 31), 4800, True), (D(2026, 9, 30), 5800, True),
                                      (D(2026, 10, 31), 6100, False)]
    ]
    s = rapport.synthetiser("3.1.1", lignes, D(2026, 10, 15), unite="personnes")
    assert s.fenetre_partielle is not None and s.fenetre_partielle.date_fin == D(2026, 10, 31)
    assert s.fenetre_complete is not None and s.fenetre_complete.date_fin == D(2026, 9, 30)
    assert rapport.libelle_partiel(D(2026, 10, 15)) == "en cours (partiel au 15 oct.)"


def test_meme_fenetre_l_an_dernier(entrepot: Any, page: str) -> None:
    s = _synthese(entrepot, "3.1.2")
    m = s.meme_fenetre_an_passe
    assert m is not None
    assert (m.periode, m.granularite, m.date_debut, m.date_fin) == ("2025-2026", "cumul_trimestriel",
                                                                    D(2025, 4, 1), D(2025, 9, 30))
    assert "54\u00a0773 au 30 septembre 2025" in page
    assert "+1\u00a0344 (+2,5\u00a0%)" in page  # 56 117 contre 54 773 : en avance, pas un effondrement
    s111 = _synthese(entrepot, "1.1.1")
    assert s111.fenetre_complete is not None and s111.fenetre_complete.date_fin == D(2026, 10, 31)
    assert s111.meme_fenetre_an_passe is not None and s111.meme_fenetre_an_passe.date_fin == D(2025, 10, 31)
    # Une fin de février bissextile retrouve la fin de février de l'an dernier.
    assert rapport._un_an_avant(D(2024, 2, 29)) == D(2023, 2, 28)
    assert rapport._un_an_avant(D(2025, 2, 28)) == D(2024, 2, 29)


def test_cible_annuelle_et_annee_terminee(entrepot: Any, page: str) -> None:
    s = _synthese(entrepot, "3.1.2")
    assert s.cible_courante == 100000
    assert s.annee_terminee is not None and s.annee_terminee.periode == "2025-2026"
    assert "56,1\u00a0% de la cible annuelle" in page
    assert "2025-2026 : 100\u00a0500 pour une cible de 98\u00a0100 — cible atteinte" in page
    assert "2025-2026 : 71,2\u00a0% pour une cible de 71,5\u00a0% — cible non atteinte" in page


def test_fenetre_non_produite_laissee_en_trou_avec_une_note(entrepot: Any, page: str) -> None:
    s = _synthese(entrepot, "3.1.2")
    assert [(l.periode, l.date_fin) for l in s.non_produites] == [("2024-2025", D(2024, 9, 30))]
    svg = rapport.graphique_svg(s, D.fromisoformat(DATE)) or ""
    assert 'class="trou"' in svg and "T2 2024-2025 : non produite" in svg
    # La courbe 2024-2025 est coupée en deux morceaux (T1 seul, puis T3-T4).
    assert len(re.findall(r'<polyline class="serie anterieure"', svg)) == 1
    assert "T2 2024-2025 (cumul au 30 septembre 2024) : fenêtre non produite" in page


def test_nombres_et_axes_en_francais(entrepot: Any, page: str) -> None:
    assert rapport.formater_nombre(17003) == f"17{NBSP}003"
    assert rapport.formater_nombre(0.708, proportion=True) == f"70,8{NBSP}%"
    assert rapport.formater_ecart(-0.0017, proportion=True) == f"\u22120,17{NBSP}point"
    assert rapport.formater_ecart(-0.25, proportion=True) == f"\u221225,0{NBSP}points"
    assert rapport.compter(8, "ligne") == f"8{NBSP}lignes" and rapport.compter(1, "ligne") == f"1{NBSP}ligne"
    assert f"17{NBSP}003" in page and f"70,8{NBSP}%" in page
    assert rapport.libelle_rang(1, "cumul_trimestriel", 4) == "T1 avr.–juin"
    assert rapport.libelle_rang(4, "cumul_trimestriel", 4) == "T4 janv.–mars"
    assert (
        rapport.libelle_rang(1, "cumul_mensuel", 4) == "avr." and rapport.libelle_rang(2, "cumul_mensuel", 4) == "mai"
    )
    svg111 = _synthese(entrepot, "1.1.1").graphique_svg or rapport.graphique_svg(
        _synthese(entrepot, "1.1.1"), D.fromisoformat(DATE)) or ""
    etiquettes = re.findall(r'class="etiquette-axe"[^>]*>([^<]+)<', svg111)
    assert etiquettes[:3] == ["janv.", "févr.", "mars"] and len(etiquettes) == 12
    # Dénombrements depuis zéro; proportions avec décimales sur l'axe resserré.
    assert ">0</text>" in svg111 and f"20{NBSP}000" in svg111
    svg313 = rapport.graphique_svg(_synthese(entrepot, "3.1.3"), D.fromisoformat(DATE)) or ""
    assert re.search(r">7\d,\d\u00a0%</text>", svg313)


def test_tests_en_francais_erreurs_avant_avertissements(page: str) -> None:
    section = page.split("Tests en échec ou en avertissement")[1].split("Lignes en quarantaine")[0]
    assert "3.1.3 : numérateur au plus dénominateur" in section
    assert "3.1.2 : volets hors PASI signalés" in section
    assert f"8{NBSP}lignes signalées" in section and f"3{NBSP}lignes en défaut" in section
    assert "valeurs acceptées de nb_clients_arrima dans int_reconnaissance__participants_ddrc" in section
    assert f"valeur «{NBSP}2{NBSP}» : 1{NBSP}ligne" in section
    assert "Libellé donné par la meta" in section
    assert section.index("Échec") < section.index("Avertissement")
    assert "Got " not in page and "assert_" not in page and "accepted_values_" not in page
    assert "configured to" not in page
    # Même ordre dans le Markdown.
    tests = [rapport.traduire_noeud(n, MANIFESTE) for n in _bilan().avertissements + _bilan().bloquants]
    assert next(t.gravite for t in rapport.trier_tests(tests)) == "Échec"
    assert rapport.phrase_depuis_nom("assert_312_cumuls_trimestriels_croissants_jusqu_a_l_annee") == \
        "3.1.2 : cumuls trimestriels croissants jusqu'à l'année"
    assert rapport.phrase_depuis_nom("assert_immigrant_pays_inconnu_compte_313_521") == \
        "3.1.3, 5.2.1 : immigrant pays inconnu compté"


def test_quarantaine_par_extrait_et_motif(page: str, tmp_path: Path) -> None:
    section = page.split("Lignes en quarantaine par extrait")[1].split("Révisions")[0]
    assert "gsi_services.csv" in section and "Hors période du système" in section
    assert f"3{NBSP}lignes" in section and f"1{NBSP}ligne<" in section
    assert "Motif de mise en quarantaine" in section and "Doublons exacts" in section
    markdown = (tmp_path / "rapport" / "rapport.md").read_text(encoding="utf-8")
    assert "[rapport.html](rapport.html)" in markdown and "Hors période du système" in markdown


def test_page_autonome_sans_ressource_externe(page: str, tmp_path: Path) -> None:
    assert page.startswith("<!DOCTYPE html>") and '<html lang="fr">' in page and '<meta charset="utf-8">' in page
    assert "http://" not in page and "https://" not in page
    assert "<script" not in page and "<link" not in page and "<img" not in page
    assert page.count("<svg") == 3  # un graphique par indicateur, en ligne
    # Les SVG écrits à côté pour le Markdown sont des fichiers autonomes.
    assert (tmp_path / "rapport" / "indicateur_312.svg").read_text(encoding="utf-8").startswith(
        '<svg xmlns="http://www.w3.org/2000/svg"')


def test_rapport_d_echec_sans_entrepot(tmp_path: Path) -> None:
    chemin = rapport.produire_rapport(
        tmp_path, date_extraction=DATE, publie=False, connexion=None, catalogue="", manifeste={},
        erreurs_nuit=["validation : bdi_francais.csv non conforme"],
    )
    page = chemin.read_text(encoding="utf-8")
    assert "nuit en échec — rien n'a été publié" in page and "bdi_francais.csv" in page
    assert "en échec" in (tmp_path / "rapport.md").read_text(encoding="utf-8")


def test_rapport_d_echec_nomme_l_etape_et_ne_dit_pas_les_tests_passes(tmp_path: Path) -> None:
    """dbt n'a jamais tourné (validation en échec) : l'étape est nommée, aucun « tous passés »."""
    chemin = rapport.produire_rapport(
        tmp_path, date_extraction=DATE, publie=False, connexion=None, catalogue="", manifeste={},
        erreurs_nuit=["validation : bdi_francais.csv non conforme"], etape_echec="validation des extraits",
    )
    for texte in (chemin.read_text(encoding="utf-8"), (tmp_path / "rapport.md").read_text(encoding="utf-8")):
        assert "nuit en échec à l'étape « validation des extraits » — rien n'a été publié" in texte
        assert "tous les tests sont passés" not in texte
        assert "Tests non exécutés : la nuit s'est arrêtée à l'étape « validation des extraits »" in texte
    # dbt build arrêté avant d'exécuter les nœuds (pas de run_results.json) : même chose.
    sans_resultats = BilanDbt(2, False, [], Path("/dev/null"))
    chemin = rapport.produire_rapport(
        tmp_path / "dbt", date_extraction=DATE, publie=False, connexion=None, catalogue="", manifeste={},
        bilan=sans_resultats, erreurs_nuit=["dbt build : arrêté"], etape_echec="construction dbt",
    )
    texte = chemin.read_text(encoding="utf-8")
    assert "tous les tests sont passés" not in texte and "« construction dbt »" in texte
    # Une nuit dont dbt a tourné sans test en défaut, elle, le dit.
    chemin = rapport.produire_rapport(
        tmp_path / "ok", date_extraction=DATE, publie=True, connexion=None, catalogue="", manifeste={},
        bilan=BilanDbt(0, True, [], Path("/dev/null")),
    )
    assert "Aucun : tous les tests sont passés." in chemin.read_text(encoding="utf-8")


class _Validation:
    succes = True
    erreurs: ClassVar[list[str]] = []
    chemin_data_docs = None
    avertissements: ClassVar[list[str]] = [
        "arrima_clients.csv : défaut toléré — « Identifiant » identifie une seule ligne parmi les lignes "
        "distinctes [expect_column_values_to_be_unique] — 3 ligne(s) distinctes partagent un identifiant sur "
        "1200 (0.2 %); exemples : 'ARR0098765' (×2), 'ARR0012345' (×1)",
        "bdi_declarations.csv : défaut toléré — au plus 5 % de lignes en double exact [expect_column_values_"
        "to_be_between] — 89 ligne(s) en double exact sur 17655 (0.5 %); copies aux lignes de données n° 74, 234",
        "intimm_personnes.csv : la dernière ligne n'a pas de fin de ligne (fichier peut-être tronqué).",
    ]


def test_rapport_publie_validation_en_comptes_et_regles_sans_valeurs(entrepot: Any, tmp_path: Path) -> None:
    bilan = _bilan()
    bilan.noeuds[1].details_bruts.append("no_client = C0778899, n_records = 2")
    chemin = rapport.produire_rapport(
        tmp_path / "publie", date_extraction=DATE, publie=True, connexion=entrepot, catalogue="memory",
        manifeste=MANIFESTE, bilan=bilan, validation=_Validation(), lien_data_docs="validation/data_docs/index.html",
    )
    for texte in (chemin.read_text(encoding="utf-8"), (tmp_path / "publie" / "rapport.md").read_text(encoding="utf-8")):
        section = texte.split("Validation des extraits")[1]
        assert "« Identifiant » identifie une seule ligne parmi les lignes distinctes" in section
        assert f"3 sur 1{NBSP}200" in section and f"89 sur 17{NBSP}655" in section
        assert "intimm_personnes.csv" in section and "la dernière ligne n'a pas de fin de ligne" in section
        for valeur in ("ARR0098765", "ARR0012345", "exemples :", "n° 74", "74, 234", "Data Docs de la validation",
                       "data_docs", "C0778899", "expect_"):
            assert valeur not in texte, valeur
    # Le rapport d'une nuit en échec (espace de travail) garde le détail brut.
    chemin = rapport.produire_rapport(
        tmp_path / "echec", date_extraction=DATE, publie=False, connexion=entrepot, catalogue="memory",
        manifeste=MANIFESTE, bilan=bilan, validation=_Validation(), etape_echec="construction dbt",
    )
    echec = chemin.read_text(encoding="utf-8")
    assert "C0778899" in echec and "ARR0098765" in echec


def test_page_s_affiche_dans_chromium(page: str, tmp_path: Path) -> None:
    navigateur = shutil.which("chromium") or shutil.which("chromium-browser")
    if navigateur is None:
        pytest.skip("Chromium absent (make outils-systeme)")
    capture = tmp_path / "rapport.png"
    with tempfile.TemporaryDirectory() as profil:
        subprocess.run(
            [navigateur, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
             "--disable-component-update", "--disable-sync", "--no-first-run", f"--user-data-dir={profil}",
             f"--screenshot={capture}", "--window-size=1300,2600",
             (tmp_path / "rapport" / "rapport.html").as_uri()],
            check=True, capture_output=True, timeout=180,
        )
    pixels = np.asarray(Image.open(capture).convert("RGB"), dtype=np.int16)
    non_blancs = (pixels.sum(axis=2) < 720).mean()
    # Bleu des courbes et des chiffres mis en valeur (#1f5fa8), à la tolérance de l'anticrénelage près.
    bleus = (np.abs(pixels - np.array([31, 95, 168])).max(axis=2) < 40).sum()
    assert non_blancs > 0.05, f"page presque blanche ({non_blancs:.1%} de pixels non blancs)"
    assert bleus > 2000, f"aucune courbe ni chiffre en bleu ({bleus} pixels)"
