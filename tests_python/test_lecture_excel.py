"""Lecture des classeurs Excel (DDRC, DGTNRI) par le greffon : dates, en-têtes, onglets, erreurs."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from dbt.adapters.duckdb.utils import SourceConfig

from mifi.extraits.lecture import en_pandas, lire_classeur
from mifi.lecture_extraits import ENTETES_CLASSEURS, ErreurExtrait, Plugin

ENTETE_DDRC = list(ENTETES_CLASSEURS["ddrc"])
ENTETE_DGTNRI = list(ENTETES_CLASSEURS["dgtnri"])


def lire_xlsx(chemin: Path, entetes: dict[str, str], **options: Any) -> Any:
    """Le classeur tel que le greffon le charge (lecteur des extraits), en DataFrame."""
    return en_pandas(lire_classeur(chemin, entetes, **options))


def _classeur(chemin: Path, onglets: dict[str, list[list[Any]]]) -> Path:
    classeur = openpyxl.Workbook()
    classeur.remove(classeur.active)
    for nom, lignes in onglets.items():
        feuille = classeur.create_sheet(nom)
        for ligne in lignes:
            feuille.append(ligne)
    classeur.save(chemin)
    return chemin


def test_cellule_date_et_texte_jj_mm_aaaa_donnent_la_meme_date_iso(tmp_path: Path) -> None:
    chemin = _classeur(tmp_path / "ddrc_projets_recrutement.xlsx", {
        "Infirmières Maroc 2023": [
            ENTETE_DDRC,
            ["Côté", "Hélène", dt.datetime(1985, 3, 7), "MAR", "31301", dt.datetime(2023, 5, 1), None],
            ["COTE", "HELENE", "07/03/1985", "MAR", "31301", "01/05/2023", "31/02/2024"],
        ],
    })
    donnees = lire_xlsx(chemin, ENTETES_CLASSEURS["ddrc"], tous_les_onglets=True)
    assert donnees["date_naissance"].tolist() == ["1985-03-07", "1985-03-07"]
    assert donnees["date_debut_accompagnement"].tolist() == ["2023-05-01", "2023-05-01"]
    # Vide -> NULL; date impossible -> texte laissé tel quel pour la quarantaine du staging.
    assert donnees["date_fin_accompagnement"].tolist() == [None, "31/02/2024"]
    # Toutes les valeurs sont du texte : le code CNP garde sa forme.
    assert donnees["code_cnp"].tolist() == ["31301", "31301"]


def test_union_des_onglets_avec_projet_et_numero_de_ligne(tmp_path: Path) -> None:
    chemin = _classeur(tmp_path / "ddrc_projets_recrutement.xlsx", {
        "Projet A": [ENTETE_DDRC, ["A1", "x", "01/01/1990", "FRA", "3012", "01/06/2023", None]],
        "Projet B": [
            ENTETE_DDRC,
            [None] * 7,  # ligne vide ignorée
            ["B1", "y", "02/02/1991", "TUN", "72410", "01/07/2023", "30/09/2023"],
        ],
    })
    donnees = lire_xlsx(chemin, ENTETES_CLASSEURS["ddrc"], tous_les_onglets=True)
    assert list(donnees.columns) == ["projet", "no_ligne_excel", *ENTETES_CLASSEURS["ddrc"].values()]
    assert donnees["projet"].tolist() == ["Projet A", "Projet B"]
    assert donnees["no_ligne_excel"].tolist() == ["2", "3"]
    assert donnees["nom"].tolist() == ["A1", "B1"]


def test_entete_en_ligne_4_sous_titre_et_notes(tmp_path: Path) -> None:
    chemin = _classeur(tmp_path / "dgtnri_services_numeriques.xlsx", {
        "Notes": [["rien"]],
        "Suivi 6.1.1": [
            ["Suivi de l'indicateur 6.1.1"],
            ["Note : saisir une ligne par service"],
            [],
            ENTETE_DGTNRI,
            ["SN-001", "Portail", dt.datetime(2023, 6, 15), "Oui", "Non", "Sondage", "DGTNRI", None],
        ],
    })
    donnees = lire_xlsx(chemin, ENTETES_CLASSEURS["dgtnri"], onglet="Suivi 6.1.1", ligne_entete=4)
    assert list(donnees.columns) == ["no_ligne_excel", *ENTETES_CLASSEURS["dgtnri"].values()]
    assert donnees.to_dict("records") == [{
        "no_ligne_excel": "5", "identifiant": "SN-001", "service_numerique": "Portail",
        "date_mise_en_ligne": "2023-06-15", "nouveau_service": "Oui",
        "participation_clientele_amont": "Non", "mode_consultation": "Sondage",
        "direction_responsable": "DGTNRI", "commentaire": None,
    }]


def test_onglet_manquant_erreur_claire(tmp_path: Path) -> None:
    chemin = _classeur(tmp_path / "dgtnri_services_numeriques.xlsx", {"Feuil1": [ENTETE_DGTNRI]})
    with pytest.raises(ErreurExtrait, match=r"dgtnri_services_numeriques\.xlsx n'a pas d'onglet « Suivi 6\.1\.1 »"):
        lire_xlsx(chemin, ENTETES_CLASSEURS["dgtnri"], onglet="Suivi 6.1.1", ligne_entete=4)


def test_entete_manquant_erreur_claire(tmp_path: Path) -> None:
    entete = [nom for nom in ENTETE_DDRC if nom != "Date de naissance"]
    chemin = _classeur(tmp_path / "ddrc_projets_recrutement.xlsx", {"Projet A": [entete]})
    with pytest.raises(ErreurExtrait, match=r"ddrc_projets_recrutement\.xlsx.*manquant.*Date de naissance"):
        lire_xlsx(chemin, ENTETES_CLASSEURS["ddrc"], tous_les_onglets=True)


def test_entete_inconnu_erreur_claire(tmp_path: Path) -> None:
    chemin = _classeur(tmp_path / "ddrc_projets_recrutement.xlsx", {"Projet A": [[*ENTETE_DDRC, "Courriel"]]})
    with pytest.raises(ErreurExtrait, match=r"ddrc_projets_recrutement\.xlsx.*inconnu.*Courriel"):
        lire_xlsx(chemin, ENTETES_CLASSEURS["ddrc"], tous_les_onglets=True)


def test_fichier_manquant_erreur_claire(tmp_path: Path) -> None:
    with pytest.raises(ErreurExtrait, match=r"introuvable.*ddrc_projets_recrutement\.xlsx"):
        lire_xlsx(tmp_path / "ddrc_projets_recrutement.xlsx", ENTETES_CLASSEURS["ddrc"], tous_les_onglets=True)


def test_apostrophe_courbe_et_espaces_dans_l_entete_acceptes(tmp_path: Path) -> None:
    entete = [nom.replace("'", "’") + "  " for nom in ENTETE_DDRC]
    chemin = _classeur(tmp_path / "ddrc_projets_recrutement.xlsx", {
        "P": [entete, ["N", "P", "01/01/1990", "FRA", "3012", "01/06/2023", None]],
    })
    donnees = lire_xlsx(chemin, ENTETES_CLASSEURS["ddrc"], tous_les_onglets=True)
    assert donnees["date_debut_accompagnement"].tolist() == ["2023-06-01"]


def test_cible_lint_classeur_absent_donne_une_table_vide(tmp_path: Path) -> None:
    """Cible lint (extrait_absent_vide) : la compilation ne demande pas de données; hors de
    cette option, un classeur absent reste une erreur qui nomme le fichier."""
    source = SourceConfig(
        name="ddrc", identifier="ddrc_projets_recrutement", schema="brut", database=None, tags=[],
        meta={"format": "xlsx", "fichier": str(tmp_path / "ddrc_projets_recrutement.xlsx"), "entetes": "ddrc",
              "tous_les_onglets": True},
    )
    vide = Plugin("extraits_mifi", {"extrait_absent_vide": True}).load(source)
    assert len(vide) == 0
    assert list(vide.columns) == ["projet", "no_ligne_excel", *ENTETES_CLASSEURS["ddrc"].values()]
    with pytest.raises(ErreurExtrait, match=r"ddrc_projets_recrutement\.xlsx"):
        Plugin("extraits_mifi", {}).load(source)
