"""Publication en un seul geste (``mifi.nuit.orchestration.publier``) : aucun chiffre faux en silence.

Deux nuits complètes (mêmes extraits, deux dates d'extraction : A le 2026-10-31, B le
2026-11-01, chacune avec son dossier de travail) servent de références. La publication de B
est ensuite rejouée seule (``publier`` dans un nouveau processus, depuis l'état sauvé du
dossier de travail de B) sur des copies de la publication de A :

- tuée à chaque étape de la publication (``MIFI_TEST_ARRET_PUBLICATION``) : les chemins
  stables montrent A entière avant la bascule, B entière après, jamais un mélange; la
  publication suivante réussit et ne laisse aucun reste;
- avec un journal ``.wal`` égaré à côté de l'entrepôt courant : le nouvel entrepôt se lit;
- disque plein, dossier en lecture seule, permission refusée : code 1, message en français
  qui nomme le dossier et dit quoi faire, publication précédente identique, aucun temporaire;
- une autre nuit tient le dossier de publication : la deuxième s'arrête sans rien toucher.

Enfin, une nuit tuée (SIGTERM, SIGKILL) pendant ``dbt build`` ne laisse aucun dbt derrière elle.
"""

from __future__ import annotations

import datetime as dt
import errno
import hashlib
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb
import pytest

from mifi.nuit import execution_dbt, orchestration, publication
from mifi.rapport import date_longue
from test_nuit import (
    DATE,
    DATE_REVISION,
    RACINE,
    _detail,
    empreintes_parquet,
    environnement,
    generer_extraits,
    lancer_nuit,
    lire_entrepot_dans_un_autre_processus,
)
from test_nuit_outils import _arguments

DATE_A, DATE_B = DATE, DATE_REVISION

# Publication seule, depuis l'état sauvé d'un dossier de travail (comme la fin d'une nuit
# lancée avec --validation base), sous le verrou du dossier de publication.
SCRIPT_PUBLIER = """
import sys
from pathlib import Path

from mifi.nuit import orchestration
from mifi.nuit import execution_dbt
from mifi.nuit.controles import controler_extraits

projet, extraits, pub, travail, date = sys.argv[1:6]
chemins = orchestration.Chemins(projet=Path(projet), extraits=Path(extraits), publication=Path(pub),
                                travail=Path(travail), date_extraction=date)
etat = orchestration.EtatNuit()
orchestration.valider(chemins, "base", etat)
etat.bilan = execution_dbt.lire_bilan(chemins.cible_dbt, 0, chemins.journaux_dbt / "dbt_build.log")
with orchestration.verrou(chemins.publication):
    orchestration.publier(chemins, etat)
print("\\n".join(etat.avertissements))
"""


# --- Outils -----------------------------------------------------------------------------

def sha(chemin: Path) -> str:
    return hashlib.sha256(chemin.read_bytes()).hexdigest()


def arborescence(dossier: Path) -> dict[str, str]:
    """Tout le dossier, sans suivre les liens : dossiers, liens (cible), fichiers (sha256, mode).

    Deux arborescences égales : même contenu octet pour octet, aucun reste en plus.
    """
    contenu: dict[str, str] = {}
    for racine, dossiers, fichiers in os.walk(dossier):
        for nom in dossiers + fichiers:
            chemin = Path(racine) / nom
            relatif = str(chemin.relative_to(dossier))
            if chemin.is_symlink():
                contenu[relatif] = "-> " + os.readlink(chemin)
            elif chemin.is_dir():
                contenu[relatif] = "dossier"
            else:
                contenu[relatif] = f"{sha(chemin)} {oct(chemin.stat().st_mode & 0o777)}"
    return contenu


def identite(pub: Path) -> dict[str, Any]:
    """Ce qu'un lecteur voit par les chemins stables : entrepôt, Parquet, documentation, rapport."""
    return {
        "entrepot": lire_entrepot_dans_un_autre_processus(
            pub / "mifi.duckdb",
            "select max(date_extraction)::varchar, "
            "md5(string_agg(t::varchar, '|' order by t::varchar)), count(*) from marts.fct_resultats_indicateurs t",
        ),
        "parquet": empreintes_parquet(pub),
        "documentation": {p.name: sha(p) for p in sorted((pub / "documentation").iterdir())},
        "rapport": (pub / "rapports" / "dernier" / "rapport.md").read_text(encoding="utf-8").splitlines()[0],
    }


def sans_etat_nuit(contenu: dict[str, str]) -> dict[str, str]:
    """L'arborescence sans etat_nuit.json et etat_nuit.html, que toute nuit réécrit (même en échec)."""
    return {chemin: valeur for chemin, valeur in contenu.items()
            if chemin not in ("etat_nuit.json", "etat_nuit.html")}


def etat_nuit(pub: Path) -> dict[str, Any]:
    return json.loads((pub / "etat_nuit.json").read_text(encoding="utf-8"))


def restes(pub: Path) -> list[str]:
    """Temporaires et versions qu'aucun lien ne désigne (ce que le ménage doit supprimer)."""
    trouves = [str(p.relative_to(pub)) for dossier in (pub, pub / "rapports", pub / "versions")
               for p in dossier.iterdir() if p.name.startswith(".")]
    gardees = {os.path.realpath(pub / "courante"), os.path.realpath(pub / "precedente")}
    trouves += [str(p.relative_to(pub)) for p in (pub / "versions").iterdir()
                if not p.name.startswith(".") and os.path.realpath(p) not in gardees]
    return sorted(trouves)


@dataclass
class References:
    projet: Path
    extraits: Path
    base: Path
    travail_a: Path
    travail_b: Path
    publication_a: Path   # copie de la publication après la nuit A (point de départ)
    identite_a: dict[str, Any]
    identite_b: dict[str, Any]

    def copie_de_a(self, nom: str) -> Path:
        destination = self.base / nom
        shutil.copytree(self.publication_a, destination, symlinks=True)
        return destination

    def publier_b(self, pub: Path, arret: str | None = None) -> subprocess.CompletedProcess[str]:
        env = environnement()
        env.pop(publication.VARIABLE_ARRET, None)
        if arret is not None:
            env[publication.VARIABLE_ARRET] = arret
        return subprocess.run(
            [sys.executable, "-c", SCRIPT_PUBLIER, str(self.projet), str(self.extraits), str(pub),
             str(self.travail_b), DATE_B],
            cwd=RACINE, env=env, capture_output=True, text=True,
        )


@pytest.fixture(scope="module")
def references(tmp_path_factory: pytest.TempPathFactory) -> References:
    base = tmp_path_factory.mktemp("publication")
    extraits = generer_extraits(base / "extraits")
    pub = base / "publication"
    nuit_a = lancer_nuit(RACINE, extraits, pub, base / "travail_a", DATE_A, "--validation", "base")
    assert nuit_a.code == 0, _detail(nuit_a)
    shutil.copytree(pub, base / "publication_a", symlinks=True)
    identite_a = identite(pub)
    # Nuit B : un autre dossier de travail, la même publication (l'une après l'autre).
    nuit_b = lancer_nuit(RACINE, extraits, pub, base / "travail_b", DATE_B, "--validation", "base")
    assert nuit_b.code == 0, _detail(nuit_b)
    identite_b = identite(pub)
    # Chaque élément distingue les deux nuits : un mélange se verrait.
    for element in identite_a:
        assert identite_a[element] != identite_b[element], element
    assert identite_a["entrepot"][0][0] == DATE_A and identite_b["entrepot"][0][0] == DATE_B
    return References(RACINE, extraits, base, base / "travail_a", base / "travail_b",
                      base / "publication_a", identite_a, identite_b)


# --- Disposition ------------------------------------------------------------------------

def test_disposition_une_version_par_nuit_et_des_chemins_stables(references: References) -> None:
    pub = references.copie_de_a("disposition")
    resultat = references.publier_b(pub)
    assert resultat.returncode == 0, resultat.stderr
    versions = sorted(p.name for p in (pub / "versions").iterdir())
    assert versions == [f"{DATE_A}-01", f"{DATE_B}-01"]
    assert os.readlink(pub / "courante") == f"versions/{DATE_B}-01"
    assert os.readlink(pub / "precedente") == f"versions/{DATE_A}-01"
    for nom, cible in publication.LIENS_STABLES.items():
        assert os.readlink(pub / nom) == cible, nom
    courante = pub / "versions" / f"{DATE_B}-01"
    assert sorted(p.name for p in courante.iterdir()) == ["documentation", "mifi.duckdb", "parquet", "rapport"]
    # Entrepôt publié en lecture seule, sans journal.
    assert oct((courante / "mifi.duckdb").stat().st_mode & 0o777) == "0o444"
    assert not (courante / "mifi.duckdb.wal").exists()
    # Historique des rapports : chaque nuit publiée reste lisible sous rapports/<date>/.
    for date in (DATE_A, DATE_B):
        assert (pub / "rapports" / date / "rapport.md").read_text(encoding="utf-8").startswith(
            f"# Rapport de la nuit — extraits du {date_longue(dt.date.fromisoformat(date))}")
    assert identite(pub) == references.identite_b
    assert restes(pub) == []


# --- Interruption à chaque étape --------------------------------------------------------

@pytest.mark.parametrize("etape", publication.ETAPES_PUBLICATION)
def test_nuit_tuee_a_chaque_etape_ni_melange_ni_reste(references: References, etape: str) -> None:
    pub = references.copie_de_a(f"arret_{etape}")
    tuee = references.publier_b(pub, arret=etape)
    # Le processus est bien mort à cette étape (elle a été atteinte).
    assert tuee.returncode == publication.CODE_ARRET, (etape, tuee.stdout, tuee.stderr)
    # Par les chemins stables : A entière avant la bascule, B entière après; jamais un mélange.
    attendue = (
        "a" if publication.ETAPES_PUBLICATION.index(etape) < publication.ETAPES_PUBLICATION.index("bascule") else "b"
    )
    vue = identite(pub)
    assert vue == {"a": references.identite_a, "b": references.identite_b}[attendue], etape
    # La nuit suivante réussit, publie B entière et ne laisse aucun reste de la nuit tuée.
    suivante = references.publier_b(pub)
    assert suivante.returncode == 0, (etape, suivante.stderr)
    assert suivante.stdout.strip() == "", suivante.stdout  # aucun avertissement de rangement
    assert identite(pub) == references.identite_b
    assert restes(pub) == []
    assert len(list((pub / "versions").iterdir())) == 2
    for date in (DATE_A, DATE_B):
        assert (pub / "rapports" / date / "rapport.md").read_text(encoding="utf-8").startswith(
            f"# Rapport de la nuit — extraits du {date_longue(dt.date.fromisoformat(date))}"), (etape, date)


def test_les_etapes_de_la_publication_sont_toutes_franchies(references: References, tmp_path: Path) -> None:
    """La liste ETAPES_PUBLICATION est celle que parcourt publier(), dans l'ordre."""
    pub = references.copie_de_a("etapes")
    trace = tmp_path / "etapes.txt"
    script = (
        "import sys\nfrom pathlib import Path\nfrom mifi.nuit import publication\n"
        "originale = publication.etape_franchie\n"
        f"def tracer(etape):\n    Path({str(trace)!r}).open('a').write(etape + '\\n')\n    originale(etape)\n"
        "publication.etape_franchie = tracer\n" + SCRIPT_PUBLIER
    )
    resultat = subprocess.run(
        [sys.executable, "-c", script, str(references.projet), str(references.extraits), str(pub),
         str(references.travail_b), DATE_B],
        cwd=RACINE, env=environnement(), capture_output=True, text=True,
    )
    assert resultat.returncode == 0, resultat.stderr
    assert tuple(trace.read_text().split()) == publication.ETAPES_PUBLICATION


# --- Journal .wal égaré ---------------------------------------------------------------

def test_un_wal_egare_a_cote_de_l_ancienne_version_n_empoisonne_pas_la_nouvelle(references: References) -> None:
    pub = references.copie_de_a("wal")
    ancienne = Path(os.path.realpath(pub / "courante"))
    # Un journal d'un autre fichier (lecteur ouvert en écriture, puis tué) à côté de l'entrepôt
    # courant : il rend cette version illisible...
    etranger = references.base / "etranger.duckdb"
    subprocess.run([sys.executable, "-c",
                    "import duckdb, os\n"
                    f"c = duckdb.connect({str(etranger)!r})\n"
                    "c.execute('create table intrus as select 1 as x')\n"
                    "os._exit(0)\n"], check=True)
    shutil.copyfile(etranger.with_name(etranger.name + ".wal"), ancienne / "mifi.duckdb.wal")
    with pytest.raises(subprocess.CalledProcessError):
        lire_entrepot_dans_un_autre_processus(pub / "mifi.duckdb", "select 1")
    # ... mais la nuit suivante publie un entrepôt neuf, lisible en lecture seule par le chemin
    # stable, avec les données de la nouvelle nuit; le journal reste avec l'ancienne version.
    resultat = references.publier_b(pub)
    assert resultat.returncode == 0, resultat.stderr
    assert identite(pub)["entrepot"] == references.identite_b["entrepot"]
    nouvelle = Path(os.path.realpath(pub / "courante"))
    assert nouvelle != ancienne and not (nouvelle / "mifi.duckdb.wal").exists()
    assert (ancienne / "mifi.duckdb.wal").exists()


# --- Échecs d'écriture : code 1, message en français, rien de changé ---------------------

def nuit_sans_dbt(monkeypatch: pytest.MonkeyPatch) -> None:
    """La nuit (dans ce processus) reprend l'état sauvé de son dossier de travail au lieu de
    relancer dbt : validation réelle (contrôles de base), bilan relu, publication réelle."""
    def construire(chemins: orchestration.Chemins, etat: orchestration.EtatNuit, sortie: Any) -> None:
        etat.bilan = execution_dbt.lire_bilan(chemins.cible_dbt, 0, chemins.journaux_dbt / "dbt_build.log")

    monkeypatch.setattr(orchestration, "preparer_entrepot_travail", lambda chemins: None)
    monkeypatch.setattr(orchestration, "construire", construire)
    monkeypatch.setattr(orchestration, "documenter", lambda chemins, etat, sortie: None)


def executer_b(references: References, pub: Path) -> int:
    return orchestration.executer(_arguments(
        "--extraits", str(references.extraits), "--publication", str(pub),
        "--travail", str(references.travail_b), "--date-extraction", DATE_B,
        "--validation", "base", "--silencieux",
    ))


def _disque_plein_copie(monkeypatch: pytest.MonkeyPatch) -> None:
    def copier(source: Path, destination: Path) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(destination))

    monkeypatch.setattr(publication, "copier_fichier", copier)


def _disque_plein_duckdb(monkeypatch: pytest.MonkeyPatch) -> None:
    def exporter(connexion: Any, catalogue: str, dossier: Path, *relations: Any) -> list[Path]:
        dossier.mkdir()
        (dossier / "partiel.parquet").write_bytes(b"PAR1")
        raise duckdb.IOException(f'Could not write file "{dossier}/x.parquet": No space left on device')

    monkeypatch.setattr(publication, "exporter_parquet", exporter)


def _lecture_seule(monkeypatch: pytest.MonkeyPatch) -> None:
    mkdir = os.mkdir

    def faux_mkdir(chemin: Any, *args: Any, **kwargs: Any) -> None:
        if ".nouvelle-" in str(chemin):
            raise OSError(errno.EROFS, os.strerror(errno.EROFS), str(chemin))
        mkdir(chemin, *args, **kwargs)

    monkeypatch.setattr(os, "mkdir", faux_mkdir)


def _permission_a_la_bascule(monkeypatch: pytest.MonkeyPatch) -> None:
    replace = os.replace

    def faux_replace(source: Any, destination: Any, **kwargs: Any) -> None:
        if Path(destination).name == "courante":
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(destination))
        replace(source, destination, **kwargs)

    monkeypatch.setattr(os, "replace", faux_replace)


@pytest.mark.parametrize("panne, cause", [
    (_disque_plein_copie, "disque plein"),
    (_disque_plein_duckdb, "disque plein"),
    (_lecture_seule, "système de fichiers en lecture seule"),
    (_permission_a_la_bascule, "permission refusée"),
], ids=["disque-plein-copie", "disque-plein-duckdb", "lecture-seule", "permission-bascule"])
def test_echec_d_ecriture_message_clair_et_publication_intacte(
    references: References, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
    panne: Callable[[pytest.MonkeyPatch], None], cause: str,
) -> None:
    pub = references.copie_de_a(f"panne_{panne.__name__}")
    avant = arborescence(pub)
    nuit_sans_dbt(monkeypatch)
    panne(monkeypatch)
    code = executer_b(references, pub)
    sortie = capsys.readouterr()
    assert code == 1, sortie
    erreurs = sortie.err
    assert "Traceback" not in erreurs
    assert f"ÉCHEC de la nuit du {DATE_B} (étape : publication)" in erreurs
    assert "Rien n'a été publié" in erreurs
    assert f"Écriture impossible dans le dossier {pub} : {cause}" in erreurs, erreurs
    assert "Que faire" in erreurs and "relancez la nuit" in erreurs
    assert "Les fichiers temporaires de cette nuit ont été supprimés." in erreurs
    # Publication précédente identique octet pour octet (hors état de la nuit), aucun temporaire.
    apres = arborescence(pub)
    assert sans_etat_nuit(apres) == sans_etat_nuit(avant)
    assert set(apres) - set(avant) <= {"etat_nuit.json", "etat_nuit.html"}
    assert identite(pub) == references.identite_a
    # L'état de la nuit dit l'échec, l'étape, la cause et quoi faire; la publication en place : A.
    etat = etat_nuit(pub)
    assert etat["statut"] == "en échec" and etat["etape_en_echec"] == "publication"
    assert etat["date_extraction"] == DATE_B
    assert any(cause in raison for raison in etat["raisons"]), etat
    assert etat["que_faire"] and "relancez la nuit" in etat["que_faire"][0]
    assert etat["publication_en_place"]["date_extraction"] == DATE_A
    assert "en échec" in (pub / "etat_nuit.html").read_text(encoding="utf-8")


def test_echec_apres_la_bascule_nuit_publiee_et_rangement_repris(
    references: References, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
) -> None:
    pub = references.copie_de_a("panne_apres_bascule")
    nuit_sans_dbt(monkeypatch)

    def archiver(publication_: Path, version: Path) -> bool:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(publication_ / "rapports"))

    monkeypatch.setattr(publication, "archiver_rapport", archiver)
    code = executer_b(references, pub)
    sortie = capsys.readouterr().out
    assert code == 0
    assert "mais la copie du rapport" in sortie and "disque plein" in sortie, sortie
    assert "La nuit suivante reprendra ce rangement." in sortie
    assert identite(pub) == references.identite_b
    assert not (pub / "rapports" / DATE_B).exists()
    monkeypatch.undo()
    # La nuit suivante complète l'historique (rapport de la version remplacée compris).
    resultat = references.publier_b(pub)
    assert resultat.returncode == 0, resultat.stderr
    assert (pub / "rapports" / DATE_B / "rapport.md").is_file()
    assert restes(pub) == []
    etat = etat_nuit(pub)
    assert etat["statut"] == "publiée" and etat["etape_en_echec"] is None
    assert etat["publication_en_place"]["date_extraction"] == DATE_B


def test_dossier_de_publication_impossible_a_creer(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
) -> None:
    interdit = tmp_path / "monte_en_lecture_seule"
    mkdir = os.mkdir

    def faux_mkdir(chemin: Any, *args: Any, **kwargs: Any) -> None:
        if str(chemin).startswith(str(interdit)):
            raise OSError(errno.EROFS, os.strerror(errno.EROFS), str(chemin))
        mkdir(chemin, *args, **kwargs)

    monkeypatch.setattr(os, "mkdir", faux_mkdir)
    code = orchestration.executer(_arguments(
        "--extraits", str(tmp_path), "--publication", str(interdit / "publication"),
        "--travail", str(tmp_path / "travail"), "--date-extraction", DATE_A, "--silencieux",
    ))
    erreurs = capsys.readouterr().err
    assert code == 1
    assert (
        f"Écriture impossible dans le dossier {interdit / 'publication'} : système de fichiers en lecture seule"
        in erreurs
    )
    assert "Que faire" in erreurs and "Traceback" not in erreurs
    assert not interdit.exists()


# --- Verrou du dossier de publication -----------------------------------------------------

def test_deux_nuits_sur_une_meme_publication_la_seconde_s_arrete(
    references: References, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
) -> None:
    pub = references.copie_de_a("verrou")
    avant = arborescence(pub)
    # Une première nuit (autre processus, autre dossier de travail) tient le dossier de publication.
    premiere = subprocess.Popen(
        [sys.executable, "-c",
         "import sys\nfrom pathlib import Path\nfrom mifi.nuit import verrou\n"
         "with verrou(Path(sys.argv[1])):\n    print('tenu', flush=True)\n    sys.stdin.read()\n",
         str(pub)],
        cwd=RACINE, env=environnement(), stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
    )
    try:
        assert premiere.stdout is not None and premiere.stdout.readline().strip() == "tenu"
        nuit_sans_dbt(monkeypatch)
        code = executer_b(references, pub)
        erreurs = capsys.readouterr().err
        assert code == 1
        assert f"Une autre nuit publie déjà dans le dossier de publication {pub}" in erreurs
        assert "rien n'a été touché" in erreurs
        assert arborescence(pub) == avant
    finally:
        assert premiere.stdin is not None
        premiere.stdin.close()
        premiere.wait(timeout=30)
    # Verrou rendu : la même nuit publie.
    assert executer_b(references, pub) == 0, capsys.readouterr().err
    assert identite(pub) == references.identite_b


# --- dbt ne survit pas à la nuit ----------------------------------------------------------

def _ligne_de_commande(pid: int) -> str:
    try:
        return (Path("/proc") / str(pid) / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
    except OSError:
        return ""


def processus_contenant(marqueur: str, sauf: int | None = None) -> list[int]:
    """Processus vivants dont la ligne de commande contient ``marqueur`` (chemin propre au test)."""
    return [int(p.name) for p in Path("/proc").iterdir()
            if p.name.isdigit() and int(p.name) != sauf and marqueur in _ligne_de_commande(int(p.name))]


@pytest.mark.skipif(not Path("/proc/self/cmdline").exists(), reason="/proc requis")
@pytest.mark.parametrize("signal_arret", [signal.SIGTERM, signal.SIGKILL], ids=["SIGTERM", "SIGKILL"])
def test_dbt_ne_survit_pas_a_une_nuit_tuee(references: References, tmp_path: Path, signal_arret: int) -> None:
    travail = tmp_path / "travail"
    marqueur = str(travail / "target")  # dans la ligne de commande de dbt seulement (--target-path)
    processus = subprocess.Popen(
        [sys.executable, "-m", "mifi", "nuit", "--extraits", str(references.extraits),
         "--publication", str(tmp_path / "publication"), "--travail", str(travail),
         "--date-extraction", DATE_A, "--validation", "base", "--silencieux"],
        cwd=RACINE, env=environnement(), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    try:
        echeance = time.monotonic() + 300
        while not any(" build " in _ligne_de_commande(pid) for pid in processus_contenant(marqueur, processus.pid)):
            assert processus.poll() is None, "la nuit s'est terminée avant dbt build"
            assert time.monotonic() < echeance, "dbt build n'a pas démarré"
            time.sleep(0.2)
        time.sleep(1.0)  # dbt build en cours
        processus.send_signal(signal_arret)
        processus.wait(timeout=60)
        assert processus.returncode == -signal_arret  # la nuit meurt bien de ce signal
        echeance = time.monotonic() + 15
        while processus_contenant(marqueur) and time.monotonic() < echeance:
            time.sleep(0.2)
        assert processus_contenant(marqueur) == [], "un processus dbt de la nuit tuée tourne encore"
    finally:
        if processus.poll() is None:
            processus.kill()
            processus.wait()
        for pid in processus_contenant(marqueur):  # ceux de ce test seulement (chemin unique)
            os.kill(pid, signal.SIGKILL)


# --- Migration de l'ancienne disposition (sans dbt) --------------------------------------

def test_migration_de_l_ancienne_disposition(tmp_path: Path) -> None:
    pub = tmp_path / "publication"
    anciennes = pub / ".versions"
    for nom in ("parquet", "documentation"):
        (anciennes / f"{nom}-2026-10-30-01").mkdir(parents=True)
        (anciennes / f"{nom}-2026-10-30-01" / "f.txt").write_text(f"ancien {nom}")
        os.symlink(f".versions/{nom}-2026-10-30-01", pub / nom)
    (pub / "mifi.duckdb").write_text("ancien entrepôt")
    (pub / "rapports" / "2026-10-30").mkdir(parents=True)
    (pub / "rapports" / "2026-10-30" / "rapport.md").write_text("ancien rapport")
    os.symlink("2026-10-30", pub / "rapports" / "dernier")
    (pub / ".mifi.duckdb.nouveau-123").write_text("reste d'une nuit tuée")

    assert publication.menage(pub) == [pub / ".mifi.duckdb.nouveau-123"]  # .versions encore lu
    version = publication.nouvelle_version(pub, "2026-10-31")
    for nom in ("parquet", "documentation", "rapport"):
        (version / nom).mkdir(parents=True)
        (version / nom / ("rapport.md" if nom == "rapport" else "f.txt")).write_text(f"nouveau {nom}")
    (version / "mifi.duckdb").write_text("nouvel entrepôt")
    assert publication.liens_stables_absents(pub) == []
    assert publication.basculer(pub, version) is None
    # Tant que la migration n'est pas faite, les chemins de l'ancienne disposition restent entiers.
    assert (pub / "parquet" / "f.txt").read_text() == "ancien parquet"
    assert publication.migrer_ancienne_disposition(pub) == list(publication.LIENS_STABLES)
    publication.menage(pub)
    assert (pub / "mifi.duckdb").read_text() == "nouvel entrepôt"
    for nom in ("parquet", "documentation"):
        assert (pub / nom / "f.txt").read_text() == f"nouveau {nom}"
    assert (pub / "rapports" / "dernier" / "rapport.md").read_text() == "nouveau rapport"
    assert (pub / "rapports" / "2026-10-30" / "rapport.md").read_text() == "ancien rapport"
    assert not anciennes.exists()
    assert publication.migrer_ancienne_disposition(pub) == []  # liens stables : plus rien à changer
    assert sorted(p.name for p in pub.iterdir()) == [
        "courante", "documentation", "mifi.duckdb", "parquet", "rapports", "versions"]
