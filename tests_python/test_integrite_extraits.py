"""Intégrité des extraits (issue « Aucun chiffre faux en silence », points 1, 6 et 9).

Défauts réalistes injectés dans une copie d'extraits générés sans bruit, passés par la nuit
(`python -m mifi nuit`) ou par un simple `dbt build` :

a. id_arrima de powerapp_aq_rencontres.csv sans zéros de tête (réenregistrement Excel) : la
   nuit échoue, le message nomme le fichier, la colonne et « zéros de tête perdus ? », la
   publication précédente reste identique octet pour octet;
b. même défaut sur no_client de intimm_inscriptions.csv (Windows-1252, `;`, encodage gardé);
c. quelques références orphelines sous le seuil : les chiffres publiés égalent la vérité, les
   orphelines sont comptées par motif dans fct_reconciliation_extraits;
d. une ligne DGTNRI recopiée avec `OUI`/`NON` au lieu de `Oui`/`Non` : comptée une fois;
e. un Identifiant DGTNRI repris sur une ligne au contenu différent : erreur nommant la clé.

Les tests génériques references_connues et cle_declaree_unique sont aussi exécutés, compilés
par dbt, sur de petites tables DuckDB (comme test_tests_generiques.py) : ils peuvent échouer,
et seulement au-delà du seuil. La région `6` -> `06` est couverte par un test unitaire dbt
(staging_arrima_region_completee_par_des_zeros).
"""

from __future__ import annotations

import json
import shutil
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pytest
from openpyxl import load_workbook

from mifi.validation.contrat_extraits import extrait
from outils_dbt import DATE_EXTRACTION, RACINE, Construction, comparer_a_la_verite, dbt
from test_nuit import Nuit, empreinte_publication, generer_extraits, lancer_nuit
from test_validation_matrice import _ecrire, _lire, modifier_colonne


def sans_zeros_de_tete(valeur: str) -> str:
    """« 00000005 » -> « 5 » : ce que fait Excel d'un identifiant numérique réenregistré."""
    return valeur.strip().lstrip("0") or "0"


def copier(source: Path, destination: Path) -> Path:
    shutil.copytree(source, destination)
    return destination


# --- Tests génériques compilés, sur de petites tables -----------------------------------------

@pytest.fixture(scope="module")
def sql_compiles(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """SQL compilé (cible lint, DuckDB en mémoire) des tests references_connues et
    cle_declaree_unique, par nom de fichier compilé."""
    cible = tmp_path_factory.mktemp("compilation")
    dbt(
        ["compile", "--target", "lint", "--select", "test_name:references_connues", "test_name:cle_declaree_unique"],
        cible / "extraits_absents", cible / "inutilise.duckdb", cible,
    )
    return {chemin.stem: chemin.read_text(encoding="utf-8") for chemin in (cible / "compiled").rglob("*.sql")}


def _sql(sql_compiles: dict[str, str], test: str, fichier: str) -> str:
    """SQL compilé du test générique `test` déclaré sur l'extrait `fichier` (dbt abrège les
    noms de fichiers compilés : on les reconnaît à leur contenu)."""
    trouves = [
        sql for nom, sql in sql_compiles.items()
        if nom.startswith(test) and (f"Fichier {fichier} :" in sql or f"de {fichier}'" in sql)
    ]
    assert len(trouves) == 1, f"test compilé {test} de {fichier} introuvable ou ambigu : {sorted(sql_compiles)}"
    return trouves[0]


def _executer(sql: str, tables: dict[str, list[tuple]]) -> list[str]:
    """Exécute un test compilé sur des tables staging.<nom>(cle, est_doublon, motif_quarantaine)
    fabriquées (colonne clé nommée d'après la table); rend les messages."""
    with duckdb.connect() as connexion:
        connexion.execute("create schema staging")
        for nom, (colonne, lignes) in tables.items():
            connexion.execute(
                f"create table staging.{nom} ({colonne} varchar, est_doublon boolean, motif_quarantaine varchar)"
            )
            if lignes:
                connexion.executemany(f"insert into staging.{nom} values (?, ?, ?)", lignes)
        sql = sql.replace('"memory".', "")
        return [ligne[-1] for ligne in connexion.execute(sql).fetchall()]


def _clients(n: int) -> tuple[str, list[tuple]]:
    return ("id_arrima", [(f"{i:08d}", False, None) for i in range(1, n + 1)])


def test_references_sans_zeros_de_tete_echouent_avec_le_diagnostic(sql_compiles: dict[str, str]) -> None:
    sql = _sql(sql_compiles, "references_connues", "powerapp_aq_rencontres.csv")
    rencontres = ("id_arrima", [(str(i), False, None) for i in range(1, 101)])
    messages = _executer(sql, {"base_arrima__clients": _clients(100), "base_powerapp__aq_rencontres": rencontres})
    assert len(messages) == 1
    assert messages[0].startswith(
        "100 % des id_arrima de powerapp_aq_rencontres.csv sont inconnus de arrima_clients.csv"
    )
    assert "zéros de tête perdus ?" in messages[0]


def test_references_d_un_autre_systeme_echouent_sans_parler_de_zeros(sql_compiles: dict[str, str]) -> None:
    sql = _sql(sql_compiles, "references_connues", "powerapp_aq_rencontres.csv")
    rencontres = ("id_arrima", [(f"X{i:07d}", False, None) for i in range(1, 51)]
                  + [(f"{i:08d}", False, None) for i in range(1, 51)])
    messages = _executer(sql, {"base_arrima__clients": _clients(100), "base_powerapp__aq_rencontres": rencontres})
    assert len(messages) == 1 and messages[0].startswith("50 % des id_arrima")
    assert "zéros de tête" not in messages[0] and "même extraction" in messages[0]


def test_quelques_references_orphelines_sous_le_seuil_passent(sql_compiles: dict[str, str]) -> None:
    """1 orpheline sur 100 (seuil 2 %) : quarantaine de la ligne, pas d'échec du test; les
    doublons et les références vides ne comptent pas."""
    sql = _sql(sql_compiles, "references_connues", "powerapp_aq_rencontres.csv")
    rencontres = ("id_arrima", [(f"{i:08d}", False, None) for i in range(1, 100)]
                  + [("99999999", False, "id_arrima inconnu de arrima_clients")]
                  + [("99999999", True, "id_arrima inconnu de arrima_clients")] * 5
                  + [(None, False, "id_arrima manquant")] * 5)
    assert _executer(sql, {"base_arrima__clients": _clients(100), "base_powerapp__aq_rencontres": rencontres}) == []
    # 3 orphelines sur 102 (2,9 %) : au-delà du seuil de 2 %, mais moins de
    # quarantaine_min_lignes (10) lignes écartées dans un petit extrait : défaut toléré.
    rencontres[1].extend([("99999998", False, None), ("99999997", False, None)])
    assert _executer(sql, {"base_arrima__clients": _clients(100), "base_powerapp__aq_rencontres": rencontres}) == []
    # 12 orphelines sur 111 (10,8 %) : au-delà du seuil et d'au moins 10 lignes : échec.
    rencontres[1].extend([(f"9999990{i}", False, None) for i in range(9)])
    assert len(_executer(sql, {"base_arrima__clients": _clients(100), "base_powerapp__aq_rencontres": rencontres})) == 1


def test_cle_declaree_unique_au_contenu_different_echoue(sql_compiles: dict[str, str]) -> None:
    sql = _sql(sql_compiles, "cle_declaree_unique", "dgtnri_services_numeriques.xlsx")
    lignes = [("SN-1", False, None), ("SN-1", True, None), ("SN-2", False, None)]
    assert _executer(sql, {"base_dgtnri__services_numeriques": ("identifiant", lignes)}) == []
    lignes.append(("SN-2", False, "date_mise_en_ligne invalide"))
    messages = _executer(sql, {"base_dgtnri__services_numeriques": ("identifiant", lignes)})
    assert messages == [
        "Fichier dgtnri_services_numeriques.xlsx : la clé identifiant = « SN-2 » figure sur 2 lignes au contenu "
        "différent (le contrat la déclare unique) : corriger la source ou réextraire dgtnri_services_numeriques.xlsx."
    ]


# --- Nuits : un extrait abîmé fait échouer la nuit, rien n'est publié ---------------------------

@dataclass
class Nuits:
    sain: Path
    publication: Path
    travail: Path
    empreinte: dict[str, str]


@pytest.fixture(scope="module")
def nuits(tmp_path_factory: pytest.TempPathFactory) -> Nuits:
    """Une première nuit réussie sur des extraits sains (échelle 0,02) : la publication à protéger."""
    dossier = tmp_path_factory.mktemp("integrite")
    sain = generer_extraits(dossier / "sain")
    publication, travail = dossier / "publication", dossier / "travail"
    nuit = lancer_nuit(RACINE, sain, publication, travail, DATE_EXTRACTION)
    assert nuit.code == 0, f"la nuit sur des extraits sains a échoué :\n{nuit.sortie[-3000:]}\n{nuit.erreurs[-3000:]}"
    return Nuits(sain, publication, travail, empreinte_publication(publication))


def _nuit_abimee(nuits: Nuits, dossier: Path, fichier: str, colonne: str) -> Nuit:
    """Copie des extraits sains où `colonne` de `fichier` a perdu ses zéros de tête; le fichier
    garde son encodage et son séparateur (Windows-1252 et `;` pour Intimm) : seule la colonne
    change."""
    extraits = copier(nuits.sain, dossier / "extraits")
    e = extrait(fichier)
    avant = _lire(e, extraits / fichier)
    modifier_colonne(colonne, sans_zeros_de_tete)(e, extraits / fichier)
    apres = _lire(e, extraits / fichier)
    i = avant[0].index(colonne)
    assert [ligne[:i] + ligne[i + 1:] for ligne in apres] == [ligne[:i] + ligne[i + 1:] for ligne in avant]
    assert sum(a[i] != b[i] for a, b in zip(avant[1:], apres[1:])) > 0.9 * (len(avant) - 1)
    return lancer_nuit(RACINE, extraits, nuits.publication, nuits.travail, DATE_EXTRACTION)


@pytest.mark.parametrize(("fichier", "colonne", "parent"), [
    ("powerapp_aq_rencontres.csv", "id_arrima", "arrima_clients.csv"),
    ("intimm_inscriptions.csv", "no_client", "intimm_personnes.csv"),
])
def test_zeros_de_tete_perdus_font_echouer_la_nuit_sans_rien_publier(
    nuits: Nuits, tmp_path: Path, fichier: str, colonne: str, parent: str
) -> None:
    nuit = _nuit_abimee(nuits, tmp_path, fichier, colonne)
    sortie = nuit.sortie + nuit.erreurs
    assert nuit.code != 0, f"la nuit aurait dû échouer :\n{sortie[-3000:]}"
    attendu = f"100 % des {colonne} de {fichier} sont inconnus de {parent}"
    assert attendu in sortie and "zéros de tête perdus ?" in sortie, sortie[-3000:]
    assert empreinte_publication(nuits.publication) == nuits.empreinte


# --- dbt build : orphelines sous le seuil, doublons DGTNRI normalisés, clé DGTNRI contredite ------

def _feuille_dgtnri(chemin: Path):
    classeur = load_workbook(chemin)
    return classeur, classeur[extrait("dgtnri_services_numeriques.xlsx").onglet]


def _ligne_dgtnri(feuille, nouveau: str, participation: str) -> list:
    for ligne in feuille.iter_rows(min_row=5, values_only=True):
        if ligne[3] == nouveau and ligne[4] == participation:
            return list(ligne)
    raise AssertionError(f"aucune ligne DGTNRI « {nouveau} / {participation} »")


def ajouter_orphelines(extraits: Path) -> None:
    """3 rencontres d'un id_arrima inconnu, 2 inscriptions d'un no_client inconnu (copies de
    lignes valides, sinon identiques)."""
    e = extrait("powerapp_aq_rencontres.csv")
    lignes = _lire(e, extraits / e.fichier)
    modele = next(ligne for ligne in lignes[1:] if ligne[3] == "EVALUATION_BESOINS" and ligne[4] == "TENUE")
    lignes += [[f"R99999999{i}", "99999999", *modele[2:]] for i in range(3)]
    _ecrire(e, extraits / e.fichier, lignes)
    e = extrait("intimm_inscriptions.csv")
    lignes = _lire(e, extraits / e.fichier)
    lignes += [[f"99999999{i}", "9999999", *lignes[1][2:]] for i in range(2)]
    _ecrire(e, extraits / e.fichier, lignes)


def recopier_ligne_dgtnri_en_majuscules(extraits: Path) -> None:
    """Une ligne « Oui / Non » (nouveau service sans participation) recopiée en « OUI / non » :
    comptée deux fois, elle ferait baisser la proportion 6.1.1."""
    chemin = extraits / "dgtnri_services_numeriques.xlsx"
    classeur, feuille = _feuille_dgtnri(chemin)
    ligne = _ligne_dgtnri(feuille, "Oui", "Non")
    feuille.append([ligne[0], f" {ligne[1]}", ligne[2], "OUI", "non", *ligne[5:]])
    classeur.save(chemin)


@pytest.fixture(scope="module")
def construction_defauts_toleres(nuits: Nuits, tmp_path_factory: pytest.TempPathFactory) -> Construction:
    dossier = tmp_path_factory.mktemp("defauts_toleres")
    extraits = copier(nuits.sain, dossier / "extraits")
    ajouter_orphelines(extraits)
    recopier_ligne_dgtnri_en_majuscules(extraits)
    entrepot = dossier / "entrepot.duckdb"
    dbt(["build"], extraits, entrepot, dossier / "target")
    verite = json.loads((extraits / "verite.json").read_text(encoding="utf-8"))
    return Construction(extraits=extraits, entrepot=entrepot, verite=verite)


@pytest.mark.parametrize("indicateur", ["3.1.1", "3.1.3", "5.2.1", "6.1.1"])
def test_defauts_sous_le_seuil_publient_la_verite(construction_defauts_toleres: Construction, indicateur: str) -> None:
    assert comparer_a_la_verite(construction_defauts_toleres, indicateur) == []


def test_orphelines_comptees_par_motif_dans_la_reconciliation(construction_defauts_toleres: Construction) -> None:
    lignes = dict(
        (fichier, (detail, est_reconcilie))
        for fichier, detail, est_reconcilie in construction_defauts_toleres.requete(
            "select fichier, detail_quarantaine, est_reconcilie from marts.fct_reconciliation_extraits"
        )
    )
    detail, est_reconcilie = lignes["powerapp_aq_rencontres.csv"]
    assert "id_arrima inconnu de arrima_clients : 3" in detail and est_reconcilie
    detail, est_reconcilie = lignes["intimm_inscriptions.csv"]
    assert "no_client inconnu de intimm_personnes : 2" in detail and est_reconcilie
    assert all(reconcilie for _, reconcilie in lignes.values())


def test_ligne_dgtnri_recopiee_en_majuscules_est_un_doublon(construction_defauts_toleres: Construction) -> None:
    (nb_doublons,), = construction_defauts_toleres.requete(
        "select nb_doublons from marts.fct_reconciliation_extraits where fichier = 'dgtnri_services_numeriques.xlsx'"
    )
    attendu = construction_defauts_toleres.verite["comptes"]["dgtnri_services_numeriques.xlsx"]["doublons_exacts"]
    assert nb_doublons == attendu + 1


def test_identifiant_dgtnri_contredit_fait_echouer_le_build(nuits: Nuits, tmp_path: Path) -> None:
    extraits = copier(nuits.sain, tmp_path / "extraits")
    chemin = extraits / "dgtnri_services_numeriques.xlsx"
    classeur, feuille = _feuille_dgtnri(chemin)
    ligne = _ligne_dgtnri(feuille, "Oui", "Oui")
    feuille.append([ligne[0], "Autre service, même identifiant", *ligne[2:]])
    classeur.save(chemin)
    entrepot, cible = tmp_path / "entrepot.duckdb", tmp_path / "target"
    # La porte de qualité cle_declaree_unique est aussi rattachée à l'ancre int_qualite__ancre_portes.
    resultat = dbt(["build", "--select", "path:models/staging/dgtnri", "int_qualite__ancre_portes"],
                   extraits, entrepot, cible, verifier=False)
    assert resultat.returncode != 0, resultat.stdout[-3000:]
    assert "cle_declaree_unique_base_dgtnri__services_numeriques" in resultat.stdout
    compile, = (cible / "compiled").rglob("cle_declaree_unique_base_dgtnr*.sql")
    with duckdb.connect(str(entrepot), read_only=True) as connexion:
        messages = [
            m for (m,) in connexion.execute(f"select message from ({compile.read_text()}) as echecs").fetchall()
        ]
    assert messages == [
        f"Fichier dgtnri_services_numeriques.xlsx : la clé identifiant = « {ligne[0]} » figure sur 2 lignes au contenu "
        "différent (le contrat la déclare unique) : corriger la source ou réextraire dgtnri_services_numeriques.xlsx."
    ]


# --- dbt build seul : une porte de qualité échoue sans empêcher le calcul des indicateurs ----------

def test_porte_de_qualite_en_echec_ne_bloque_pas_les_indicateurs(nuits: Nuits, tmp_path: Path) -> None:
    """Règle : `dbt build` calcule toujours les marts à partir des lignes retenues; une porte de
    qualité des extraits (ici 100 % d'id_arrima orphelins dans powerapp_aq_rencontres.csv) fait
    échouer la commande, mais ne fait sauter aucun modèle : les sept indicateurs sont publiés,
    et un indicateur que l'extrait abîmé ne touche pas reste égal à la vérité."""
    extraits = copier(nuits.sain, tmp_path / "extraits")
    modifier_colonne("id_arrima", sans_zeros_de_tete)(extrait("powerapp_aq_rencontres.csv"),
                                                      extraits / "powerapp_aq_rencontres.csv")
    entrepot = tmp_path / "entrepot.duckdb"
    resultat = dbt(["build"], extraits, entrepot, tmp_path / "target", verifier=False)
    assert resultat.returncode != 0, resultat.stdout[-3000:]
    assert "references_connues_base_powerapp__aq_rencontres" in resultat.stdout
    assert " SKIP " not in resultat.stdout and "SKIP=0" in resultat.stdout, resultat.stdout[-3000:]
    construction = Construction(
        extraits=extraits, entrepot=entrepot,
        verite=json.loads((extraits / "verite.json").read_text(encoding="utf-8")),
    )
    (nb,) = construction.requete("select count(distinct indicateur_id) from marts.fct_resultats_indicateurs")[0]
    assert nb == 7
    assert comparer_a_la_verite(construction, "3.1.3") == []
