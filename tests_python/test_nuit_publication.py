"""Publication en un seul geste (``mifi.nuit.publier``) : aucun chiffre faux en silence.

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

import errno
import hashlib
import os
import shutil
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

import pytest

from mifi import nuit
from mifi.nuit import execution_dbt, publication
from mifi.nuit.controles import controler_extraits
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

from mifi import nuit
from mifi.nuit import execution_dbt
from mifi.nuit.controles import controler_extraits

projet, extraits, pub, travail, date = sys.argv[1:6]
chemins = nuit.Chemins(projet=Path(projet), extraits=Path(extraits), publication=Path(pub),
                       travail=Path(travail), date_extraction=date)
etat = nuit.EtatNuit()
nuit.valider(chemins, "base", etat)
etat.bilan = execution_dbt.lire_bilan(chemins.cible_dbt, 0, chemins.journaux_dbt / "dbt_build.log")
with nuit.verrou(chemins.publication):
    nuit.publier(chemins, etat)
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
            "select (select max(dbt_valid_from)::date::varchar from historique.hist_resultats_indicateurs), "
            "md5(string_agg(t::varchar, '|' order by t::varchar)), count(*) from marts.fct_resultats_indicateurs t",
        ),
        "parquet": empreintes_parquet(pub),
        "documentation": {p.name: sha(p) for p in sorted((pub / "documentation").iterdir())},
        "rapport": (pub / "rapports" / "dernier" / "rapport.md").read_text(encoding="utf-8").splitlines()[0],
    }


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
            f"# Rapport de la nuit — extraits du {date}")
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
    attendue = "a" if publication.ETAPES_PUBLICATION.index(etape) < publication.ETAPES_PUBLICATION.index("bascule") else "b"
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
            f"# Rapport de la nuit — extraits du {date}"), (etape, date)


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
