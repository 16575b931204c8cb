"""Les défauts réalistes sont présents, à des taux raisonnables, et comptés exactement."""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from pathlib import Path
from typing import Any

from mifi.generateur.normalisation import normaliser_nom

from .conftest import DATE_EXTRACTION
from .lecture import CONTRAT_CSV, code, date_iso, date_jma, lire, lire_brut, lire_ddrc

BASCULE = date(2023, 7, 1)


def test_doublons_exacts_comptes_exactement(jeu_aucun: Path, verite_aucun: dict[str, Any]) -> None:
    for nom in CONTRAT_CSV:
        _, lignes = lire_brut(jeu_aucun, nom)
        # Doublon : ligne identique à une autre après retrait des espaces et mise en majuscules
        # (règle du staging, macro est_doublon_exact).
        doublons = len(lignes) - len({tuple(v.strip().upper() for v in l) for l in lignes})
        assert doublons == verite_aucun["comptes"][nom]["doublons_exacts"], nom
        if len(lignes) > 2000:
            assert 0.002 <= doublons / len(lignes) <= 0.03, nom


def test_lignes_invalides_presentes_sous_le_seuil_de_quarantaine(verite_aucun: dict[str, Any]) -> None:
    for nom, c in verite_aucun["comptes"].items():
        assert c["invalides"] <= 0.02 * c["lignes"], nom  # test dbt quarantaine_sous_seuil
        if c["lignes"] > 1000:
            assert c["invalides"] > 0, nom
        assert sum(c["invalides_par_motif"].values()) == c["invalides"]


def test_bascule_ceriges_gsi_et_volets_hors_pasi(jeu_aucun: Path, verite_aucun: dict[str, Any]) -> None:
    ceriges = lire(jeu_aucun, "ceriges_services.csv")
    gsi = lire(jeu_aucun, "gsi_services.csv")
    tardives = [l for l in ceriges if (j := date_jma(l["date_service"])) and j >= BASCULE]
    precoces = [l for l in gsi if (j := date_iso(l["date_service"])) and j < BASCULE]
    assert tardives and precoces
    assert {code(l["volet"]) for l in ceriges} - {"V1", "V1A", "V2", "V3", "V4"}
    assert {code(l["volet"]) for l in gsi} - {"1", "2", "3", "4"}
    assert {"V1A", "V1", "V2", "V3", "V4"} <= {code(l["volet"]) for l in ceriges}
    motifs = verite_aucun["comptes"]["ceriges_services.csv"]["invalides_par_motif"]
    assert set(motifs) == {"date impossible", "hors periode du systeme", "volet hors PASI"}
    # Codes en casse ou avec espaces parasites.
    assert any(l["volet"] != code(l["volet"]) for l in ceriges)
    inscriptions = lire(jeu_aucun, "intimm_inscriptions.csv")
    assert any(l["intensite"] != code(l["intensite"]) for l in inscriptions)
    # Même personne dans les deux systèmes.
    ident = verite_aucun["identites"]
    assert set(ident["ceriges_services"].values()) & set(ident["gsi_services"].values())


def test_variantes_de_noms_d_une_meme_personne(jeu_aucun: Path) -> None:
    graphies: dict[str, set[tuple[str, str]]] = defaultdict(set)
    for l in lire(jeu_aucun, "ceriges_services.csv"):
        graphies[l["no_dossier"]].add((l["nom"], l["prenom"]))
    variees = [g for g in graphies.values() if len(g) > 1]
    assert len(variees) > 50
    toutes = {n for g in graphies.values() for nom in g for n in nom}
    assert any(n != n.strip() for n in toutes), "espaces en trop"
    assert any("  " in n for n in toutes), "espaces doublés"
    assert any(n.isupper() and len(n) > 3 for n in toutes), "majuscules"
    assert any("’" in n for n in toutes) and any("'" in n for n in toutes), "apostrophes courbes et droites"
    assert any("œ" in n for n in toutes) and any("oe" in n.lower() and "œ" not in n for n in toutes)
    for g in variees:
        assert len({(normaliser_nom(a), normaliser_nom(b)) for a, b in g}) == 1


def test_francisation_statuts_ne_et_cas_particuliers(jeu_aucun: Path) -> None:
    inscriptions = lire(jeu_aucun, "intimm_inscriptions.csv")
    statuts = {code(l["statut_inscription"]) for l in inscriptions}
    assert statuts == {"INSCRITE", "EN_COURS", "TERMINEE", "ABANDON", "ANNULEE", "DESISTEMENT"}
    assert all(int(l["jours_presence"]) >= 1 for l in inscriptions if l["statut_inscription"] == "ABANDON")
    assert any(
        (d := date_iso(l["date_debut_cours"])) and d > DATE_EXTRACTION
        for l in inscriptions
        if l["statut_inscription"] == "INSCRITE"
    )
    assert any((d := date_iso(l["date_fin_cours"])) and d > DATE_EXTRACTION for l in inscriptions)
    assert {l["reseau"] for l in inscriptions} == {"MIFI", "MEQ"}
    assert {"O", "N"} == {l["enseignant_mifi"] for l in inscriptions}
    assert {code(l["formule"]) for l in inscriptions} == {"PRESENCE", "DISTANCE", "EN_LIGNE"}
    cours = {l["sigle_cours"]: l for l in lire(jeu_aucun, "ref_cours.csv")}
    assert any(cours[l["sigle_cours"]]["programme_norme"] == "N" for l in inscriptions if l["sigle_cours"] in cours)
    evaluations = lire(jeu_aucun, "intimm_evaluations.csv")
    assert any(l["resultat"] == "NE" for l in evaluations)
    assert {l["type_evaluation"] for l in evaluations} == {"SOMMATIVE_FINALE", "FORMATIVE"}
    personnes = lire(jeu_aucun, "intimm_personnes.csv")
    assert any(l["pays_naissance"] == "CAN" and l["statut_immigration"] == "CITOYEN_CANADIEN" for l in personnes)
    assert any(l["pays_naissance"] is None for l in personnes)
    assert any(
        l["pays_naissance"] not in (None, "CAN") and l["statut_immigration"] == "CITOYEN_CANADIEN" for l in personnes
    )
    # Personne immigrante : pays inconnu avec et sans statut CITOYEN_CANADIEN.
    assert any(l["pays_naissance"] is None and l["statut_immigration"] == "CITOYEN_CANADIEN" for l in personnes)
    assert any(l["pays_naissance"] is None and l["statut_immigration"] != "CITOYEN_CANADIEN" for l in personnes)
    # 5.2.1 : participations à des cours non normés et à des sigles absents de ref_cours.
    participations = [l for l in inscriptions
                      if code(l["statut_inscription"]) not in ("ANNULEE", "DESISTEMENT")
                      and int(l["jours_presence"]) >= 1]
    assert any(l["sigle_cours"] in cours and cours[l["sigle_cours"]]["programme_norme"] == "N" for l in participations)
    hors_referentiel = [l for l in participations if l["sigle_cours"] not in cours]
    assert hors_referentiel and len(hors_referentiel) < 0.01 * len(participations)


def test_arrima_bdi_dgtnri_cas_particuliers(jeu_aucun: Path, verite_aucun: dict[str, Any]) -> None:
    rc = lire(jeu_aucun, "arrima_rc_accompagnements.csv")
    assert {"CRRC", "QUALIFICATIONS_QUEBEC"} <= {code(l["prestataire"]) for l in rc}
    assert any(l["date_fin"] is None for l in rc)
    aides = lire(jeu_aucun, "arrima_paffarc_aides.csv")
    assert {"ACCORDEE", "REFUSEE", "ANNULEE"} <= {code(l["statut_aide"]) for l in aides}
    rencontres = lire(jeu_aucun, "powerapp_aq_rencontres.csv")
    assert {"TENUE", "ANNULEE", "ABSENCE"} <= {code(l["statut_rencontre"]) for l in rencontres}
    aq = lire(jeu_aucun, "arrima_aq_inscriptions.csv")
    assert {"O", "N"} == {l["admissible"] for l in aq} and "ANNULEE" in {l["statut_inscription"] for l in aq}
    assert {"PRE_DEPART", "AU_QUEBEC"} == {l["lieu_service"] for l in aq}
    francais = lire(jeu_aucun, "bdi_francais.csv")
    assert {"TEST", "DIPLOME", "AUTODECLARATION"} <= {code(l["type_preuve"]) for l in francais}
    ident = verite_aucun["identites"]
    ddrc = set(ident["ddrc_projets_recrutement"].values())
    arrima = set(ident["arrima_clients"].values())
    assert ddrc & arrima and ddrc - arrima, "participants DDRC avec et sans dossier ARRIMA"
    # Personne immigrante (2.2.1) : clients ARRIMA et participants DDRC sans dossier ARRIMA nés
    # au Canada ou de pays inconnu.
    clients = lire(jeu_aucun, "arrima_clients.csv")
    assert any(l["pays_naissance"] == "CAN" for l in clients) and any(l["pays_naissance"] is None for l in clients)
    pays_ddrc_seuls = {
        l[3] for feuille, lignes in lire_ddrc(jeu_aucun).items() for i, l in enumerate(lignes[1:], start=2)
        if ident["ddrc_projets_recrutement"].get(f"{feuille}#{i}") in ddrc - arrima
    }
    assert {"CAN", None} <= pays_ddrc_seuls
