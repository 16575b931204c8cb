"""Issue « Aucun chiffre faux en silence » (points 3, 4, 5, 7; cas du point 9) : défauts
réalistes injectés dans une copie des extraits générés, nuit lancée, et soit elle échoue avec un
message français qui nomme le fichier (la publication précédente restant identique octet pour
octet), soit elle publie les chiffres de la vérité.

Un seul jeu d'extraits (générateur, échelle 0,02, comme ``test_nuit.py``) et une seule première
publication (``premiere_nuit``) sont partagés; chaque cas travaille dans son propre dossier de
travail, et ceux qui publient le font sur une copie de la publication.

1. extrait remplacé dans le dossier source après la validation (première nuit) : la nuit
   publie la vérité des octets validés (copie figée), et le signale;
2. copie figée modifiée avant la publication : erreur qui nomme le fichier (outils);
3. ``--date-extraction`` antérieure à la dernière publiée : refusée, puis acceptée avec
   ``--republier``; les évènements datés jusqu'à 3 jours après cette date sont dans la
   tolérance : avertissement, publication;
4. évènements datés au-delà de la tolérance : erreur (fichier, colonne, nombre, date maximale);
5. fichier Windows-1252 dont quelques lignes sont en UTF-8 : erreur qui cite les lignes;
   UTF-16 et BOM UTF-8 sur un fichier Windows-1252 : messages qui les nomment;
6. révision de plus de 5 % d'une fenêtre terminée : erreur (indicateur, période, granularité,
   ancienne et nouvelle valeur), puis publiée avec ``--accepter-revisions``;
7. dates de naissance avant 1900 ou après la date d'extraction : quarantaine en staging.
"""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import io
import json
import os
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

import mifi.nuit.orchestration as module_nuit
from mifi.environnement import SANS_TELEMETRIE
from mifi.nuit.controles import controler_extraits
from mifi.nuit.garde_fous import figer_extraits, verifier_extraits_figes
from mifi.validation import valider_extraits
from outils_dbt import Construction, comparer_a_la_verite, dbt
from test_nuit import (
    DATE,
    DATE_REVISION,
    Nuit,
    _detail,
    ajouter_lignes,
    empreinte_publication,
    generer_extraits,
    lancer_nuit,
    lire_parquet,
)

RACINE = Path(__file__).resolve().parents[1]
DATE_ANTERIEURE = "2026-10-28"  # 3 jours avant DATE : évènements du 29 au 31 dans la tolérance
FICHIER_REMPLACE = "gsi_services.csv"  # alimente 3.1.2


@dataclass
class Publication:
    extraits: Path
    publication: Path
    nuit: Nuit
    empreinte: dict[str, str]
    source_apres_nuit: bytes
    source_avant_nuit: bytes
    travail: Path


def garder_une_ligne_sur_dix(chemin: Path) -> None:
    """Réécrit le fichier sur place (même inode) en ne gardant qu'une ligne de données sur dix."""
    lignes = chemin.read_bytes().splitlines(keepends=True)
    with open(chemin, "r+b") as fichier:
        fichier.write(b"".join(lignes[:1] + lignes[1::10]))
        fichier.truncate()


def copier_publication(premiere: Publication, cible: Path, travail: Path) -> Path:
    """Copie de la publication et de l'historique des nuits publiées, que garde l'espace de
    travail (``<travail>/historique.duckdb`` : jamais publié) : ``travail`` reprend là où la
    première nuit s'est arrêtée."""
    shutil.copytree(premiere.publication, cible, symlinks=True)
    travail.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(premiere.travail / "historique.duckdb", travail / "historique.duckdb")
    return cible


def copier_extraits(extraits: Path, cible: Path) -> Path:
    shutil.copytree(extraits, cible)
    return cible


@pytest.fixture(scope="module")
def extraits_generes(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Le jeu d'extraits partagé (générateur, échelle 0,02, sans bruit), jamais modifié."""
    return generer_extraits(tmp_path_factory.mktemp("extraits_generes") / "extraits")


@pytest.fixture(scope="module")
def premiere_nuit(extraits_generes: Path, tmp_path_factory: pytest.TempPathFactory) -> Publication:
    """Première publication, pendant laquelle l'extrait gsi_services.csv est remplacé dans le
    dossier source juste après la validation (un dixième de ses lignes) : la nuit est lancée
    dans ce processus, l'étape de validation enveloppée pour réécrire la source."""
    base = tmp_path_factory.mktemp("controles")
    extraits = extraits_generes
    source = copier_extraits(extraits, base / "source_premiere_nuit")
    avant = (source / FICHIER_REMPLACE).read_bytes()
    valider_original = module_nuit.valider

    def valider_puis_remplacer(chemins: Any, mode: str, etat: Any) -> None:
        valider_original(chemins, mode, etat)
        garder_une_ligne_sur_dix(source / FICHIER_REMPLACE)

    chemins = module_nuit.Chemins(
        projet=RACINE, extraits=source, publication=base / "publication", travail=base / "travail",
        date_extraction=DATE,
    )
    chemins.publication.mkdir()
    chemins.travail.mkdir()
    sortie, erreurs = io.StringIO(), io.StringIO()
    with pytest.MonkeyPatch.context() as patch, contextlib.redirect_stdout(sortie), contextlib.redirect_stderr(erreurs):
        patch.setattr(module_nuit, "valider", valider_puis_remplacer)
        for variable, valeur in SANS_TELEMETRIE.items():
            patch.setenv(variable, valeur)
        patch.delenv("MIFI_EXTRAITS_DIR", raising=False)
        code = module_nuit.nuit(chemins, "auto", None)
    nuit = Nuit(code, sortie.getvalue(), erreurs.getvalue())
    assert code == 0, _detail(nuit)
    return Publication(extraits, chemins.publication, nuit, empreinte_publication(chemins.publication),
                       (source / FICHIER_REMPLACE).read_bytes(), avant, chemins.travail)


def _echec_sans_publication(nuit: Nuit, publication: Path, avant: dict[str, str]) -> str:
    assert nuit.code == 1, _detail(nuit)
    assert "Rien n'a été publié" in nuit.erreurs, _detail(nuit)
    assert empreinte_publication(publication) == avant, "la publication précédente a été modifiée"
    return nuit.erreurs


# --- 1. Extraits figés ---------------------------------------------------------------------

def test_extrait_remplace_apres_validation_la_nuit_publie_les_octets_valides(premiere_nuit: Publication) -> None:
    # La source a bien été remplacée pendant la nuit (un dixième des lignes)...
    assert len(premiere_nuit.source_apres_nuit) < len(premiere_nuit.source_avant_nuit) / 5
    # ... mais 3.1.2 publié est la vérité des extraits validés (non au dixième de sa valeur).
    verite = json.loads((premiere_nuit.extraits / "verite.json").read_text(encoding="utf-8"))
    publie = Construction(premiere_nuit.extraits, premiere_nuit.publication / "mifi.duckdb", verite)
    assert publie.resultats("3.1.2"), "3.1.2 n'est pas publié"
    assert comparer_a_la_verite(publie, "3.1.2") == []
    # Le remplacement est signalé, en nommant le fichier.
    avertissement = [ligne for ligne in premiere_nuit.nuit.sortie.splitlines()
                     if FICHIER_REMPLACE in ligne and "remplacé dans le dossier source" in ligne]
    assert avertissement, premiere_nuit.nuit.sortie


def test_copie_figee_modifiee_avant_publication_est_une_erreur(tmp_path: Path) -> None:
    source = tmp_path / "source"
    source.mkdir()
    (source / "ref_cours.csv").write_bytes(b"a,b\n1,2\n")
    (source / "bdi_francais.csv").write_bytes(b"a,b\n3,4\n")
    (source / "autre.csv").write_bytes(b"hors contrat\n")
    figes = figer_extraits(source, tmp_path / "travail", DATE)
    assert figes.dossier == tmp_path / "travail" / "extraits" / DATE
    assert sorted(p.name for p in figes.dossier.iterdir()) == ["bdi_francais.csv", "ref_cours.csv"]
    assert (figes.dossier / "ref_cours.csv").stat().st_ino != (source / "ref_cours.csv").stat().st_ino
    assert "ref_cours.csv" in figes.fichier_empreintes.read_text(encoding="utf-8")
    assert verifier_extraits_figes(figes) == ([], [])
    # Source réécrite sur place : la copie ne bouge pas, simple avertissement.
    (source / "ref_cours.csv").write_bytes(b"a,b\n9,9\n")
    erreurs, avertissements = verifier_extraits_figes(figes)
    assert erreurs == [] and len(avertissements) == 1 and avertissements[0].startswith("ref_cours.csv : ")
    # Copie figée modifiée : erreur qui nomme le fichier.
    copie = figes.dossier / "bdi_francais.csv"
    copie.chmod(0o644)
    copie.write_bytes(b"a,b\n3,5\n")
    erreurs, _ = verifier_extraits_figes(figes)
    assert len(erreurs) == 1 and erreurs[0].startswith("bdi_francais.csv : la copie figée")
    # Une nouvelle nuit repart d'une copie neuve (les anciennes sont supprimées).
    figes_2 = figer_extraits(source, tmp_path / "travail", DATE_REVISION)
    assert [p.name for p in (tmp_path / "travail" / "extraits").iterdir() if p.is_dir()] == [DATE_REVISION]
    assert (figes_2.dossier / "ref_cours.csv").read_bytes() == b"a,b\n9,9\n"


# --- 2. Date d'extraction -------------------------------------------------------------------

def test_date_anterieure_refusee_puis_republiee_avec_avertissement_de_dates_futures(
    premiere_nuit: Publication, tmp_path: Path
) -> None:
    publication = copier_publication(premiere_nuit, tmp_path / "publication", tmp_path / "travail")
    avant = empreinte_publication(publication)
    refusee = lancer_nuit(RACINE, premiere_nuit.extraits, publication, tmp_path / "travail", DATE_ANTERIEURE)
    message = _echec_sans_publication(refusee, publication, avant)
    assert f"--date-extraction {DATE_ANTERIEURE} est antérieure à la dernière date publiée ({DATE}" in message
    assert "--republier" in message

    republiee = lancer_nuit(RACINE, premiere_nuit.extraits, publication, tmp_path / "travail",
                            DATE_ANTERIEURE, "--republier")
    assert republiee.code == 0, _detail(republiee)
    # La version courante est celle de la date republiée (publication/courante -> versions/<date>-<n>).
    assert Path(os.readlink(publication / "courante")).name.startswith(f"{DATE_ANTERIEURE}-")
    assert lire_parquet(publication, "fct_resultats_indicateurs")
    # Évènements des 29 au 31 octobre : dans la tolérance de 7 jours, comptés en avertissement.
    avertissements = [ligne for ligne in republiee.sortie.splitlines()
                      if "dans la tolérance de 7 jour(s)" in ligne]
    assert any(ligne.strip().startswith("Fichier gsi_services.csv, colonne date_service : ")
               and f"postérieure(s) à la date d'extraction {DATE_ANTERIEURE}" in ligne
               for ligne in avertissements), republiee.sortie
    assert "--republier" in republiee.sortie


# --- 3. Évènements datés après la date d'extraction ----------------------------------------

def test_evenements_au_dela_de_la_tolerance_arretent_la_nuit(premiere_nuit: Publication, tmp_path: Path) -> None:
    extraits = copier_extraits(premiere_nuit.extraits, tmp_path / "extraits")
    ajouter_lignes(extraits / "gsi_services.csv", [
        f"99999{n}01,,Futur,Nuit,1985-03-03,F,FRA,RESIDENT_PERMANENT,2020-01-01,ORG00400,06,1,"
        f"{date},Accompagnement individuel"
        for n, date in enumerate(["2027-01-05", "2027-02-15", "2026-11-20"])
    ], "utf-8")
    nuit = lancer_nuit(RACINE, extraits, premiere_nuit.publication, tmp_path / "travail", DATE)
    message = _echec_sans_publication(nuit, premiere_nuit.publication, premiere_nuit.empreinte)
    assert ("Fichier gsi_services.csv, colonne date_service : 3 date(s) postérieure(s) à la date "
            f"d'extraction {DATE} de plus de 7 jour(s) (la plus tardive : 2027-02-15)") in message, message


# --- 4. Encodages ---------------------------------------------------------------------------

def _lignes_accentuees_en_utf8(chemin: Path, nombre: int) -> list[int]:
    """Réencode en UTF-8 les ``nombre`` premières lignes accentuées d'un fichier Windows-1252;
    rend leurs numéros (en-tête = 1)."""
    lignes = chemin.read_bytes().split(b"\n")
    choisies = [i for i, ligne in enumerate(lignes) if i > 0 and max(ligne, default=0) > 0x7F][:nombre]
    assert len(choisies) == nombre, f"{chemin.name} : pas assez de lignes accentuées"
    for i in choisies:
        lignes[i] = lignes[i].decode("cp1252").encode("utf-8")
    chemin.write_bytes(b"\n".join(lignes))
    return [i + 1 for i in choisies]


def test_fichier_cp1252_avec_quelques_lignes_utf8_arrete_la_nuit(premiere_nuit: Publication, tmp_path: Path) -> None:
    extraits = copier_extraits(premiere_nuit.extraits, tmp_path / "extraits")
    numeros = _lignes_accentuees_en_utf8(extraits / "ceriges_services.csv", 3)
    nuit = lancer_nuit(RACINE, extraits, premiere_nuit.publication, tmp_path / "travail", DATE)
    message = _echec_sans_publication(nuit, premiere_nuit.publication, premiere_nuit.empreinte)
    assert ("ceriges_services.csv : encodage mélangé : 3 ligne(s) contiennent des caractères encodés en UTF-8"
            in message), message
    assert f"(lignes {', '.join(map(str, numeros))})" in message, message


@pytest.mark.parametrize(
    ("fichier", "transformer", "indices"),
    [
        ("intimm_personnes.csv", lambda octets: octets.decode("cp1252").encode("utf-16"),
         ["UTF-16", "FF FE, petit-boutiste"]),
        ("powerapp_aq_rencontres.csv", lambda octets: octets.decode("utf-8-sig").encode("utf-16-le"),
         ["UTF-16", "octets nuls"]),
        ("ceriges_services.csv", lambda octets: b"\xef\xbb\xbf" + octets,
         ["BOM", "EF BB BF", "contenu est en Windows-1252", "sans BOM"]),
    ],
    ids=["utf16_avec_bom", "utf16_sans_bom", "bom_utf8_sur_cp1252"],
)
def test_utf16_et_bom_utf8_nommes(premiere_nuit: Publication, tmp_path: Path, fichier: str,
                                  transformer: Any, indices: list[str]) -> None:
    """Validation Great Expectations et contrôles de base de la nuit : même message."""
    extraits = copier_extraits(premiere_nuit.extraits, tmp_path / "extraits")
    chemin = extraits / fichier
    chemin.write_bytes(transformer(chemin.read_bytes()))
    resultat = valider_extraits(extraits, tmp_path / "rapport", date_extraction=dt.date.fromisoformat(DATE),
                                fichiers=[fichier])
    base = controler_extraits(extraits)
    for erreurs in (resultat.erreurs, base.erreurs):
        assert len(erreurs) == 1 and erreurs[0].startswith(f"{fichier} : "), erreurs
        assert all(indice in erreurs[0] for indice in indices), erreurs


# --- 5. Révisions ---------------------------------------------------------------------------

def retirer_services_gsi(chemin: Path, debut: str, fin: str) -> int:
    """Retire les services GSI datés de debut à fin (inclus); rend le nombre de lignes retirées."""
    texte = chemin.read_bytes().decode("utf-8-sig")
    lignes = list(csv.reader(io.StringIO(texte, newline="")))
    i = [c.strip() for c in lignes[0]].index("date_service")
    gardees = [lignes[0]] + [l for l in lignes[1:] if not (l and debut <= l[i].strip() <= fin)]
    tampon = io.StringIO(newline="")
    csv.writer(tampon, lineterminator="\n").writerows(gardees)
    chemin.write_bytes(b"\xef\xbb\xbf" + tampon.getvalue().encode("utf-8"))
    return len(lignes) - len(gardees)


def _valeur(resultats: list[dict[str, Any]], indicateur: str, periode: str, granularite: str) -> float:
    return next(r["valeur"] for r in resultats if r["indicateur_id"] == indicateur
                and r["periode"] == periode and r["granularite"] == granularite)


def test_revision_au_dela_du_seuil_refusee_puis_acceptee(premiere_nuit: Publication, tmp_path: Path) -> None:
    publication = copier_publication(premiere_nuit, tmp_path / "publication", tmp_path / "travail")
    avant = empreinte_publication(publication)
    ancienne = _valeur(lire_parquet(publication, "fct_resultats_indicateurs"), "3.1.2", "2024-2025", "annuelle")
    extraits = copier_extraits(premiere_nuit.extraits, tmp_path / "extraits")
    assert retirer_services_gsi(extraits / "gsi_services.csv", "2024-04-01", "2024-09-30") > 0

    refusee = lancer_nuit(RACINE, extraits, publication, tmp_path / "travail", DATE_REVISION)
    message = _echec_sans_publication(refusee, publication, avant)
    ligne = next((l for l in message.splitlines()
                  if "Révision au-delà du seuil de 5 % : indicateur 3.1.2, période 2024-2025, granularité annuelle"
                  in l), None)
    assert ligne is not None, message
    assert f"valeur publiée {ancienne}" in ligne and f"(nuit du {DATE})" in ligne, ligne
    assert "--accepter-revisions" in ligne

    acceptee = lancer_nuit(RACINE, extraits, publication, tmp_path / "travail", DATE_REVISION,
                           "--accepter-revisions")
    assert acceptee.code == 0, _detail(acceptee)
    nouvelle = _valeur(lire_parquet(publication, "fct_resultats_indicateurs"), "3.1.2", "2024-2025", "annuelle")
    assert nouvelle < ancienne * 0.95
    assert f"nouvelle valeur {nouvelle}" in ligne
    revisions = lire_parquet(publication, "fct_revisions_indicateurs")
    revision = next(r for r in revisions if r["indicateur_id"] == "3.1.2" and r["periode"] == "2024-2025"
                    and r["granularite"] == "annuelle")
    assert (revision["ancienne_valeur"], revision["nouvelle_valeur"]) == (ancienne, nouvelle)
    assert str(revision["date_revision"]) == DATE_REVISION
    assert "--accepter-revisions" in acceptee.sortie


# --- 6. Dates de naissance invraisemblables -------------------------------------------------

def _changer_date_naissance(chemin: Path, separateur: str, encodage: str, valeurs: list[str]) -> None:
    texte = chemin.read_bytes().decode(encodage)
    lignes = list(csv.reader(io.StringIO(texte, newline=""), delimiter=separateur))
    i = [c.strip() for c in lignes[0]].index("date_naissance")
    for numero, valeur in enumerate(valeurs, start=1):
        lignes[numero][i] = valeur
    tampon = io.StringIO(newline="")
    csv.writer(tampon, delimiter=separateur, lineterminator="\n").writerows(lignes)
    chemin.write_bytes(tampon.getvalue().encode(encodage))


def test_dates_de_naissance_invraisemblables_en_quarantaine(extraits_generes: Path, tmp_path: Path) -> None:
    """Avant 1900 ou après la date d'extraction : motif « date_naissance invraisemblable »."""
    extraits = copier_extraits(extraits_generes, tmp_path / "extraits")
    _changer_date_naissance(extraits / "arrima_clients.csv", ",", "utf-8", ["1850-06-01", "2027-01-01", "1900-01-01"])
    _changer_date_naissance(extraits / "intimm_personnes.csv", ";", "cp1252", ["1899-12-31"])
    entrepot = tmp_path / "naissances.duckdb"
    dbt(["run", "--select", "base_arrima__clients", "base_intimm__personnes"], extraits, entrepot, tmp_path / "target")
    construction = Construction(extraits, entrepot, {})
    for modele, attendues in (("base_arrima__clients", ["1850-06-01", "2027-01-01"]),
                              ("base_intimm__personnes", ["1899-12-31"])):
        lignes = construction.requete(
            f"select cast(date_naissance as varchar) from staging.{modele} "
            "where motif_quarantaine = 'date_naissance invraisemblable' order by 1"
        )
        assert [ligne[0] for ligne in lignes] == attendues, (modele, lignes)
