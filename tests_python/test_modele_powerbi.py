"""Publication prête pour Power BI : une nuit publiée (extraits générés, échelle 0,02,
validation Great Expectations) est lue comme le décrit le README (section « Modèle Power BI »).

- ``parquet/`` contient exactement les fichiers documentés (ceux que marque
  ``meta: {publication_powerbi: true}``), compressés en Snappy;
- chargés par ``read_parquet`` sur les fichiers du dossier, ils forment un schéma en étoile :
  clés des dimensions uniques, chaque clé de fait trouvée dans sa dimension (relations
  plusieurs-à-un), un libellé sur chaque modalité, ``date_extraction`` égale à celle de la nuit;
  la mesure DAX documentée (rapport de sommes) redonne la valeur publiée des proportions;
- aucun fichier du dossier de publication (Parquet, entrepôt DuckDB, rapports, documentation,
  état de la nuit) ne contient d'identifiant ni de nom tiré des extraits;
- chaque colonne de chaque relation du schéma marts est décrite (manifeste et catalogue dbt
  de la nuit); chaque relation publiée pour Power BI est dans une exposure qui a un
  propriétaire; la page d'accueil du site mène à la page de chaque indicateur.
"""

from __future__ import annotations

import json
import random
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pytest

from mifi.contrat import EXTRAITS
from mifi.nuit import publication
from mifi.validation.contrat_extraits import PAR_FICHIER
from mifi.validation.lecture import lire_extrait
from test_nuit import DATE, RACINE, RELATIONS_POWERBI, _detail, generer_extraits, lancer_nuit

# Colonnes des extraits qui identifient une personne ou un dossier, ou la nomment.
COLONNES_IDENTIFIANTS = ("id_arrima", "no_client", "no_inscription", "no_declaration", "no_dossier",
                         "id_personne", "no_candidat")
COLONNES_NOMS = ("nom", "prenom", "Nom", "Prénom")
TAILLE_ECHANTILLON = 200
LONGUEUR_MINIMALE = 6
# Textes du projet qui entrent dans la documentation publiée (descriptions, pages, seeds,
# données fictives des tests unitaires) : un mot qui s'y trouve n'est pas une fuite des extraits.
DOSSIERS_DU_PROJET = ("models", "docs", "seeds", "macros", "tests", "snapshots", "analyses")
_MOT = re.compile(r"[^\W_]+(?:[-'][^\W_]+)*")


@dataclass
class NuitPubliee:
    extraits: Path
    publication: Path
    travail: Path


@pytest.fixture(scope="module")
def nuit(tmp_path_factory: pytest.TempPathFactory) -> NuitPubliee:
    base = tmp_path_factory.mktemp("modele_powerbi")
    extraits = generer_extraits(base / "extraits")
    resultat = lancer_nuit(RACINE, extraits, base / "publication", base / "travail", DATE)
    assert resultat.code == 0, _detail(resultat)
    return NuitPubliee(extraits, base / "publication", base / "travail")


def section_readme(titre: str) -> str:
    texte = (RACINE / "README.md").read_text(encoding="utf-8")
    debut = texte.index(f"## {titre}\n")
    fin = texte.find("\n## ", debut + 1)
    return texte[debut:fin if fin != -1 else None]


def connexion_comme_le_readme(dossier: Path) -> duckdb.DuckDBPyConnection:
    """Une vue par fichier du dossier parquet/, nommée comme le fichier (read_parquet)."""
    connexion = duckdb.connect()
    for fichier in sorted(dossier.glob("*.parquet")):
        connexion.execute(
            f"create view {fichier.stem} as select * from read_parquet('{fichier.as_posix()}')"
        )
    return connexion


# --- Parquet : liste, compression, schéma en étoile ------------------------------------------

def test_parquet_exactement_les_fichiers_documentes_en_snappy(nuit: NuitPubliee) -> None:
    section = section_readme("Modèle Power BI")
    documentes = set(re.findall(r"`parquet/([a-z_0-9]+\.parquet)`", section))
    publies = {p.name for p in (nuit.publication / "parquet").iterdir()}
    assert documentes == {f"{nom}.parquet" for nom in RELATIONS_POWERBI}, documentes
    assert publies == documentes
    # La liste vient du manifeste (meta publication_powerbi) : marquer une relation la publie.
    manifeste = json.loads((nuit.travail / "target" / "manifest.json").read_text(encoding="utf-8"))
    assert publication.relations_powerbi(manifeste) == sorted(RELATIONS_POWERBI)
    with duckdb.connect() as connexion:
        compressions = connexion.execute(
            "select distinct compression from parquet_metadata(?)",
            [str(nuit.publication / "parquet" / "*.parquet")],
        ).fetchall()
    assert compressions == [("SNAPPY",)]


RELATIONS_ETOILE = [
    # (fait, colonne, dimension, clé)
    (fait, "indicateur_id", "dim_indicateurs", "indicateur_id")
    for fait in ("fct_resultats_indicateurs", "fct_ventilations_indicateurs", "fct_mesures_complementaires",
                 "fct_revisions_indicateurs")
] + [
    (fait, "cle_periode", "dim_periodes", "cle_periode")
    for fait in ("fct_resultats_indicateurs", "fct_ventilations_indicateurs", "fct_mesures_complementaires",
                 "fct_revisions_indicateurs")
] + [("fct_ventilations_indicateurs", "cle_modalite", "dim_modalites", "cle_modalite")]


@pytest.fixture(scope="module")
def modele(nuit: NuitPubliee) -> Iterator[duckdb.DuckDBPyConnection]:
    connexion = connexion_comme_le_readme(nuit.publication / "parquet")
    yield connexion
    connexion.close()


@pytest.mark.parametrize("fait, colonne, dimension, cle", RELATIONS_ETOILE,
                         ids=[f"{f}.{c}" for f, c, _, _ in RELATIONS_ETOILE])
def test_chaque_relation_est_plusieurs_a_un(modele: duckdb.DuckDBPyConnection, fait: str, colonne: str,
                                            dimension: str, cle: str) -> None:
    total, distinctes, vides = modele.execute(
        f"select count(*), count(distinct {cle}), count(*) - count({cle}) from {dimension}"
    ).fetchone()
    assert total > 0 and total == distinctes and vides == 0, f"clé {dimension}.{cle} non unique ou vide"
    orphelines = modele.execute(
        f"select distinct f.{colonne} from {fait} f anti join {dimension} d on f.{colonne} = d.{cle} "
        f"order by 1 limit 5"
    ).fetchall()
    assert orphelines == [], f"{fait}.{colonne} absente de {dimension} : {orphelines}"
    assert modele.execute(f"select count(*) - count({colonne}) from {fait}").fetchone()[0] == 0
    # Le README documente cette relation.
    assert f"`{fait}[{colonne}]` → `{dimension}[{cle}]`" in section_readme("Modèle Power BI")


def test_relations_utilisees_par_les_faits_non_vides(modele: duckdb.DuckDBPyConnection) -> None:
    for fait in ("fct_resultats_indicateurs", "fct_ventilations_indicateurs", "fct_mesures_complementaires"):
        assert modele.execute(f"select count(*) from {fait}").fetchone()[0] > 0, fait


def test_libelle_sur_chaque_modalite_et_ordre(modele: duckdb.DuckDBPyConnection) -> None:
    sans_libelle = modele.execute(
        "select cle_modalite from dim_modalites where coalesce(trim(libelle_modalite), '') = '' "
        "or coalesce(trim(libelle_dimension), '') = '' or ordre is null"
    ).fetchall()
    assert sans_libelle == []
    # Chaque modalité ventilée a son libellé (par la relation).
    assert modele.execute(
        "select count(*) from fct_ventilations_indicateurs v join dim_modalites m using (cle_modalite) "
        "where m.libelle_modalite is null"
    ).fetchone()[0] == 0
    # Un libellé par ordre dans une dimension (tri « libelle_modalite par ordre » possible).
    assert modele.execute(
        "select count(*) from (select dimension, libelle_modalite from dim_modalites "
        "group by all having count(distinct ordre) > 1)"
    ).fetchone()[0] == 0


def test_date_extraction_celle_de_la_nuit(modele: duckdb.DuckDBPyConnection) -> None:
    dates = modele.execute("select distinct cast(date_extraction as varchar) from fct_resultats_indicateurs").fetchall()
    assert dates == [(DATE,)]


def test_mesure_dax_rapport_de_sommes_redonne_la_proportion(modele: duckdb.DuckDBPyConnection) -> None:
    """``Taux := DIVIDE(SUM(numerateur), SUM(denominateur))`` filtré comme le README le dit."""
    section = section_readme("Modèle Power BI")
    assert "DIVIDE(SUM(fct_ventilations_indicateurs[numerateur]), SUM(fct_ventilations_indicateurs[denominateur]))" \
        in section
    ecarts = modele.execute(
        """
        select r.indicateur_id, r.cle_periode, r.valeur, sum(r.numerateur) / nullif(sum(r.denominateur), 0)
        from fct_resultats_indicateurs r join dim_indicateurs i using (indicateur_id)
        where i.unite = 'proportion' and r.est_produite and r.denominateur > 0
        group by all
        having abs(r.valeur - sum(r.numerateur) / sum(r.denominateur)) > 1e-9
        """
    ).fetchall()
    assert ecarts == []
    # Dans une dimension exclusive, une fenêtre sans cellule supprimée : la somme des cellules
    # (SUM(valeur), une granularité, une dimension) redonne le total des dénombrements.
    ecarts = modele.execute(
        """
        with cellules as (
            select indicateur_id, cle_periode, dimension, sum(valeur) as somme, bool_or(est_supprimee) as supprimee
            from fct_ventilations_indicateurs where dimension_exclusive group by all
        )
        select c.* from cellules c join fct_resultats_indicateurs r using (indicateur_id, cle_periode)
        join dim_indicateurs i using (indicateur_id)
        where not c.supprimee and i.unite <> 'proportion' and c.somme <> r.valeur
        """
    ).fetchall()
    assert ecarts == []


# --- Aucun renseignement personnel dans la publication --------------------------------------

def _mots(texte: str) -> set[str]:
    """Mots entiers du texte, casse gardée (« Parent », nom de famille, n'est pas « parent »)."""
    return set(_MOT.findall(texte))


def mots_du_projet() -> set[str]:
    mots: set[str] = set()
    for dossier in DOSSIERS_DU_PROJET:
        for chemin in (RACINE / dossier).rglob("*"):
            if chemin.is_file() and chemin.suffix in (".md", ".yml", ".sql", ".csv"):
                mots |= _mots(chemin.read_text(encoding="utf-8", errors="replace"))
    mots |= _mots((RACINE / "README.md").read_text(encoding="utf-8"))
    return {mot.casefold() for mot in mots}


def sondes(extraits: Path) -> dict[str, str]:
    """Identifiants et noms (≥ 6 caractères) tirés des extraits : mot -> origine (colonne).

    Un mot qui figure aussi dans les textes du projet (toute casse) n'est pas cherché."""
    hasard = random.Random(7)
    trouvees: dict[str, str] = {}
    projet = mots_du_projet()
    for extrait in EXTRAITS:
        colonnes = [c for c in extrait.colonnes if c in COLONNES_IDENTIFIANTS + COLONNES_NOMS]
        if not colonnes:
            continue
        donnees = lire_extrait(PAR_FICHIER[extrait.nom], extraits).donnees
        for colonne in colonnes:
            if colonne not in donnees.columns:
                continue
            valeurs = sorted({str(v).strip() for v in donnees[colonne].dropna()
                              if len(str(v).strip()) >= LONGUEUR_MINIMALE})
            if colonne in COLONNES_IDENTIFIANTS:  # petits numéros (00000001) : trop banals
                valeurs = [v for v in valeurs if not v.isdigit() or int(v) >= 1000]
            for valeur in hasard.sample(valeurs, min(TAILLE_ECHANTILLON, len(valeurs))):
                if valeur.casefold() not in projet and _MOT.fullmatch(valeur):
                    trouvees.setdefault(valeur, f"{extrait.nom}:{colonne}")
    return trouvees


def textes_publies(racine: Path) -> Iterator[tuple[str, str]]:
    """(fichier, texte) de chaque fichier du dossier de publication, sans suivre les liens :
    texte brut, ou valeurs des tables (Parquet, DuckDB) converties en texte."""
    for chemin in sorted(racine.rglob("*")):
        if chemin.is_symlink() or not chemin.is_file():
            continue
        relatif = str(chemin.relative_to(racine))
        if chemin.suffix == ".parquet":
            with duckdb.connect() as connexion:
                lignes = connexion.execute(f"select * from read_parquet('{chemin.as_posix()}')").fetchall()
            yield relatif, "\n".join(" ".join(map(str, ligne)) for ligne in lignes)
        elif chemin.suffix == ".duckdb":
            with duckdb.connect(str(chemin), read_only=True) as connexion:
                tables = connexion.execute(
                    "select table_schema, table_name from information_schema.tables"
                ).fetchall()
                for schema, table in tables:
                    lignes = connexion.execute(f'select * from "{schema}"."{table}"').fetchall()
                    yield f"{relatif}:{schema}.{table}", "\n".join(" ".join(map(str, l)) for l in lignes)
        else:
            yield relatif, chemin.read_bytes().decode("utf-8", errors="replace")


def test_aucun_identifiant_ni_nom_des_extraits_dans_la_publication(nuit: NuitPubliee) -> None:
    recherchees = sondes(nuit.extraits)
    # L'échantillon porte bien sur des identifiants et des noms des extraits.
    origines = {origine.split(":")[1] for origine in recherchees.values()}
    assert {"id_arrima", "no_client", "no_inscription", "nom", "prenom"} <= origines, origines
    assert len(recherchees) > 500
    fichiers = list(textes_publies(nuit.publication))
    noms = {f.split(":")[0] for f, _ in fichiers}
    assert {"etat_nuit.json", "etat_nuit.html"} <= noms
    assert any(f.endswith("documentation/index.html") for f in noms)
    assert any(f.endswith("rapport/rapport.html") for f in noms)
    assert sum(f.endswith(".parquet") for f in noms) == len(RELATIONS_POWERBI) * 1
    fuites = [
        (fichier, mot, recherchees[mot])
        for fichier, texte in fichiers
        for mot in sorted(_mots(texte) & recherchees.keys())
    ]
    assert fuites == [], fuites[:20]
    # Le contrôle sait trouver une fuite : un nom dans une page, un identifiant dans un Parquet.
    temoin = nuit.travail / "temoin_fuite"
    temoin.mkdir(exist_ok=True)
    nom = next(m for m, origine in sorted(recherchees.items()) if origine.endswith(":nom"))
    identifiant = next(m for m, origine in sorted(recherchees.items()) if origine.endswith(":id_arrima"))
    page = (nuit.publication / "etat_nuit.html").read_text(encoding="utf-8")
    (temoin / "page.html").write_text(page.replace("</main>", f"<p>{nom}</p></main>"), encoding="utf-8")
    with duckdb.connect() as connexion:
        connexion.execute(f"copy (select '{identifiant}' as cle) to '{(temoin / 'fait.parquet').as_posix()}'")
    trouvees = {(f, mot) for f, texte in textes_publies(temoin) for mot in _mots(texte) & recherchees.keys()}
    assert trouvees == {("page.html", nom), ("fait.parquet", identifiant)}, trouvees


def test_entrepot_publie_schema_marts_seul(nuit: NuitPubliee) -> None:
    with duckdb.connect(str(nuit.publication / "mifi.duckdb"), read_only=True) as connexion:
        schemas = {
            s for (s,) in connexion.execute("select distinct table_schema from information_schema.tables").fetchall()
        }
    assert schemas == {"marts"}


# --- Documentation pour les analystes ---------------------------------------------------------

def test_chaque_colonne_des_marts_est_decrite(nuit: NuitPubliee) -> None:
    cible = nuit.travail / "target"
    manifeste = json.loads((cible / "manifest.json").read_text(encoding="utf-8"))
    catalogue = json.loads((cible / "catalog.json").read_text(encoding="utf-8"))
    relations = [n for n in catalogue["nodes"].values() if n["metadata"]["schema"] == "marts"]
    assert len(relations) >= len(RELATIONS_POWERBI)
    manquantes = []
    for relation in relations:
        noeud = manifeste["nodes"][relation["unique_id"]]
        if not noeud.get("description", "").strip():
            manquantes.append(f"{noeud['name']} (relation)")
        decrites = {nom.lower(): c.get("description", "").strip() for nom, c in noeud["columns"].items()}
        manquantes += [f"{noeud['name']}.{colonne}" for colonne in relation["columns"]
                       if not decrites.get(colonne.lower())]
    assert manquantes == [], manquantes


def test_exposures_avec_proprietaire_et_relations_publiees(nuit: NuitPubliee) -> None:
    manifeste = json.loads((nuit.travail / "target" / "manifest.json").read_text(encoding="utf-8"))
    exposures = manifeste["exposures"].values()
    assert exposures
    lues: set[str] = set()
    for exposure in exposures:
        assert (exposure["owner"].get("name") or "").strip(), exposure["name"]
        assert (exposure.get("description") or "").strip(), exposure["name"]
        lues |= {noeud.split(".")[-1] for noeud in exposure["depends_on"]["nodes"]}
    assert set(RELATIONS_POWERBI) - {"fct_revisions_indicateurs"} <= lues, set(RELATIONS_POWERBI) - lues
    assert all("dim_modalites" in {n.split(".")[-1] for n in e["depends_on"]["nodes"]} for e in exposures)


def test_page_d_accueil_mene_a_chaque_indicateur(nuit: NuitPubliee) -> None:
    site = (nuit.publication / "documentation" / "index.html").read_text(encoding="utf-8")
    for indicateur in ("111", "221", "311", "312", "313", "521", "611"):
        assert f"#!/model/model.indicateurs_mifi.fct_resultats_{indicateur}" in site, indicateur
