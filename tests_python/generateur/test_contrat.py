"""Conformité des 17 extraits au contrat (docs/contrat_extraits.md) : encodage, BOM,
séparateur, fins de ligne, en-têtes dans l'ordre, formats de date, types; seules les lignes
délibérément invalides (comptées dans verite.json) s'écartent des types."""

from __future__ import annotations

import csv
import re
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from .lecture import (
    CONTRAT_CSV,
    ENTETE_DDRC,
    ENTETE_DGTNRI,
    FICHIERS,
    code,
    date_iso,
    date_jma,
    lire_brut,
    lire_ddrc,
    lire_dgtnri,
)

RACINE = Path(__file__).resolve().parents[2]


def _codes_seed(fichier: str, colonne: str) -> set[str]:
    with open(RACINE / "seeds" / fichier, encoding="utf-8") as flux:
        return {l[colonne] for l in csv.DictReader(flux)}


PAYS = _codes_seed("ref_pays.csv", "code_pays")
REGIONS = _codes_seed("ref_regions_administratives.csv", "code_region")
BASCULE = date(2023, 7, 1)

Verif = Callable[[str], bool]


def D(v: str) -> bool: return date_iso(v) is not None and re.fullmatch(r"\d{4}-\d{2}-\d{2}", v) is not None
def Do(v: str) -> bool: return v == "" or D(v)
def J(v: str) -> bool: return date_jma(v) is not None and re.fullmatch(r"\d{2}/\d{2}/\d{4}", v) is not None
def Jo(v: str) -> bool: return v == "" or J(v)
def T(v: str) -> bool: return v.strip() != ""
def To(v: str) -> bool: return True
def B(v: str) -> bool: return v in ("O", "N")
def R(v: str) -> bool: return v in REGIONS
def Ro(v: str) -> bool: return v == "" or R(v)
def A3(v: str) -> bool: return v in PAYS
def A3o(v: str) -> bool: return v == "" or A3(v)
def I(v: str) -> bool: return re.fullmatch(r"\d+", v) is not None
def N12o(v: str) -> bool: return v == "" or (I(v) and 1 <= int(v) <= 12)
def E(*valeurs: str) -> Verif: return lambda v: code(v) in valeurs
def Eo(*valeurs: str) -> Verif: return lambda v: v == "" or code(v) in valeurs
def RE(motif: str) -> Verif: return lambda v: re.fullmatch(motif, v) is not None


CAT = ("TRAVAILLEUR_QUALIFIE", "REGROUPEMENT_FAMILIAL", "REFUGIE", "DEMANDEUR_ASILE", "TRAVAILLEUR_TEMPORAIRE",
       "ETUDIANT_ETRANGER", "AUTRE")
SITU = ("RESIDENT_PERMANENT", "RESIDENT_TEMPORAIRE", "DEMANDEUR_ASILE", "REFUGIE", "CITOYEN_CANADIEN", "AUTRE")
TYPES: dict[str, tuple[Verif, ...]] = {
    "bdi_declarations.csv": (T, T, D, E("ACTIVE", "EXPIREE", "RETIREE", "INVITEE"), D, E("F", "M", "X"), A3, A3,
                             E("SECONDAIRE", "PROFESSIONNEL", "COLLEGIAL", "BACCALAUREAT", "MAITRISE", "DOCTORAT"),
                             B, B, B, I),
    "bdi_experiences.csv": (T, RE(r"\d{4,5}"), E("2016", "2021"), I),
    "bdi_francais.csv": (T, E("TEST", "DIPLOME", "AUTODECLARATION"), N12o, N12o),
    "ref_diagnostics_professions.csv": (I, E("2016", "2021"), RE(r"\d{4,5}"), Eo("0", "A", "B", "C", "D"),
                                        Eo("0", "1", "2", "3", "4", "5"),
                                        E("DEFICIT", "LEGER_DEFICIT", "EQUILIBRE", "SURPLUS")),
    # Pays de naissance vide permis (inconnu : règle « personne immigrante » de 2.2.1).
    "arrima_clients.csv": (T, T, T, D, E("F", "M", "X"), A3o, E(*CAT), Do, Ro),
    "arrima_aq_inscriptions.csv": (T, T, D, B, E("PRE_DEPART", "AU_QUEBEC"), E("ACTIVE", "FERMEE", "ANNULEE"), T),
    "powerapp_aq_rencontres.csv": (T, T, D, E("EVALUATION_BESOINS", "SUIVI", "AUTRE"),
                                   E("TENUE", "ANNULEE", "ABSENCE"), T),
    "arrima_rc_accompagnements.csv": (T, T, E("CRRC", "QUALIFICATIONS_QUEBEC"), D, Do, RE(r"\d{4,5}"),
                                      E("2016", "2021")),
    "arrima_paffarc_aides.csv": (T, T, D, E("ACCORDEE", "REFUSEE", "ANNULEE"), RE(r"(\d+\.\d{2})?"), RE(r"\d{4,5}"),
                                 E("2016", "2021")),
    "ceriges_services.csv": (T, T, T, J, E("H", "F", "X"), A3, E("RP", "RT", "DA", "RF", "CC", "AU"), Jo, T, R,
                             E("V1", "V1A", "V2", "V3", "V4"), lambda v: J(v) and date_jma(v) < BASCULE, T),
    "gsi_services.csv": (T, To, T, T, D, E("F", "M", "X"), A3, E(*SITU), Do, T, R, E("1", "2", "3", "4"),
                         lambda v: D(v) and date_iso(v) >= BASCULE, T),
    "intimm_personnes.csv": (T, D, E("H", "F", "X"), A3o, T,
                             E("RESIDENT_PERMANENT", "RESIDENT_TEMPORAIRE", "DEMANDEUR_ASILE", "REFUGIE",
                               "CITOYEN_CANADIEN"),
                             To, lambda v: v == "" or I(v)),
    "intimm_inscriptions.csv": (T, T, T, E("MIFI", "MEQ"), E("TC", "TP"), E("PRESENCE", "DISTANCE", "EN_LIGNE"),
                                E("OBNL", "CSS", "CEGEP", "UNIVERSITE", "MILIEU_TRAVAIL", "AUTRE"), T, R,
                                E("INDIVIDU", "EMPLOYEUR"), D, D,
                                E("INSCRITE", "EN_COURS", "TERMINEE", "ABANDON", "ANNULEE", "DESISTEMENT"), I, B),
    "intimm_evaluations.csv": (T, E("CO", "PO", "CE", "PE"), E("SOMMATIVE_FINALE", "FORMATIVE"),
                               lambda v: v == "NE" or (N12o(v) and v != ""), D),
    "ref_cours.csv": (T, T, E("FIA", "FIPA", "FRT", "FEL", "FMT", "AUTRE"), B, B, B, N12o, N12o),
}


@pytest.mark.parametrize("nom", sorted(CONTRAT_CSV))
def test_csv_conforme_au_contrat(jeu_aucun: Path, verite_aucun: dict[str, Any], nom: str) -> None:
    encodage, separateur, colonnes = CONTRAT_CSV[nom]
    brut = (jeu_aucun / nom).read_bytes()
    assert brut.startswith(b"\xef\xbb\xbf") == (nom == "gsi_services.csv"), "BOM : GSI seulement"
    assert b"\r" not in brut, "fins de ligne \\n attendues"
    texte = brut.decode(encodage)  # strict
    if encodage == "cp1252" and any(ord(c) > 127 for c in texte):
        with pytest.raises(UnicodeDecodeError):
            brut.decode("utf-8")
    entete, lignes = lire_brut(jeu_aucun, nom)
    assert tuple(entete) == colonnes
    assert all(len(l) == len(colonnes) for l in lignes), f"séparateur « {separateur} » attendu partout"
    comptes = verite_aucun["comptes"][nom]
    assert len(lignes) == comptes["lignes"]
    verifs = TYPES[nom]
    non_conformes = [l for l in lignes if not all(v(x) for v, x in zip(verifs, l))]
    assert len(non_conformes) == comptes["invalides"], non_conformes[:5]


def test_identifiants_et_codes_gardent_leurs_zeros(jeu_aucun: Path) -> None:
    _, lignes = lire_brut(jeu_aucun, "ceriges_services.csv")
    assert any(l[0].startswith("0") for l in lignes)
    assert {l[9] for l in lignes} <= REGIONS and any(r.startswith("0") for r in {l[9] for l in lignes})
    _, exp = lire_brut(jeu_aucun, "bdi_experiences.csv")
    assert any(l[1].startswith("0") for l in exp), "codes CNP à zéro de tête (ex. 0013)"


def test_dates_bdi_versions_cnp(jeu_aucun: Path) -> None:
    _, exp = lire_brut(jeu_aucun, "bdi_experiences.csv")
    assert all(len(l[1]) == (4 if l[2] == "2016" else 5) for l in exp if l[2] in ("2016", "2021"))
    _, diag = lire_brut(jeu_aucun, "ref_diagnostics_professions.csv")
    versions = {(int(l[0]), l[1]) for l in diag if l[5] != "PENURIE"}
    assert (2022, "2016") in versions and (2023, "2016") in versions and (2023, "2021") in versions
    assert (2022, "2021") not in versions and (2024, "2016") not in versions
    assert all((l[3] != "") == (l[1] == "2016") and (l[4] != "") == (l[1] == "2021") for l in diag)


def test_ddrc_un_onglet_par_projet(jeu_aucun: Path, verite_aucun: dict[str, Any]) -> None:
    feuilles = lire_ddrc(jeu_aucun)
    assert len(feuilles) >= 5
    n, textes, invalides = 0, 0, 0
    for titre, lignes in feuilles.items():
        assert len(titre) <= 31
        assert lignes[0] == ENTETE_DDRC
        for l in lignes[1:]:
            n += 1
            assert isinstance(l[0], str) and isinstance(l[1], str) and isinstance(l[4], str) and l[4].isdigit()
            valides = True
            for i in (2, 5, 6):
                v = l[i]
                if v is None and i == 6:
                    continue
                if isinstance(v, str):
                    textes += 1
                    valides &= date_jma(v) is not None
                else:
                    assert isinstance(v, (date, datetime))
            invalides += not valides
    comptes = verite_aucun["comptes"]["ddrc_projets_recrutement.xlsx"]
    assert n == comptes["lignes"] and invalides == comptes["invalides"]
    assert textes > 0, "quelques dates saisies en texte JJ/MM/AAAA"


def test_dgtnri_onglet_et_entete_en_ligne_4(jeu_aucun: Path, verite_aucun: dict[str, Any]) -> None:
    assert openpyxl.load_workbook(jeu_aucun / "dgtnri_services_numeriques.xlsx").sheetnames == ["Suivi 6.1.1"]
    lignes = lire_dgtnri(jeu_aucun)
    for i in range(3):
        assert isinstance(lignes[i][0], str) and lignes[i][0] and all(v is None for v in lignes[i][1:])
    assert lignes[3] == ENTETE_DGTNRI
    donnees = lignes[4:]
    assert len(donnees) == verite_aucun["comptes"]["dgtnri_services_numeriques.xlsx"]["lignes"]
    assert 25 <= len({l[0] for l in donnees}) <= 40
    for l in donnees:
        assert l[3] in ("Oui", "Non") and l[4] in ("Oui", "Non")
        assert isinstance(l[2], (date, datetime)) or date_jma(l[2]) is not None
    assert any(l[3] == "Non" for l in donnees)


def test_dix_sept_fichiers_et_rien_d_autre(jeu_aucun: Path) -> None:
    assert sorted(p.name for p in jeu_aucun.iterdir()) == sorted([*FICHIERS, "verite.json"])
