"""Exactitude de 3.1.1 et 3.1.2 contre la vérité terrain (extraits générés sans bruit).

Sans bruit, les règles et les décisions résolvent tous les défauts des extraits : les marts
doivent égaler la vérité, les lignes écartées au staging doivent être exactement celles que
le générateur a rendues invalides, et la clé de personne des dossiers PASI doit apparier
CERIGES et GSI sans aucune erreur (précision et rappel de 1).
"""

from __future__ import annotations

import pytest

from mifi.qualite_appariement import MODELE_DOSSIERS, identites_pasi, mesurer_appariement
from outils_dbt import Construction, comparer_a_la_verite

EXTRAITS_INTEGRATION = {
    "arrima_aq_inscriptions.csv": "base_arrima__aq_inscriptions",
    "powerapp_aq_rencontres.csv": "base_powerapp__aq_rencontres",
    "ceriges_services.csv": "base_ceriges__services",
    "gsi_services.csv": "base_gsi__services",
}


def test_311_egal_a_la_verite(construction_verite: Construction) -> None:
    assert comparer_a_la_verite(construction_verite, "3.1.1") == []


def test_312_egal_a_la_verite(construction_verite: Construction) -> None:
    assert comparer_a_la_verite(construction_verite, "3.1.2") == []


def test_312_t2_2023_2024_publie_non_produit(construction_verite: Construction) -> None:
    lignes = construction_verite.resultats("3.1.2")
    t2 = lignes[("2023-2024", "cumul_trimestriel", "2023-09-30")]
    assert t2["est_produite"] is False and t2["valeur"] is None
    annee = lignes[("2023-2024", "annuelle", "2024-03-31")]
    assert annee["est_produite"] is True and annee["valeur"] is not None


@pytest.mark.parametrize("fichier", sorted(EXTRAITS_INTEGRATION))
def test_staging_ecarte_exactement_les_lignes_invalides(construction_verite: Construction, fichier: str) -> None:
    """Doublons exacts et lignes mises de côté (dont, pour CERIGES et GSI, les motifs
    « hors periode du systeme » et « volet hors PASI ») comptés comme le générateur."""
    attendu = construction_verite.verite["comptes"][fichier]
    modele = EXTRAITS_INTEGRATION[fichier]
    (lignes, doublons, invalides), = construction_verite.requete(
        f"select count(*), sum(case when est_doublon then 1 else 0 end), "
        f"sum(case when not est_doublon and motif_quarantaine is not null then 1 else 0 end) "
        f"from staging.{modele}"
    )
    assert (lignes, doublons, invalides) == (attendu["lignes"], attendu["doublons_exacts"], attendu["invalides"])
    if fichier in ("ceriges_services.csv", "gsi_services.csv"):
        motifs = dict(construction_verite.requete(
            f"select motif_quarantaine, count(*) from staging.{modele} "
            f"where not est_doublon and motif_quarantaine in ('hors periode du systeme', 'volet hors PASI') "
            f"group by motif_quarantaine"
        ))
        for motif in ("hors periode du systeme", "volet hors PASI"):
            assert motifs.get(motif, 0) == attendu["invalides_par_motif"].get(motif, 0), motif


def test_312_appariement_ceriges_gsi_parfait(construction_verite: Construction) -> None:
    predits = {
        (systeme, dossier): cle
        for systeme, dossier, cle in construction_verite.requete(
            f"select systeme_source, id_dossier, cle_personne from {MODELE_DOSSIERS}"
        )
    }
    rapport = mesurer_appariement(predits, identites_pasi(construction_verite.verite))
    assert rapport.nb_dossiers_hors_verite == 0
    assert rapport.liens_ceriges_gsi.liens_vrais > 0, "aucune personne présente dans les deux systèmes"
    assert (rapport.tous_liens.precision, rapport.tous_liens.rappel) == (1.0, 1.0), rapport.en_texte()
    assert (rapport.liens_ceriges_gsi.precision, rapport.liens_ceriges_gsi.rappel) == (1.0, 1.0), rapport.en_texte()
