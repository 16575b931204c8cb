"""Le contrat des extraits est écrit une fois (``mifi.validation.contrat_extraits``) : tout
artefact qui le répète en est dérivé, et ce test échoue à la moindre dérive.

- sources dbt ``models/staging/*/_*__sources.yml`` et macro ``macros/contrat_extraits.sql``
  (réécrits par ``python -m mifi.extraits.sources``);
- suites Great Expectations ``gx/expectations/*.json`` (``python -m mifi.validation.suites``);
- tables d'en-têtes des classeurs du greffon, en-têtes écrits par le générateur;
- tables de ``docs/contrat_extraits.md`` (la prose y reste écrite à la main : chaque colonne du
  contrat y figure, dans l'ordre, avec ses codes).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from mifi.extraits import sources
from mifi.generateur.generation import FICHIERS, FICHIERS_CSV
from mifi.lecture_extraits import ENTETES_CLASSEURS
from mifi.validation import suites
from mifi.validation.contrat_extraits import EXTRAITS, REGIONS, Extrait, Format, Type

RACINE = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize("chemin", sorted(sources.fichiers_sources(RACINE)), ids=lambda chemin: chemin.name)
def test_fichiers_dbt_engendres_par_le_contrat(chemin: Path) -> None:
    attendu = sources.fichiers_sources(RACINE)[chemin]
    assert chemin.is_file(), f"{chemin} absent : python -m mifi.extraits.sources"
    assert chemin.read_text(encoding="utf-8") == attendu, (
        f"{chemin.relative_to(RACINE)} diffère du contrat des extraits : modifier le contrat "
        "(src/mifi/validation/contrat_extraits.py), puis python -m mifi.extraits.sources"
    )


def test_aucun_autre_fichier_de_sources_dbt() -> None:
    declares = set(RACINE.glob("models/**/_*__sources.yml"))
    assert declares == {chemin for chemin in sources.fichiers_sources(RACINE) if chemin.suffix == ".yml"}


def test_sources_dbt_lisibles_et_completes() -> None:
    tables: dict[str, dict] = {}
    for chemin in RACINE.glob("models/staging/*/_*__sources.yml"):
        for source in yaml.safe_load(chemin.read_text(encoding="utf-8"))["sources"]:
            for table in source["tables"]:
                tables[table["name"]] = table
    assert set(tables) == {extrait.nom for extrait in EXTRAITS}
    for extrait in EXTRAITS:
        noms = [colonne["name"] for colonne in tables[extrait.nom]["columns"]]
        assert noms[-len(extrait.colonnes):] == [colonne.colonne_dbt for colonne in extrait.colonnes]


@pytest.mark.parametrize("extrait", EXTRAITS, ids=lambda extrait: extrait.nom)
def test_suites_gx_derivees_du_contrat(extrait: Extrait) -> None:
    assert suites.chemin_suite(extrait).read_text(encoding="utf-8") == suites.texte_suite(extrait)


def test_entetes_derives_du_contrat() -> None:
    assert set(FICHIERS) == {extrait.fichier for extrait in EXTRAITS}
    for extrait in EXTRAITS:
        if extrait.fichier in FICHIERS_CSV:
            _, colonnes, encodage, separateur = FICHIERS_CSV[extrait.fichier]
            assert (list(colonnes), encodage, separateur) == (extrait.entete, extrait.encodage, extrait.separateur)
        else:
            assert list(ENTETES_CLASSEURS[extrait.source]) == extrait.entete


def _tables_documentees() -> dict[str, list[tuple[list[str], str]]]:
    """fichier -> lignes du tableau qui suit son titre en gras : (colonnes nommées, valeurs admises)."""
    texte = (RACINE / "docs" / "contrat_extraits.md").read_text(encoding="utf-8")
    tables: dict[str, list[tuple[list[str], str]]] = {}
    courant: str | None = None
    for ligne in texte.splitlines():
        titre = re.match(r"^\*\*`([a-z_0-9]+\.(?:csv|xlsx))`\*\*", ligne)
        if titre:
            courant = titre.group(1)
            tables[courant] = []
        elif courant and ligne.startswith("|") and not ligne.startswith(("| Colonne", "|---")):
            cellules = [cellule.strip() for cellule in ligne.strip("|").split("|")]
            tables[courant].append((re.findall(r"`([^`]+)`", cellules[0]), cellules[-1]))
        elif courant and tables[courant] and not ligne.startswith("|"):
            courant = None
    return tables


def _paragraphe_documente(fichier: str) -> str:
    texte = (RACINE / "docs" / "contrat_extraits.md").read_text(encoding="utf-8")
    debut = texte.index(f"**`{fichier}`**")
    return texte[debut:texte.find("\n\n", debut)]


@pytest.mark.parametrize("extrait", [e for e in EXTRAITS if e.format is Format.XLSX], ids=lambda e: e.nom)
def test_documentation_des_classeurs_conforme_au_contrat(extrait: Extrait) -> None:
    """L'en-tête d'un classeur est décrit dans la prose : tous ses noms, dans l'ordre."""
    nommes = re.findall(r"`([^`]+)`", _paragraphe_documente(extrait.fichier).replace("\n", " "))
    debut = nommes.index(extrait.entete[0])
    assert nommes[debut:debut + len(extrait.entete)] == extrait.entete
    if extrait.onglet:
        assert extrait.onglet in nommes


@pytest.mark.parametrize("extrait", [e for e in EXTRAITS if e.format is Format.CSV], ids=lambda e: e.nom)
def test_documentation_conforme_au_contrat(extrait: Extrait) -> None:
    tables = _tables_documentees()
    assert extrait.fichier in tables, f"docs/contrat_extraits.md ne décrit pas {extrait.fichier}"
    lignes = tables[extrait.fichier]
    documentees = [nom for noms, _ in lignes for nom in noms]
    assert documentees == extrait.entete, f"{extrait.fichier} : colonnes documentées {documentees}"
    admises = {nom: valeurs for noms, valeurs in lignes for nom in noms}
    for colonne in extrait.colonnes:
        if colonne.type is not Type.CODE or colonne.codes == REGIONS:
            continue
        valeurs = admises[colonne.nom]
        # « `0` à `5` » : une plage de codes numériques
        plages = {str(n) for a, b in re.findall(r"`?(\d+)`? à `?(\d+)`?", valeurs) for n in range(int(a), int(b) + 1)}
        documentes = set(re.findall(r"`([^`]+)`", valeurs)) | plages
        manquants = [code for code in colonne.codes if code not in documentes]
        assert not manquants, f"{extrait.fichier}.{colonne.nom} : codes du contrat absents de la doc {manquants}"
