"""Outils du traitement de nuit, sans dbt : contrôles de base du contrat des extraits, bascules
atomiques de la publication, lecture du bilan de dbt."""

from __future__ import annotations

import argparse
import json
import os
from pathlib import Path

import duckdb
import pytest
from openpyxl import Workbook

from mifi.contrat import EXTRAITS, NOMS_EXTRAITS, extrait
from mifi.nuit import etat as etat_nuit
from mifi.nuit import execution_dbt, historique, orchestration, publication
from mifi.nuit.controles import controler_extraits

LIGNES_VALIDES = {
    "ceriges_services.csv": "0001;Tremblay;Hélène;03/04/1980;F;FRA;RP;01/02/2020;ORG1;06;V1;15/05/2023;S1",
    "intimm_personnes.csv": "0001;1980-04-03;F;FRA;Français;RESIDENT_PERMANENT;Travailleur qualifié;16",
}


def ecrire_extraits_minimaux(dossier: Path) -> Path:
    """Les 17 fichiers du contrat : en-tête exact, encodage du contrat, une ligne de données."""
    dossier.mkdir(parents=True, exist_ok=True)
    for fichier in EXTRAITS:
        chemin = dossier / fichier.nom
        if fichier.est_csv:
            separateur = fichier.separateur or ","
            valeurs = []
            for colonne in fichier.colonnes:
                if colonne in fichier.colonnes_dates:
                    valeurs.append("03/04/2020" if fichier.format_date == "JJ/MM/AAAA" else "2020-04-03")
                else:
                    valeurs.append("x")
            ligne = LIGNES_VALIDES.get(fichier.nom, separateur.join(valeurs))
            codec = "cp1252" if fichier.encodage == "cp1252" else fichier.encodage
            chemin.write_bytes((separateur.join(fichier.colonnes) + "\n" + ligne + "\n").encode(codec))
        else:
            classeur = Workbook()
            feuille = classeur.active
            feuille.title = fichier.onglet or "Projet Montréal"
            for _ in range(fichier.ligne_entete - 1):
                feuille.append(["Titre et notes"])
            feuille.append(list(fichier.colonnes))
            classeur.save(chemin)
    return dossier


def test_le_contrat_decrit_les_17_fichiers() -> None:
    assert len(EXTRAITS) == 17 and len(set(NOMS_EXTRAITS)) == 17
    assert extrait("ceriges_services.csv").format_date == "JJ/MM/AAAA"
    assert extrait("gsi_services.csv").encodage == "utf-8-sig"
    assert extrait("intimm_inscriptions.csv").separateur == ";"
    assert extrait("dgtnri_services_numeriques.xlsx").ligne_entete == 4
    for fichier in EXTRAITS:
        assert set(fichier.colonnes_dates) <= set(fichier.colonnes), fichier.nom


def test_extraits_conformes(tmp_path: Path) -> None:
    resultat = controler_extraits(ecrire_extraits_minimaux(tmp_path))
    assert resultat.succes, resultat.erreurs
    assert resultat.erreurs == []


def test_fichier_absent_nomme(tmp_path: Path) -> None:
    dossier = ecrire_extraits_minimaux(tmp_path)
    (dossier / "ref_cours.csv").unlink()
    resultat = controler_extraits(dossier)
    assert not resultat.succes
    assert any("ref_cours.csv" in e and "absent" in e for e in resultat.erreurs)


def test_mauvais_encodage_nomme(tmp_path: Path) -> None:
    dossier = ecrire_extraits_minimaux(tmp_path)
    chemin = dossier / "intimm_personnes.csv"
    # 0x81 n'existe pas en Windows-1252.
    chemin.write_bytes(chemin.read_bytes().replace(b"x", b"\x81"))
    resultat = controler_extraits(dossier)
    assert any(e.startswith("intimm_personnes.csv") and "Windows-1252" in e for e in resultat.erreurs)


def test_utf8_attendu_mais_windows_1252(tmp_path: Path) -> None:
    dossier = ecrire_extraits_minimaux(tmp_path)
    (dossier / "arrima_clients.csv").write_bytes(
        (",".join(extrait("arrima_clients.csv").colonnes) + "\n1,Hélène,É,2020-01-01,F,FRA,,,\n").encode("cp1252")
    )
    resultat = controler_extraits(dossier)
    assert any(e.startswith("arrima_clients.csv") and "UTF-8" in e for e in resultat.erreurs)


def test_mauvais_separateur_ou_entete(tmp_path: Path) -> None:
    dossier = ecrire_extraits_minimaux(tmp_path)
    fichier = extrait("intimm_evaluations.csv")
    (dossier / fichier.nom).write_bytes(
        (",".join(fichier.colonnes) + "\n1,CO,FORMATIVE,5,2024-01-01\n").encode("cp1252")
    )
    resultat = controler_extraits(dossier)
    assert any(e.startswith("intimm_evaluations.csv") and "en-tête" in e for e in resultat.erreurs)


def test_format_de_date_change(tmp_path: Path) -> None:
    dossier = ecrire_extraits_minimaux(tmp_path)
    chemin = dossier / "ceriges_services.csv"
    texte = chemin.read_bytes().decode("cp1252").replace("15/05/2023", "2023-05-15")
    chemin.write_bytes(texte.encode("cp1252"))
    resultat = controler_extraits(dossier)
    assert any(e.startswith("ceriges_services.csv") and "date_service" in e for e in resultat.erreurs)


def test_bom_manquant_seulement_signale(tmp_path: Path) -> None:
    dossier = ecrire_extraits_minimaux(tmp_path)
    chemin = dossier / "gsi_services.csv"
    chemin.write_bytes(chemin.read_bytes().removeprefix(b"\xef\xbb\xbf"))
    resultat = controler_extraits(dossier)
    assert resultat.succes
    assert any(a.startswith("gsi_services.csv") and "BOM" in a for a in resultat.avertissements)


def test_onglet_excel_absent(tmp_path: Path) -> None:
    dossier = ecrire_extraits_minimaux(tmp_path)
    classeur = Workbook()
    classeur.active.title = "Feuil1"
    classeur.save(dossier / "dgtnri_services_numeriques.xlsx")
    resultat = controler_extraits(dossier)
    assert any("Suivi 6.1.1" in e for e in resultat.erreurs)


def test_bascule_de_lien_garde_la_version_precedente(tmp_path: Path) -> None:
    pub = tmp_path / "publication"
    (pub / "versions").mkdir(parents=True)
    (pub / "rapports").mkdir()
    publication.creer_liens_stables(pub, publication.liens_stables_absents(pub))
    versions = []
    for numero in range(3):
        version = publication.nouvelle_version(pub, "2026-10-31")
        (version / "parquet").mkdir(parents=True)
        (version / "parquet" / "fct.parquet").write_text(str(numero))
        precedente = publication.basculer(pub, version)
        assert precedente == (versions[-1] if versions else None)
        if precedente is not None:
            publication.remplacer_lien(pub / "precedente", os.path.relpath(precedente, pub))
        publication.menage(pub)
        versions.append(version)
        # Le chemin stable, créé une fois, suit le lien « courante ».
        assert (pub / "parquet" / "fct.parquet").read_text() == str(numero)
        assert not os.path.isabs(os.readlink(pub / "courante"))
        assert os.readlink(pub / "parquet") == "courante/parquet"
    # Versions courante et précédente gardées; la plus ancienne supprimée.
    assert [v.exists() for v in versions] == [False, True, True]
    assert [v.name for v in versions] == [f"2026-10-31-0{n}" for n in (1, 2, 3)]
    # Aucun lien temporaire laissé derrière.
    assert sorted(p.name for p in pub.iterdir()) == [
        "courante", "documentation", "mifi.duckdb", "parquet", "precedente", "rapports", "versions"]


def test_un_dossier_reel_n_est_jamais_ecrase(tmp_path: Path) -> None:
    (tmp_path / "parquet").mkdir()
    with pytest.raises(RuntimeError, match="n'est pas un lien symbolique"):
        publication.remplacer_lien(tmp_path / "parquet", "versions/x")


def test_bilan_dbt_bloquants_et_avertissements(tmp_path: Path) -> None:
    resultats = {"results": [
        {"unique_id": "model.p.a", "status": "success", "message": "OK"},
        {"unique_id": "test.p.t1", "status": "fail", "message": "Got 3 results", "failures": 3,
         "compiled_code": "select 1"},
        {"unique_id": "test.p.t2", "status": "warn", "message": "Got 1 result", "failures": 1},
        {"unique_id": "model.p.b", "status": "error", "message": "Runtime Error"},
        {"unique_id": "model.p.c", "status": "skipped", "message": ""},
    ]}
    manifeste = {"nodes": {
        "test.p.t1": {"name": "quarantaine_sous_seuil_x", "resource_type": "test",
                      "original_file_path": "models/x.yml"},
        "model.p.b": {"name": "b", "resource_type": "model", "original_file_path": "models/b.sql"},
    }}
    (tmp_path / "run_results.json").write_text(json.dumps(resultats))
    (tmp_path / "manifest.json").write_text(json.dumps(manifeste))
    bilan = execution_dbt.lire_bilan(tmp_path, 1, tmp_path / "journal.log")
    assert not bilan.succes
    assert [n.nom for n in bilan.bloquants] == ["quarantaine_sous_seuil_x", "b"]
    assert [n.unique_id for n in bilan.avertissements] == ["test.p.t2"]
    assert len(bilan.ignores) == 1
    assert bilan.bloquants[1].libelle() == "modèle b"
    # Bilan absent (dbt arrêté avant d'exécuter) : jamais de publication.
    assert not execution_dbt.lire_bilan(tmp_path / "vide", 0, tmp_path / "journal.log").succes
    # Avertissements seuls : publication permise.
    resultats["results"] = [r for r in resultats["results"] if r["status"] in ("success", "warn")]
    (tmp_path / "run_results.json").write_text(json.dumps(resultats))
    assert execution_dbt.lire_bilan(tmp_path, 0, tmp_path / "journal.log").succes


def _arguments(*options: str):
    parser = argparse.ArgumentParser()
    orchestration.ajouter_arguments(parser)
    return parser.parse_args(list(options))


def test_options_invalides(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.delenv("MIFI_EXTRAITS_DIR", raising=False)
    assert orchestration.executer(_arguments("--publication", str(tmp_path / "p"))) == 2
    assert "MIFI_EXTRAITS_DIR" in capsys.readouterr().err
    assert orchestration.executer(_arguments("--extraits", str(tmp_path), "--date-extraction", "31/10/2026")) == 2
    assert orchestration.executer(_arguments("--extraits", str(tmp_path), "--date-extraction", "2026-02-30")) == 2


def test_validation_en_echec_sans_dbt_ni_publication(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    extraits = ecrire_extraits_minimaux(tmp_path / "extraits")
    (extraits / "bdi_francais.csv").unlink()
    publication_dir = tmp_path / "publication"
    code = orchestration.executer(_arguments(
        "--extraits", str(extraits), "--publication", str(publication_dir),
        "--travail", str(tmp_path / "travail"), "--date-extraction", "2026-10-31",
        "--validation", "base", "--silencieux",
    ))
    erreurs = capsys.readouterr().err
    assert code == 1
    assert "bdi_francais.csv" in erreurs and "Rien n'a été publié" in erreurs
    assert "Que faire : Demander à l'équipe BDI de réextraire bdi_francais.csv" in erreurs
    # Dans la publication, seul l'état de la nuit est écrit : l'échec, l'étape, quoi faire.
    assert sorted(p.name for p in publication_dir.iterdir()) == ["etat_nuit.html", "etat_nuit.json"]
    etat = json.loads((publication_dir / "etat_nuit.json").read_text(encoding="utf-8"))
    assert etat["statut"] == "en échec" and etat["etape_en_echec"] == "validation des extraits"
    assert etat["date_extraction"] == "2026-10-31" and etat["tentative"][:4].isdigit()
    assert any("bdi_francais.csv" in raison for raison in etat["raisons"]), etat
    assert etat["que_faire"] == ["Demander à l'équipe BDI de réextraire bdi_francais.csv (voir la raison "
                                 "ci-dessus), puis relancer la nuit."]
    assert etat["publication_en_place"]["date_extraction"] is None
    page = (publication_dir / "etat_nuit.html").read_text(encoding="utf-8")
    assert '<html lang="fr">' in page and "Nuit en échec" in page and "validation des extraits" in page
    assert "http" not in page.replace('href="rapports', "").replace('href="documentation', "")
    rapport = (tmp_path / "travail" / "rapports" / "2026-10-31" / "rapport.md").read_text(encoding="utf-8")
    assert "en échec" in rapport and "bdi_francais.csv" in rapport
    assert "tous les tests sont passés" not in rapport and "Tests non exécutés" in rapport


def test_etat_nuit_que_faire_selon_l_equipe_et_sans_valeurs() -> None:
    actions = etat_nuit.que_faire("validation", [
        "arrima_clients.csv : « Identifiant » ... ; exemples : 'X1'", "powerapp_aq_rencontres.csv : vide",
        "ceriges_services.csv : en-tête", "gsi_services.csv : encodage", "dgtnri_services_numeriques.xlsx : onglet",
    ])
    assert actions == [
        "Demander à l'équipe ARRIMA de réextraire arrima_clients.csv (voir la raison ci-dessus), "
        "puis relancer la nuit.",
        "Demander à l'équipe ARRIMA / Power App AQ de réextraire powerapp_aq_rencontres.csv (voir la raison "
        "ci-dessus), puis relancer la nuit.",
        "Demander à l'équipe CERIGES/GSI (PASI) de réextraire ceriges_services.csv (voir la raison ci-dessus), "
        "puis relancer la nuit.",
        "Demander à l'équipe CERIGES/GSI (PASI) de réextraire gsi_services.csv (voir la raison ci-dessus), "
        "puis relancer la nuit.",
        "Demander à l'équipe DGTNRI de réextraire dgtnri_services_numeriques.xlsx (voir la raison ci-dessus), "
        "puis relancer la nuit.",
    ]
    assert "--accepter-revisions" in etat_nuit.que_faire("dbt build", ["Révision au-delà du seuil de 5 % : 3.1.2"])[0]
    assert "--republier" in etat_nuit.que_faire("date d'extraction", ["antérieure"])[0]
    assert etat_nuit.sans_valeurs(
        "bdi_declarations.csv : défaut toléré — règle [expect_x] — 3 ligne(s) en double exact sur 10 (1 %); "
        "copies aux lignes de données n° 74, 234"
    ) == "bdi_declarations.csv : défaut toléré — règle — 3 ligne(s) en double exact sur 10 (1 %)"
    assert etat_nuit.sans_valeurs("x.csv : encodage mélangé (lignes 12, 45) : refaire") == (
        "x.csv : encodage mélangé : refaire"
    )


def _chemins_vides(tmp_path: Path, date_extraction: str) -> orchestration.Chemins:
    """Chemins d'une nuit sous ``tmp_path``; dossiers de publication et de travail créés, vides."""
    chemins = orchestration.Chemins(projet=tmp_path, extraits=tmp_path, publication=tmp_path / "publication",
                                    travail=tmp_path / "travail", date_extraction=date_extraction)
    chemins.publication.mkdir()
    chemins.travail.mkdir()
    return chemins


def _relations(connexion: duckdb.DuckDBPyConnection) -> list[str]:
    """Relations (schéma.nom) d'un entrepôt DuckDB."""
    lignes = connexion.execute("select table_schema || '.' || table_name from information_schema.tables").fetchall()
    return [ligne[0] for ligne in lignes]


def test_entrepot_de_travail_repart_de_l_historique_sauvegarde(tmp_path: Path) -> None:
    """L'historique vient de <travail>/historique.duckdb (nuits publiées); les versions qu'une
    nuit en échec a écrites dans l'entrepôt de travail ne survivent pas; rien n'est publié."""
    chemins = _chemins_vides(tmp_path, "2026-11-01")
    # Nuit publiée : sauvegarde préparée depuis l'entrepôt de travail, installée après la bascule.
    with duckdb.connect(str(chemins.entrepot_travail)) as connexion:
        connexion.execute("create schema historique; create table historique.hist_x as select 1 as nuit")
        connexion.execute("create schema staging; create table staging.personnes as select 'Tremblay' as nom")
        temporaire = historique.chemin_temporaire(chemins.sauvegarde_historique)
        historique.preparer_sauvegarde(connexion, "mifi", temporaire)
    historique.installer_sauvegarde(temporaire, chemins.sauvegarde_historique)
    # Nuit en échec : elle ajoute une version dans son entrepôt de travail, jamais sauvegardée.
    with duckdb.connect(str(chemins.entrepot_travail)) as connexion:
        connexion.execute("insert into historique.hist_x values (2)")
    orchestration.preparer_entrepot_travail(chemins)
    with duckdb.connect(str(chemins.entrepot_travail), read_only=True) as connexion:
        assert _relations(connexion) == ["historique.hist_x"]
        assert connexion.execute("select nuit from historique.hist_x").fetchall() == [(1,)]
    assert list(chemins.publication.iterdir()) == []


def test_entrepot_de_travail_ne_garde_que_l_historique_publie(tmp_path: Path) -> None:
    chemins = _chemins_vides(tmp_path, "2026-10-31")
    with duckdb.connect(str(chemins.entrepot_publie)) as connexion:
        connexion.execute("create schema marts; create table marts.mart_retire as select 1 as x")
        connexion.execute("create schema historique; create table historique.hist_x as select 2 as x")
    octets = chemins.entrepot_publie.read_bytes()
    orchestration.preparer_entrepot_travail(chemins)
    with duckdb.connect(str(chemins.entrepot_travail), read_only=True) as connexion:
        assert _relations(connexion) == ["historique.hist_x"]
    assert chemins.entrepot_publie.read_bytes() == octets
