"""Traitement de nuit (``python -m mifi nuit``) : publication atomique, échec sans dégât,
lecteur ouvert pendant la nuit, idempotence des exports Parquet, révisions, site de
documentation rendu dans Chromium sans interface.

Un seul scénario, partagé par les tests (chaque nuit est un ``dbt build`` complet) :

1. nuit 1 sur des extraits générés (échelle 0,02) : première publication;
2. nuit 2, mêmes extraits, même date, pendant qu'un lecteur tient l'entrepôt publié ouvert
   en lecture seule : publication réussie, octets Parquet identiques;
3. nuit 3, des extraits aux identifiants effacés font échouer un test dbt de sévérité
   erreur : rien n'est publié, la publication reste identique octet pour octet;
4. nuit 4, un fichier manque : la validation échoue, rien n'est publié;
5. nuit 5, le lendemain, des extraits qui ajoutent une participation dans une année terminée
   (2024-2025) : la valeur publiée change, une révision est enregistrée; le lecteur ouvert
   depuis la nuit 1 lit toujours ses anciennes valeurs.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import duckdb
import pytest
from PIL import Image

from mifi.contrat import EXTRAITS
from mifi.environnement import environnement_dbt

RACINE = Path(__file__).resolve().parents[1]
DATE = "2026-10-31"
DATE_REVISION = "2026-11-01"
CHROMIUM_DRAPEAUX = [
    "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
ANNEE_REVISEE = "2024-2025"


# --- Outils -----------------------------------------------------------------------------

def environnement() -> dict[str, str]:
    """Environnement de ``python -m mifi`` : celui d'un processus dbt du projet, sans dossier
    d'extraits par défaut (chaque nuit donne le sien)."""
    env = environnement_dbt(projet=RACINE)
    env.pop("MIFI_EXTRAITS_DIR", None)
    return env


def generer_extraits(sortie: Path) -> Path:
    """Petits extraits synthétiques sans bruit (générateur du projet); saute s'il manque."""
    resultat = subprocess.run(
        [sys.executable, "-m", "mifi", "generer", "--sortie", str(sortie), "--echelle", "0.02",
         "--graine", "7", "--date-extraction", DATE, "--bruit", "aucun"],
        cwd=RACINE, env=environnement(), capture_output=True, text=True,
    )
    if resultat.returncode != 0 or not (sortie / "verite.json").is_file():
        pytest.skip(
            "Générateur d'extraits indisponible (python -m mifi generer) : "
            + (resultat.stdout + resultat.stderr)[-500:]
        )
    return sortie


@dataclass
class Nuit:
    code: int
    sortie: str
    erreurs: str


def lancer_nuit(projet: Path, extraits: Path, publication: Path, travail: Path, date: str,
                *options: str) -> Nuit:
    resultat = subprocess.run(
        [sys.executable, "-m", "mifi", "nuit", "--extraits", str(extraits),
         "--publication", str(publication), "--travail", str(travail),
         "--date-extraction", date, "--projet", str(projet), "--silencieux", *options],
        cwd=RACINE, env=environnement(), capture_output=True, text=True,
    )
    return Nuit(resultat.returncode, resultat.stdout, resultat.stderr)


# Réécrits à chaque tentative, même en échec : seuls fichiers qu'une nuit en échec change.
FICHIERS_ETAT_NUIT = ("etat_nuit.json", "etat_nuit.html")
# Relations publiées en Parquet pour Power BI (meta publication_powerbi), ni plus ni moins.
RELATIONS_POWERBI = (
    "dim_indicateurs", "dim_modalites", "dim_periodes", "fct_mesures_complementaires",
    "fct_resultats_indicateurs", "fct_revisions_indicateurs", "fct_ventilations_indicateurs",
)


def empreinte_publication(publication: Path) -> dict[str, str]:
    """Chaque fichier (sha256) et chaque lien symbolique (sa cible) du dossier publié, sauf
    l'état de la dernière nuit (etat_nuit.json, etat_nuit.html), réécrit à chaque tentative."""
    empreinte: dict[str, str] = {}
    for chemin in sorted(publication.rglob("*")):
        relatif = str(chemin.relative_to(publication))
        if relatif in FICHIERS_ETAT_NUIT:
            continue
        if chemin.is_symlink():
            empreinte[relatif] = "-> " + os.readlink(chemin)
        elif chemin.is_file():
            empreinte[relatif] = hashlib.sha256(chemin.read_bytes()).hexdigest()
    return empreinte


def empreintes_parquet(publication: Path) -> dict[str, str]:
    return {
        chemin.name: hashlib.sha256(chemin.read_bytes()).hexdigest()
        for chemin in sorted((publication / "parquet").glob("*.parquet"))
    }


def lire_parquet(publication: Path, relation: str) -> list[dict[str, Any]]:
    with duckdb.connect() as connexion:
        curseur = connexion.execute(
            f"select * from read_parquet('{publication / 'parquet' / relation}.parquet') order by all"
        )
        noms = [d[0] for d in curseur.description]
        return [dict(zip(noms, ligne)) for ligne in curseur.fetchall()]


def lire_resultats(connexion: duckdb.DuckDBPyConnection) -> list[tuple[Any, ...]]:
    return connexion.execute("select * from marts.fct_resultats_indicateurs order by all").fetchall()


def lire_entrepot_dans_un_autre_processus(entrepot: Path, sql: str) -> Any:
    """Lecture par un nouveau processus (dans ce processus, DuckDB réutiliserait l'instance
    déjà ouverte sur ce chemin, c'est-à-dire l'ancien fichier)."""
    code = (
        "import duckdb, json, sys\n"
        f"c = duckdb.connect({str(entrepot)!r}, read_only=True)\n"
        f"print(json.dumps(c.execute({sql!r}).fetchall(), default=str))\n"
    )
    resultat = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return json.loads(resultat.stdout)


def ajouter_lignes(chemin: Path, lignes: list[str], encodage: str) -> None:
    contenu = chemin.read_bytes()
    if not contenu.endswith(b"\n"):
        contenu += b"\r\n" if b"\r\n" in contenu else b"\n"
    fin = "\r\n" if b"\r\n" in contenu else "\n"
    chemin.write_bytes(contenu + "".join(ligne + fin for ligne in lignes).encode(encodage))


def ajouter_une_participation_en_2024(extraits: Path) -> None:
    """Une nouvelle personne, avec une activité comptée en mai 2024 (année 2024-2025, terminée)
    pour chacun des indicateurs 2.2.1, 3.1.1, 3.1.2 et 5.2.1 : chacun gagne une personne."""
    ajouter_lignes(extraits / "arrima_clients.csv", [
        "99999901,Revision,Nuit,1985-03-03,F,FRA,TRAVAILLEUR_QUALIFIE,2020-01-01,06",
    ], "utf-8")
    ajouter_lignes(extraits / "arrima_aq_inscriptions.csv", [
        "AQ99999901,99999901,2024-05-01,O,AU_QUEBEC,ACTIVE,DR-MON",
    ], "utf-8")
    ajouter_lignes(extraits / "powerapp_aq_rencontres.csv", [
        "R999999901,99999901,2024-05-15,EVALUATION_BESOINS,TENUE,AAI0001",
    ], "utf-8")
    ajouter_lignes(extraits / "arrima_paffarc_aides.csv", [
        "PAF9999901,99999901,2024-05-01,ACCORDEE,1000.00,7251,2016",
    ], "utf-8")
    ajouter_lignes(extraits / "gsi_services.csv", [
        "999999901,,Revision,Nuit,1985-03-03,F,FRA,RESIDENT_PERMANENT,2020-01-01,ORG00400,06,1,"
        "2024-05-15,Accompagnement individuel",
    ], "utf-8")
    ajouter_lignes(extraits / "intimm_personnes.csv", [
        "9999901;1985-03-03;F;FRA;Français;RESIDENT_PERMANENT;Travailleur qualifié;16",
    ], "cp1252")
    ajouter_lignes(extraits / "intimm_inscriptions.csv", [
        "999999901;9999901;FIA-TC3;MIFI;TC;PRESENCE;OBNL;MIFI0148;06;INDIVIDU;2024-05-06;"
        "2024-07-19;TERMINEE;30;O",
    ], "cp1252")


INDICATEURS_REVISES = ("2.2.1", "3.1.1", "3.1.2", "5.2.1")


def effacer_identifiants(extraits: Path) -> None:
    """Vide la première colonne (l'identifiant) de chaque ligne de chaque extrait CSV.

    Les en-têtes restent conformes (les contrôles de base passent); le staging met chaque
    ligne en quarantaine (« identifiant manquant »), le test quarantaine_sous_seuil échoue
    (sévérité erreur) et presque tout le graphe en aval est sauté : la nuit échoue vite.
    """
    for fichier in EXTRAITS:
        if not fichier.est_csv:
            continue
        chemin = extraits / fichier.nom
        codec = "cp1252" if fichier.encodage == "cp1252" else fichier.encodage
        lignes = list(csv.reader(io.StringIO(chemin.read_text(encoding=codec), newline=""),
                                 delimiter=fichier.separateur or ","))
        sortie = io.StringIO()
        ecrivain = csv.writer(sortie, delimiter=fichier.separateur or ",", lineterminator="\n")
        ecrivain.writerow(lignes[0])
        for ligne in lignes[1:]:
            if ligne:
                ecrivain.writerow(["", *ligne[1:]])
        chemin.write_text(sortie.getvalue(), encoding=codec)


# --- Scénario partagé -------------------------------------------------------------------

@dataclass
class Scenario:
    projet: Path
    publication: Path
    travail: Path
    nuits: dict[str, Nuit] = field(default_factory=dict)
    empreintes: dict[str, dict[str, str]] = field(default_factory=dict)
    parquet: dict[str, dict[str, str]] = field(default_factory=dict)
    lecteur_avant: list[tuple[Any, ...]] = field(default_factory=list)
    lecteur_apres_nuit_2: list[tuple[Any, ...]] = field(default_factory=list)
    lecteur_apres_nuit_5: list[tuple[Any, ...]] = field(default_factory=list)
    inode_lecteur: int = 0
    inode_apres_nuit_2: int = 0
    resultats_publies_nuit_2: list[Any] = field(default_factory=list)
    resultats_nuit_1: list[dict[str, Any]] = field(default_factory=list)
    resultats_nuit_5: list[dict[str, Any]] = field(default_factory=list)
    revisions_nuit_2: list[dict[str, Any]] = field(default_factory=list)
    revisions_nuit_5: list[dict[str, Any]] = field(default_factory=list)
    rapport_nuit_5: str = ""
    etats: dict[str, dict[str, Any]] = field(default_factory=dict)   # etat_nuit.json après chaque nuit
    historique: dict[str, str] = field(default_factory=dict)        # sha256 de <travail>/historique.duckdb
    rapports_echec: dict[str, str] = field(default_factory=dict)    # <travail>/rapports/<date>/rapport.md


def _detail(nuit: Nuit) -> str:
    return f"code {nuit.code}\n--- sortie ---\n{nuit.sortie[-4000:]}\n--- erreurs ---\n{nuit.erreurs[-4000:]}"


@pytest.fixture(scope="module")
def scenario(tmp_path_factory: pytest.TempPathFactory) -> Scenario:
    base = tmp_path_factory.mktemp("nuit")
    extraits = generer_extraits(base / "extraits")
    projet = RACINE
    s = Scenario(projet=projet, publication=base / "publication", travail=base / "travail")

    def nuit(nom: str, dossier_extraits: Path, date: str, *options: str) -> Nuit:
        s.nuits[nom] = lancer_nuit(projet, dossier_extraits, s.publication, s.travail, date, *options)
        s.empreintes[nom] = empreinte_publication(s.publication)
        if (s.publication / "etat_nuit.json").is_file():
            s.etats[nom] = json.loads((s.publication / "etat_nuit.json").read_text(encoding="utf-8"))
        rapport_echec = s.travail / "rapports" / date / "rapport.md"
        if s.nuits[nom].code != 0 and rapport_echec.is_file():
            s.rapports_echec[nom] = rapport_echec.read_text(encoding="utf-8")
        if (s.travail / "historique.duckdb").is_file():
            s.historique[nom] = hashlib.sha256((s.travail / "historique.duckdb").read_bytes()).hexdigest()
        if (s.publication / "parquet").is_dir():
            s.parquet[nom] = empreintes_parquet(s.publication)
        return s.nuits[nom]

    # 1. Première publication.
    assert nuit("1", extraits, DATE).code == 0, _detail(s.nuits["1"])
    s.resultats_nuit_1 = lire_parquet(s.publication, "fct_resultats_indicateurs")
    entrepot = s.publication / "mifi.duckdb"

    # 2. Mêmes extraits, lecteur ouvert sur l'entrepôt publié pendant toute la suite.
    lecteur = duckdb.connect(str(entrepot), read_only=True)
    try:
        s.inode_lecteur = os.stat(entrepot).st_ino
        s.lecteur_avant = lire_resultats(lecteur)
        nuit("2", extraits, DATE)
        s.lecteur_apres_nuit_2 = lire_resultats(lecteur)
        s.inode_apres_nuit_2 = os.stat(entrepot).st_ino
        s.resultats_publies_nuit_2 = lire_entrepot_dans_un_autre_processus(
            entrepot, "select count(*) from marts.fct_resultats_indicateurs"
        )
        s.revisions_nuit_2 = lire_parquet(s.publication, "fct_revisions_indicateurs")

        # 3. Un test dbt de sévérité erreur échoue (contrôles de base seulement : la
        #    validation Great Expectations arrêterait la nuit plus tôt).
        corrompus = base / "extraits_corrompus"
        shutil.copytree(extraits, corrompus)
        effacer_identifiants(corrompus)
        nuit("3", corrompus, DATE, "--validation", "base")

        # 4. Un fichier manque.
        incomplets = base / "extraits_incomplets"
        shutil.copytree(extraits, incomplets)
        (incomplets / "ref_cours.csv").unlink()
        nuit("4", incomplets, DATE)

        # 5. Le lendemain : une participation de plus dans une année terminée.
        modifies = base / "extraits_modifies"
        shutil.copytree(extraits, modifies)
        ajouter_une_participation_en_2024(modifies)
        nuit("5", modifies, DATE_REVISION)
        s.lecteur_apres_nuit_5 = lire_resultats(lecteur)
    finally:
        lecteur.close()
    if s.nuits["5"].code == 0:
        s.resultats_nuit_5 = lire_parquet(s.publication, "fct_resultats_indicateurs")
        s.revisions_nuit_5 = lire_parquet(s.publication, "fct_revisions_indicateurs")
        s.rapport_nuit_5 = (s.publication / "rapports" / "dernier" / "rapport.md").read_text(encoding="utf-8")
    return s


# --- Tests ------------------------------------------------------------------------------

def test_premiere_nuit_publie_entrepot_parquet_documentation_et_rapport(scenario: Scenario) -> None:
    pub = scenario.publication
    assert (pub / "mifi.duckdb").is_file()
    assert not (pub / "mifi.duckdb.wal").exists()
    assert (pub / "parquet").is_symlink() and (pub / "documentation").is_symlink()
    # Un fichier Parquet par relation lue par Power BI, ni plus ni moins (pas les marts de
    # chaque indicateur).
    assert set(scenario.parquet["1"]) == {f"{nom}.parquet" for nom in RELATIONS_POWERBI}
    schemas = lire_entrepot_dans_un_autre_processus(
        pub / "mifi.duckdb",
        "select table_schema, table_name from information_schema.tables order by 1, 2",
    )
    assert set(RELATIONS_POWERBI) <= {nom for schema, nom in schemas if schema == "marts"}
    # Seul le schéma marts est publié : ni schémas de travail (données personnelles, vues sur
    # les extraits), ni référentiels, ni historique (numéros d'inscription Intimm).
    assert {schema for schema, _ in schemas} == {"marts"}
    # L'historique des nuits publiées reste dans l'espace de travail.
    historique = lire_entrepot_dans_un_autre_processus(
        scenario.travail / "historique.duckdb",
        "select table_schema, table_name from information_schema.tables order by 1, 2",
    )
    assert {"hist_resultats_indicateurs", "hist_intimm__inscriptions"} <= {
        nom for schema, nom in historique if schema == "historique"
    }
    # La documentation : le site en un seul fichier, qui s'ouvre d'un double-clic.
    assert sorted(p.name for p in (pub / "documentation").iterdir()) == ["index.html"]
    assert "<script" in (pub / "documentation" / "index.html").read_text(encoding="utf-8")
    assert scenario.etats["1"]["statut"] == "publiée"
    rapport = pub / "rapports" / DATE / "rapport.md"
    assert "Rapport de la nuit" in rapport.read_text(encoding="utf-8")
    assert (pub / "rapports" / "dernier").is_symlink()


def test_lecteur_ouvert_ne_bloque_pas_la_publication(scenario: Scenario) -> None:
    assert scenario.nuits["2"].code == 0, _detail(scenario.nuits["2"])
    # Le fichier publié a bien été remplacé (nouvel inode)...
    assert scenario.inode_apres_nuit_2 != scenario.inode_lecteur
    # ... et un nouveau lecteur le lit.
    assert scenario.resultats_publies_nuit_2 == [[len(scenario.lecteur_avant)]]
    # L'ancienne connexion lit toujours des données cohérentes : celles qu'elle lisait.
    assert scenario.lecteur_apres_nuit_2 == scenario.lecteur_avant


def test_deux_nuits_sur_les_memes_extraits_donnent_les_memes_octets_parquet(scenario: Scenario) -> None:
    assert scenario.nuits["2"].code == 0, _detail(scenario.nuits["2"])
    assert scenario.parquet["2"] == scenario.parquet["1"]
    assert scenario.revisions_nuit_2 == []
    # Nouvelle version publiée, l'ancienne gardée pour un lecteur en cours de parcours.
    versions = {Path(chemin).parts[1] for chemin in scenario.empreintes["2"] if chemin.startswith("versions/")}
    assert versions == {f"{DATE}-01", f"{DATE}-02"}


def test_un_test_en_echec_ne_publie_rien(scenario: Scenario) -> None:
    nuit = scenario.nuits["3"]
    assert nuit.code == 1, _detail(nuit)
    assert scenario.empreintes["3"] == scenario.empreintes["2"]
    assert "Rien n'a été publié" in nuit.erreurs
    assert "arrima_clients.csv" in nuit.erreurs and "quarantaine" in nuit.erreurs, nuit.erreurs
    assert "Que faire : Demander à l'équipe ARRIMA de réextraire arrima_clients.csv" in nuit.erreurs
    # Le rapport d'échec est écrit dans le dossier de travail, jamais dans la publication.
    assert (scenario.travail / "rapports" / DATE / "rapport.md").is_file()
    assert "nuit en échec à l'étape « construction dbt »" in scenario.rapports_echec["3"]
    # Seul l'état de la nuit change dans la publication : il dit l'échec et quoi faire.
    etat = scenario.etats["3"]
    assert etat["statut"] == "en échec" and etat["etape_en_echec"] == "construction dbt"
    assert any("arrima_clients.csv" in raison for raison in etat["raisons"]), etat
    assert "Demander à l'équipe ARRIMA de réextraire arrima_clients.csv, puis relancer la nuit." in " ".join(
        etat["que_faire"]).replace(" (voir la raison ci-dessus)", ""), etat
    assert etat["publication_en_place"]["date_extraction"] == DATE
    # Les instantanés écrits par la nuit en échec n'entrent pas dans l'historique sauvegardé.
    assert scenario.historique["3"] == scenario.historique["2"]


def test_une_validation_en_echec_ne_publie_rien(scenario: Scenario) -> None:
    nuit = scenario.nuits["4"]
    assert nuit.code == 1, _detail(nuit)
    assert scenario.empreintes["4"] == scenario.empreintes["2"]
    assert "ref_cours.csv" in nuit.erreurs, nuit.erreurs
    etat = scenario.etats["4"]
    assert etat["statut"] == "en échec" and etat["etape_en_echec"] == "validation des extraits"
    assert any("Demander à l'équipe Intimm de réextraire ref_cours.csv" in a for a in etat["que_faire"]), etat
    assert scenario.historique["4"] == scenario.historique["2"]
    rapport = scenario.rapports_echec["4"]
    assert "tous les tests sont passés" not in rapport
    assert "Tests non exécutés : la nuit s'est arrêtée à l'étape « validation des extraits »" in rapport


def test_une_valeur_revisee_dans_une_annee_terminee_est_enregistree(scenario: Scenario) -> None:
    nuit = scenario.nuits["5"]
    assert nuit.code == 0, _detail(nuit)
    indicateurs = sorted({r["indicateur_id"] for r in scenario.resultats_nuit_1} & set(INDICATEURS_REVISES))
    if not indicateurs:
        pytest.skip(f"Aucun des indicateurs {INDICATEURS_REVISES} n'est encore publié : pas de révision à provoquer.")

    def annuelle(resultats: list[dict[str, Any]], indicateur: str) -> float:
        return next(r["valeur"] for r in resultats if r["indicateur_id"] == indicateur
                    and r["periode"] == ANNEE_REVISEE and r["granularite"] == "annuelle")

    revisions = {
        (r["indicateur_id"], r["granularite"], str(r["date_fin"])): r for r in scenario.revisions_nuit_5
    }
    for indicateur in indicateurs:
        ancienne, nouvelle = (
            annuelle(scenario.resultats_nuit_1, indicateur),
            annuelle(scenario.resultats_nuit_5, indicateur),
        )
        assert nouvelle == ancienne + 1, (indicateur, ancienne, nouvelle)
        revision = revisions.get((indicateur, "annuelle", "2025-03-31"))
        assert revision is not None, (indicateur, scenario.revisions_nuit_5)
        assert (revision["ancienne_valeur"], revision["nouvelle_valeur"]) == (ancienne, nouvelle)
        assert str(revision["date_revision"]) == DATE_REVISION
        assert str(revision["date_publication_precedente"]) == DATE
        assert indicateur in scenario.rapport_nuit_5.split("## Révisions")[1]
    # Seules des fenêtres déjà terminées sont révisées; les premières publications (fenêtre de
    # novembre 2026) et le cumul en cours n'en sont pas.
    assert all(str(r["date_fin"]) < DATE for r in scenario.revisions_nuit_5)
    assert {r["indicateur_id"] for r in scenario.revisions_nuit_5} <= set(indicateurs)
    # Le lecteur ouvert depuis la nuit 1 lit toujours les anciennes valeurs.
    assert scenario.lecteur_apres_nuit_5 == scenario.lecteur_avant


def test_site_de_documentation_rend_le_lignage_dans_chromium(scenario: Scenario, tmp_path: Path) -> None:
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        pytest.skip("Chromium absent : « make outils-systeme » l'installe (root et apt-get requis).")
    site = (scenario.publication / "documentation" / "index.html").resolve()
    # g_v=1 : graphe de lignage ouvert; g_i : sélection (+fct_resultats_indicateurs+).
    adresse = (f"file://{site}#!/model/model.indicateurs_mifi.fct_resultats_indicateurs"
               f"?g_v=1&g_i=%2Bfct_resultats_indicateurs%2B")
    commun = [chromium, *CHROMIUM_DRAPEAUX, f"--user-data-dir={tmp_path / 'profil'}",
              "--virtual-time-budget=20000", "--window-size=1400,1000"]
    dom = subprocess.run([*commun, "--dump-dom", adresse], capture_output=True, text=True, timeout=180).stdout
    # Page du modèle rendue (titre, sections), graphe de lignage ouvert et dessiné.
    assert "Lineage Graph" in dom
    assert 'data-id="layer2-node"' in dom
    largeurs = [int(l) for l in re.findall(r'data-id="layer2-node" width="(\d+)"', dom)]
    assert largeurs and largeurs[0] > 0, "le canevas du graphe de lignage n'a pas de taille"
    rendu = re.sub(r"<script.*?</script>", "", dom, flags=re.S)
    assert "Referenced By" in rendu and "Depends On" in rendu
    assert "tableau_de_bord_francisation" in rendu  # exposures en aval du contrat
    capture = tmp_path / "lignage.png"
    subprocess.run([*commun, f"--screenshot={capture}", adresse], capture_output=True, timeout=180)
    image = Image.open(capture).convert("RGB")
    couleurs = image.getcolors(maxcolors=1_000_000) or []
    compte = {couleur: n for n, couleur in couleurs}
    total = image.size[0] * image.size[1]
    # Fond du panneau de lignage, nœuds des modèles et des exposures (couleurs de dbt docs).
    assert compte.get((0, 94, 122), 0) > 0.3 * total
    assert compte.get((0, 148, 179), 0) > 1000
    assert compte.get((255, 105, 75), 0) > 500
