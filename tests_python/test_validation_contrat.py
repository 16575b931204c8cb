"""Contrat des extraits en Python, suites versionnées et lecture contrôlée (sans point de contrôle GX)."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import great_expectations as gx
import pytest
from openpyxl import Workbook

from mifi.validation.contrat_extraits import (
    EXTRAITS,
    FORMAT_ISO,
    FORMAT_JJ_MM_AAAA,
    Format,
    Type,
    extrait,
    regex_annees,
    regex_entier,
)
from mifi.validation.execution import (
    ecrire_historique,
    lire_historique,
    verifier_fraicheur,
    volumes_precedents,
)
from mifi.validation.lecture import ErreurLecture, decoder, lire_extrait
from mifi.validation.suites import DOSSIER_SUITES, parametres_attentes, suite, suites_derivees

FICHIERS_DU_CONTRAT = {
    "bdi_declarations.csv", "bdi_experiences.csv", "bdi_francais.csv", "ref_diagnostics_professions.csv",
    "arrima_clients.csv", "arrima_aq_inscriptions.csv", "powerapp_aq_rencontres.csv",
    "arrima_rc_accompagnements.csv", "arrima_paffarc_aides.csv", "ddrc_projets_recrutement.xlsx",
    "ceriges_services.csv", "gsi_services.csv", "intimm_personnes.csv", "intimm_inscriptions.csv",
    "intimm_evaluations.csv", "ref_cours.csv", "dgtnri_services_numeriques.xlsx",
}


def test_dix_sept_extraits() -> None:
    assert {e.fichier for e in EXTRAITS} == FICHIERS_DU_CONTRAT
    assert len(EXTRAITS) == 17


@pytest.mark.parametrize(
    ("fichier", "encodage", "separateur", "format_date"),
    [
        ("ceriges_services.csv", "cp1252", ";", FORMAT_JJ_MM_AAAA),
        ("intimm_personnes.csv", "cp1252", ";", FORMAT_ISO),
        ("gsi_services.csv", "utf-8-sig", ",", FORMAT_ISO),
        ("arrima_clients.csv", "utf-8", ",", FORMAT_ISO),
        ("ref_cours.csv", "utf-8", ",", FORMAT_ISO),
        ("bdi_declarations.csv", "utf-8", ",", FORMAT_ISO),
    ],
)
def test_familles_du_contrat(fichier: str, encodage: str, separateur: str, format_date: str) -> None:
    e = extrait(fichier)
    assert (e.encodage, e.separateur, e.format_date) == (encodage, separateur, format_date)


def test_classeurs_excel() -> None:
    dgtnri = extrait("dgtnri_services_numeriques.xlsx")
    assert (dgtnri.format, dgtnri.onglet, dgtnri.ligne_entete) == (Format.XLSX, "Suivi 6.1.1", 4)
    ddrc = extrait("ddrc_projets_recrutement.xlsx")
    assert (ddrc.format, ddrc.onglet, ddrc.ligne_entete) == (Format.XLSX, None, 1)
    assert ddrc.entete == ["Nom", "Prénom", "Date de naissance", "Pays de naissance", "Code CNP",
                           "Début de l'accompagnement", "Fin de l'accompagnement"]


def test_identifiants_uniques_du_contrat() -> None:
    uniques = {(e.fichier, cle) for e in EXTRAITS for cle in e.cles_uniques}
    assert {
        ("arrima_clients.csv", ("id_arrima",)), ("intimm_personnes.csv", ("no_client",)),
        ("intimm_inscriptions.csv", ("no_inscription",)), ("arrima_aq_inscriptions.csv", ("id_inscription_aq",)),
        ("powerapp_aq_rencontres.csv", ("id_rencontre",)), ("bdi_declarations.csv", ("no_declaration",)),
    } <= uniques


def test_colonnes_coherentes() -> None:
    for e in EXTRAITS:
        assert len(set(e.entete)) == len(e.entete), e.fichier
        for cle in e.cles_uniques + e.cles_indicatives:
            assert set(cle) <= set(e.entete), e.fichier
        for colonne in e.colonnes:
            assert (colonne.type is Type.CODE) == bool(colonne.codes), (e.fichier, colonne.nom)
            assert all(code == code.strip().upper() for code in colonne.codes), (e.fichier, colonne.nom)


# --- Suites versionnées ---------------------------------------------------------------------------

def test_suites_versionnees_synchronisees_avec_le_contrat() -> None:
    assert suites_derivees() == [], (
        "Suites versionnées différentes du contrat : régénérer avec `python -m mifi.validation.suites`."
    )
    assert {p.name for p in DOSSIER_SUITES.glob("*.json")} == {f"{e.nom}.json" for e in EXTRAITS}


def test_suites_chargees_par_great_expectations() -> None:
    for e in EXTRAITS:
        chargee = gx.ExpectationSuite(**json.loads((DOSSIER_SUITES / f"{e.nom}.json").read_text(encoding="utf-8")))
        assert chargee.name == e.nom
        assert len(chargee.expectations) == len(suite(e)["expectations"])


def test_chaque_suite_couvre_le_contrat() -> None:
    for e in EXTRAITS:
        attentes = suite(e)["expectations"]
        types = [a["type"] for a in attentes]
        assert types[0] == "expect_table_columns_to_match_ordered_list"
        assert attentes[0]["kwargs"]["column_list"][: len(e.entete)] == e.entete
        assert "expect_table_row_count_to_be_between" in types
        colonnes_testees = {a["kwargs"].get("column") for a in attentes}
        for colonne in e.colonnes:
            if colonne.type is not Type.TEXTE and colonne.type is not Type.IDENTIFIANT:
                assert colonne.nom in colonnes_testees, (e.fichier, colonne.nom)
        for cle in e.cles_uniques:
            assert any(
                a["type"].endswith("_to_be_unique") and a["severity"] == "critical"
                and (a["kwargs"].get("column") == cle[0] or a["kwargs"].get("column_list") == list(cle))
                for a in attentes
            ), (e.fichier, cle)


def test_parametres_de_nuit() -> None:
    parametres = parametres_attentes(dt.date(2026, 10, 31), {"arrima_clients.csv": 1000})
    assert parametres["nb_lignes_min__arrima_clients"] == 700
    assert parametres["nb_lignes_max__arrima_clients"] == 1301
    assert parametres["nb_lignes_min_souple__arrima_clients"] == 900
    assert parametres["nb_lignes_min__ref_cours"] == 1 and parametres["nb_lignes_max__ref_cours"] is None
    # chaque paramètre utilisé par une suite a une valeur
    utilises = set(re.findall(r'"\$PARAMETER": "([^"]+)"', "".join(json.dumps(suite(e)) for e in EXTRAITS)))
    assert utilises <= set(parametres)


@pytest.mark.parametrize(
    ("premiere", "derniere", "format_date", "valeur", "attendu"),
    [
        (1900, 2026, FORMAT_ISO, "1900-01-01", True),
        (1900, 2026, FORMAT_ISO, "2026-12-31", True),
        (1900, 2026, FORMAT_ISO, "2027-01-01", False),
        (1900, 2026, FORMAT_ISO, "1899-12-31", False),
        (1990, 2028, FORMAT_JJ_MM_AAAA, "01/02/2028", True),
        (1990, 2028, FORMAT_JJ_MM_AAAA, "01/02/0202", False),
        (1990, 2028, FORMAT_JJ_MM_AAAA, "01/02/1989", False),
    ],
)
def test_regex_annees(premiere: int, derniere: int, format_date: str, valeur: str, attendu: bool) -> None:
    assert bool(re.search(regex_annees(premiere, derniere, format_date), valeur)) is attendu


def test_regex_annees_exhaustive() -> None:
    motif = regex_annees(1987, 2031, FORMAT_ISO)
    for annee in range(1000, 3000):
        assert bool(re.search(motif, f"{annee}-01-01")) is (1987 <= annee <= 2031), annee


def test_regex_entier() -> None:
    un_a_douze = regex_entier(1, 12)
    assert [v for v in ["0", "1", "07", "12", "13", "1.5", "x", "-1"] if re.search(un_a_douze, v)] == ["1", "07", "12"]
    assert [v for v in ["0", "42", "-1", "4.2"] if re.search(regex_entier(0, None), v)] == ["0", "42"]


# --- Décodage ----------------------------------------------------------------------------------------

CERIGES = extrait("ceriges_services.csv")
GSI = extrait("gsi_services.csv")
ARRIMA = extrait("arrima_clients.csv")


def test_cp1252_attendu_utf8_recu() -> None:
    with pytest.raises(ErreurLecture, match=r"ceriges_services\.csv : .*UTF-8.*Windows-1252"):
        decoder(CERIGES, "nom;prenom\nCôté;Hélène\n".encode("utf-8"))


def test_cp1252_attendu_utf8_avec_bom_recu() -> None:
    with pytest.raises(ErreurLecture, match="BOM"):
        decoder(CERIGES, b"\xef\xbb\xbfnom;prenom\nA;B\n")


def test_cp1252_valide_y_compris_caracteres_propres_a_windows_1252() -> None:
    texte = "nom;prenom\nŒuvrard;Zoé\nD’Amours;Noël\n"
    assert decoder(CERIGES, texte.encode("cp1252")) == (texte, [])


def test_cp1252_ascii_seul_accepte() -> None:
    assert decoder(CERIGES, b"nom;prenom\nA;B\n")[0] == "nom;prenom\nA;B\n"


def test_encodage_melange_refuse() -> None:
    # une ligne en UTF-8 dans un fichier Windows-1252 : pas de l'UTF-8 valide, mais « Ã© » au
    # décodage; le fichier se décoderait sans erreur avec des valeurs fausses : refusé (issue
    # « Aucun chiffre faux en silence », point 5), la ligne fautive citée.
    contenu = "nom;prenom\nCôté;Hélène\n".encode("cp1252") + "Bélanger;Zoé\n".encode("utf-8")
    with pytest.raises(ErreurLecture, match=r"ceriges_services\.csv : encodage mélangé : 1 ligne\(s\).*lignes 3\)"):
        decoder(CERIGES, contenu)


def test_utf8_attendu_cp1252_recu() -> None:
    with pytest.raises(ErreurLecture, match=r"arrima_clients\.csv : .*pas en UTF-8.*ligne 2"):
        decoder(ARRIMA, "nom,prenom\nCôté,Hélène\n".encode("cp1252"))


def test_bom_gsi() -> None:
    assert decoder(GSI, "\ufeffa,b\n".encode("utf-8"))[1] == []
    assert "BOM" in decoder(GSI, b"a,b\n")[1][0]
    assert "BOM" in decoder(ARRIMA, b"\xef\xbb\xbfa,b\n")[1][0]


# --- Lecture ------------------------------------------------------------------------------------------

def _ecrire(dossier: Path, fichier: str, texte: str, encodage: str = "utf-8") -> Path:
    dossier.mkdir(parents=True, exist_ok=True)
    (dossier / fichier).write_bytes(texte.encode(encodage))
    return dossier


ENTETE_ARRIMA = ",".join(ARRIMA.entete)


def test_lecture_normalise_comme_le_staging(tmp_path: Path) -> None:
    texte = (
        f"{ENTETE_ARRIMA}\n"
        "A1,Côté,Zoé,1980-01-02, f ,fra,REFUGIE,,01\n"
        "A1,Côté,Zoé,1980-01-02, f ,fra,REFUGIE,,01\n"
        "A2, Roy ,Léa,1990-05-06,M,HTI,autre , ,17\n"
    )
    lecture = lire_extrait(ARRIMA, _ecrire(tmp_path, "arrima_clients.csv", texte))
    donnees = lecture.donnees
    assert list(donnees.columns) == [*ARRIMA.entete, "_occurrence"]
    assert donnees["sexe"].tolist() == ["F", "F", "M"]
    assert donnees["pays_naissance"].tolist() == ["FRA", "FRA", "HTI"]
    assert donnees["categorie_immigration"].tolist() == ["REFUGIE", "REFUGIE", "AUTRE"]
    assert donnees["nom"].tolist() == ["Côté", "Côté", "Roy"]
    assert donnees["date_arrivee_quebec"].isna().all()
    assert donnees["_occurrence"].tolist() == [1, 2, 1]


def test_lecture_ligne_sans_fin_de_ligne_avertit(tmp_path: Path) -> None:
    texte = f"{ENTETE_ARRIMA}\nA1,Côté,Zoé,1980-01-02,F,FRA,REFUGIE,,01"
    lecture = lire_extrait(ARRIMA, _ecrire(tmp_path, "arrima_clients.csv", texte))
    assert lecture.nb_lignes == 1
    assert any("fin de ligne" in a for a in lecture.avertissements)


def test_lecture_separateur_dans_valeur_sans_guillemets(tmp_path: Path) -> None:
    texte = f"{ENTETE_ARRIMA}\nA1,Côté, Jr,Zoé,1980-01-02,F,FRA,REFUGIE,,01\n"
    with pytest.raises(ErreurLecture, match=r"arrima_clients\.csv, ligne 2 : 10 champ\(s\) au lieu de 9"):
        lire_extrait(ARRIMA, _ecrire(tmp_path, "arrima_clients.csv", texte))


def test_lecture_colonnes_deplacees(tmp_path: Path) -> None:
    colonnes = ARRIMA.entete
    entete = ",".join([colonnes[1], colonnes[0], *colonnes[2:]])
    with pytest.raises(ErreurLecture, match="autre ordre"):
        lire_extrait(ARRIMA, _ecrire(tmp_path, "arrima_clients.csv", f"{entete}\n"))


def test_lecture_entete_seulement(tmp_path: Path) -> None:
    assert lire_extrait(ARRIMA, _ecrire(tmp_path, "arrima_clients.csv", f"{ENTETE_ARRIMA}\n")).nb_lignes == 0


def test_lecture_classeur_corrompu(tmp_path: Path) -> None:
    ddrc = extrait("ddrc_projets_recrutement.xlsx")
    with pytest.raises(ErreurLecture, match=r"ddrc_projets_recrutement\.xlsx : classeur Excel illisible"):
        lire_extrait(ddrc, _ecrire(tmp_path, ddrc.fichier, "ceci n'est pas un classeur"))


def test_lecture_dgtnri_entete_ligne_4_et_dates(tmp_path: Path) -> None:
    dgtnri = extrait("dgtnri_services_numeriques.xlsx")
    classeur = Workbook()
    feuille = classeur.active
    feuille.title = "Suivi 6.1.1"
    feuille.append(["Titre"])
    feuille.append(["Notes"])
    feuille.append([])
    feuille.append(dgtnri.entete)
    feuille.append(["S1", "Portail", dt.datetime(2024, 5, 6), "Oui", "Non", "Web", "DGTNRI", None])
    feuille.append(["S2", "Rendez-vous", "07/08/2025", " oui", "Oui", "Web", "DGTNRI", "texte"])
    feuille.append([None] * 8)
    classeur.save(tmp_path / dgtnri.fichier)
    lecture = lire_extrait(dgtnri, tmp_path)
    assert lecture.donnees["Date de mise en ligne"].tolist() == ["06/05/2024", "07/08/2025"]
    assert lecture.donnees["Nouveau service"].tolist() == ["OUI", "OUI"]
    assert lecture.nb_lignes == 2


# --- Historique des volumes -------------------------------------------------------------------------

def test_historique_des_volumes(tmp_path: Path) -> None:
    historique = lire_historique(tmp_path)
    assert historique == {}
    ecrire_historique(tmp_path, historique, {"a.csv": 100}, dt.date(2026, 10, 30))
    ecrire_historique(tmp_path, lire_historique(tmp_path), {"a.csv": 120}, dt.date(2026, 10, 31))
    relu = lire_historique(tmp_path)
    assert [n["nb_lignes"] for n in relu["a.csv"]] == [100, 120]
    # la nuit du 31 relancée se compare à la veille, pas à elle-même
    assert volumes_precedents(relu, dt.date(2026, 10, 31)) == {"a.csv": 100}
    assert volumes_precedents(relu, dt.date(2026, 11, 1)) == {"a.csv": 120}
    ecrire_historique(tmp_path, relu, {"a.csv": 130}, dt.date(2026, 10, 31))
    assert [n["nb_lignes"] for n in lire_historique(tmp_path)["a.csv"]] == [100, 130]


# --- Fraîcheur ---------------------------------------------------------------------------------------

INSCRIPTIONS_AQ = extrait("arrima_aq_inscriptions.csv")


def _inscriptions(tmp_path: Path, dates: list[str]) -> object:
    lignes = [",".join(INSCRIPTIONS_AQ.entete)] + [f"I{i},A{i},{d},O,AU_QUEBEC,ACTIVE,DR1" for i, d in enumerate(dates)]
    return lire_extrait(INSCRIPTIONS_AQ, _ecrire(tmp_path, INSCRIPTIONS_AQ.fichier, "\n".join(lignes) + "\n"))


def test_fraicheur_sur_les_seules_dates_valides(tmp_path: Path) -> None:
    # « 2026-13-01 » (invalide) et une date future ne masquent pas un extrait périmé
    lecture = _inscriptions(tmp_path, ["2026-05-01", "2026-13-01", "2027-01-15"])
    message = verifier_fraicheur(lecture, dt.date(2026, 10, 31))
    assert message is not None and "arrima_aq_inscriptions.csv" in message and "2026-05-01" in message


def test_fraicheur_respectee(tmp_path: Path) -> None:
    lecture = _inscriptions(tmp_path, ["2026-05-01", "2026-10-20", "2026-13-01"])
    assert verifier_fraicheur(lecture, dt.date(2026, 10, 31)) is None
