"""Revue des doublons probables de 2.2.1 (splink) sur un petit entrepôt fabriqué à la main."""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

import duckdb

from mifi.doublons_probables import SEUIL_REVUE, evaluer_paires, lire_enregistrements, produire_revue

NOMS = ["tremblay", "gagnon", "roy", "cote", "bouchard", "gauthier", "morin", "lavoie", "fortin", "gagne",
        "ouellet", "pelletier", "belanger", "levesque", "bergeron", "leblanc", "paquette", "girard", "simard",
        "boucher", "caron", "beaulieu", "cloutier", "dube", "poirier", "fournier", "lapointe", "leclerc"]
PRENOMS = ["marie", "jean", "sophie", "luc", "amina", "karim", "chloe", "olivier", "fatou", "minh", "ines",
           "pedro", "yara", "lea", "omar", "julie", "david", "nadia", "samuel", "emma"]


def _entrepot(chemin: Path) -> None:
    """Entrepôt minimal : 60 clients ARRIMA servis en 2023-2024, dont un qui est aussi un
    participant DDRC saisi avec une coquille (« berrnier » pour « bernier »), et un homonyme
    parfait de nom et prénom mais né 20 ans plus tôt (une autre personne)."""
    hasard = random.Random(3)
    clients = []
    for i in range(60):
        naissance = dt.date(1960, 1, 1) + dt.timedelta(days=hasard.randrange(0, 15000))
        clients.append(
            (f"{i:08d}", hasard.choice(NOMS), hasard.choice(PRENOMS), naissance, hasard.choice(["FRA", "MAR", "COL"]))
        )
    clients.append(("00000100", "bernier", "remi", dt.date(1989, 10, 29), "FRA"))
    clients.append(("00000101", "bernier", "remi", dt.date(1969, 3, 2), "HTI"))
    with duckdb.connect(str(chemin)) as c:
        for schema in ("staging", "intermediate", "marts"):
            c.execute(f"create schema {schema}")
        c.execute(
            "create table staging.stg_arrima__clients "
            "(id_arrima varchar, cle_nominative varchar, pays_naissance varchar)"
        )
        c.execute("""create table intermediate.int_reconnaissance_competences__services (
            type_service varchar, id_service varchar, cle_personne varchar, id_arrima varchar,
            date_debut date, date_fin_effective date)""")
        c.execute("""create table intermediate.int_reconnaissance_competences__participants_ddrc (
            id_ligne_ddrc varchar, cle_nominative varchar, pays_naissance varchar, est_rapproche_arrima boolean,
            cle_personne varchar)""")
        c.execute("""create table marts.fct_resultats_221 as
            select '2023-2024' as periode, 'annuelle' as granularite, date '2023-04-01' as date_debut,
                date '2024-03-31' as date_fin""")
        for id_arrima, nom, prenom, naissance, pays in clients:
            c.execute("insert into staging.stg_arrima__clients values (?, ?, ?)",
                      [id_arrima, f"{nom}|{prenom}|{naissance.isoformat()}", pays])
            c.execute("insert into intermediate.int_reconnaissance_competences__services values "
                      "('aide_paffarc', ?, ?, ?, date '2023-06-01', date '2023-06-01')",
                      [f"P{id_arrima}", f"arrima:{id_arrima}", id_arrima])
        cle = "berrnier|remi|1989-10-29"
        c.execute("insert into intermediate.int_reconnaissance_competences__participants_ddrc values "
                  "('Projet A#2', ?, 'FRA', false, ?)", [cle, f"ddrc:{cle}"])
        c.execute(
            "insert into intermediate.int_reconnaissance_competences__services values "
            "('accompagnement_ddrc', 'Projet A#2', ?, null, date '2023-09-01', date '2023-12-31')",
            [f"ddrc:{cle}"],
        )


def test_coquille_ddrc_signalee_et_surcompte_estime(tmp_path: Path) -> None:
    entrepot = tmp_path / "mini.duckdb"
    _entrepot(entrepot)
    revue, surcompte = produire_revue(entrepot, sortie_csv=tmp_path / "csv")

    au_seuil = revue[revue["est_au_seuil_de_revue"]]
    paires = {frozenset((r.id_enregistrement_1, r.id_enregistrement_2)) for r in au_seuil.itertuples()}
    assert frozenset(("arrima:00000100", "ddrc:berrnier|remi|1989-10-29")) in paires
    # L'homonyme né vingt ans plus tôt n'est pas un doublon probable.
    assert not any("arrima:00000101" in paire for paire in paires)
    ligne = surcompte.set_index("periode").loc["2023-2024"]
    assert ligne["nb_personnes_publiees"] == 63
    assert ligne["surcompte_au_seuil"] == len(paires) >= 1

    # Écrit dans le schéma revue de l'entrepôt et en CSV, sans toucher aux autres tables.
    with duckdb.connect(str(entrepot), read_only=True) as c:
        assert c.execute("select count(*) from revue.doublons_probables_221").fetchone()[0] == len(revue)
        assert c.execute("select count(*) from revue.surcompte_probable_221").fetchone()[0] == 1
        assert c.execute("select count(*) from marts.fct_resultats_221").fetchone()[0] == 1
    assert (tmp_path / "csv" / "doublons_probables_221.csv").is_file()

    # Mesure contre une vérité : la paire de la coquille est la seule vraie paire.
    with duckdb.connect(str(entrepot), read_only=True) as c:
        enregistrements = lire_enregistrements(c)
    verite = {"identites": {
        "arrima_clients": {f"{i:08d}": f"P{i}" for i in range(102)},
        "ddrc_projets_recrutement": {"Projet A#2": "P100"},
    }}
    mesure = evaluer_paires(enregistrements, revue, verite, SEUIL_REVUE)
    assert mesure["paires_vraies"] == 1
    assert mesure["rappel"] == 1.0
