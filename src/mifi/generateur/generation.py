"""Orchestration : référentiels, BDI, services numériques, puis la population mois par mois
(ARRIMA/AQ/RC/DDRC, PASI, francisation), enfin les classeurs Excel et ``verite.json``."""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any, TextIO

from . import VERSION_FORMAT_VERITE
from .arrima import COLONNES_AQ, COLONNES_CLIENTS, COLONNES_PAFFARC, COLONNES_RC, COLONNES_RENCONTRES, DomaineArrima
from .bdi import (
    COLONNES_DECLARATIONS,
    COLONNES_DIAGNOSTICS,
    COLONNES_EXPERIENCES,
    COLONNES_FRANCAIS,
    DomaineBdi,
    construire_diagnostics,
    ecrire_diagnostics,
)
from .contexte import CollecteurIdentites, Contexte, sous_generateur
from .ecriture import Comptes, EcrivainCsv
from .francisation import COLONNES_EVALUATIONS, COLONNES_INSCRIPTIONS, COLONNES_PERSONNES, DomaineFrancisation
from .identites import RegistreIdentites
from .numerique import ecrire_services, generer_services
from .parametres import Parametres
from .pasi import COLONNES_CERIGES, COLONNES_GSI, DomainePasi
from .population import Cohortes, FabriquePersonnes, Personne, mois_couverts
from .referentiels import COURS
from .verite import Verite

UTF8, CP1252, UTF8_BOM = "utf-8", "cp1252", "utf-8-sig"

# nom du fichier -> (colonnes, encodage, séparateur) — shared/contrat-extraits.md
FICHIERS_CSV: dict[str, tuple[tuple[str, ...], str, str]] = {
    "bdi_declarations.csv": (COLONNES_DECLARATIONS, UTF8, ","),
    "bdi_experiences.csv": (COLONNES_EXPERIENCES, UTF8, ","),
    "bdi_francais.csv": (COLONNES_FRANCAIS, UTF8, ","),
    "ref_diagnostics_professions.csv": (COLONNES_DIAGNOSTICS, UTF8, ","),
    "arrima_clients.csv": (COLONNES_CLIENTS, UTF8, ","),
    "arrima_aq_inscriptions.csv": (COLONNES_AQ, UTF8, ","),
    "powerapp_aq_rencontres.csv": (COLONNES_RENCONTRES, UTF8, ","),
    "arrima_rc_accompagnements.csv": (COLONNES_RC, UTF8, ","),
    "arrima_paffarc_aides.csv": (COLONNES_PAFFARC, UTF8, ","),
    "ceriges_services.csv": (COLONNES_CERIGES, CP1252, ";"),
    "gsi_services.csv": (COLONNES_GSI, UTF8_BOM, ","),
    "intimm_personnes.csv": (COLONNES_PERSONNES, CP1252, ";"),
    "intimm_inscriptions.csv": (COLONNES_INSCRIPTIONS, CP1252, ";"),
    "intimm_evaluations.csv": (COLONNES_EVALUATIONS, CP1252, ";"),
    "ref_cours.csv": (
        ("sigle_cours", "titre_cours", "type_programme", "programme_norme", "scolarite_9_ans_plus",
         "evaluation_sommative_finale", "niveau_cible_co", "niveau_cible_po"), UTF8, ",",
    ),
}
FICHIERS_EXCEL = ("ddrc_projets_recrutement.xlsx", "dgtnri_services_numeriques.xlsx")
FICHIERS = tuple(sorted(list(FICHIERS_CSV) + list(FICHIERS_EXCEL)))


def _ecrire_ref_cours(ecrivain: EcrivainCsv) -> None:
    for c in COURS:
        ecrivain.ecrire((
            c.sigle, c.titre, c.type_programme, "O" if c.programme_norme else "N",
            "O" if c.scolarite_9_ans_plus else "N", "O" if c.evaluation_sommative_finale else "N",
            "" if c.niveau_cible_co is None else str(c.niveau_cible_co),
            "" if c.niveau_cible_po is None else str(c.niveau_cible_po),
        ))


def generer(parametres: Parametres) -> dict[str, Any]:
    """Génère les 17 extraits et ``verite.json`` dans ``parametres.sortie``."""
    debut = time.perf_counter()
    sortie = parametres.sortie
    sortie.mkdir(parents=True, exist_ok=True)
    (sortie / "verite.json").unlink(missing_ok=True)  # jamais une vérité d'un autre jeu

    ecrivains = {nom: EcrivainCsv(sortie / nom, col, enc, sep) for nom, (col, enc, sep) in FICHIERS_CSV.items()}
    diagnostics = construire_diagnostics(parametres)
    verite = Verite(parametres.date_extraction, diagnostics)
    identites = CollecteurIdentites(sortie)
    registre = RegistreIdentites(parametres.graine)
    ctx = Contexte(parametres, ecrivains, verite, identites, registre)
    try:
        _ecrire_ref_cours(ecrivains["ref_cours.csv"])
        ecrire_diagnostics(ecrivains["ref_diagnostics_professions.csv"], diagnostics, parametres)

        DomaineBdi(ctx).generer()
        services = generer_services(ctx)
        n_dgtnri, doublons_dgtnri = ecrire_services(ctx, services)

        fabrique = FabriquePersonnes(sous_generateur(parametres.graine, "population"), registre, parametres)
        fabrique_ddrc = FabriquePersonnes(sous_generateur(parametres.graine, "population:ddrc"), registre, parametres, "D")
        fictifs = FabriquePersonnes(sous_generateur(parametres.graine, "fictifs"), registre, parametres, "F")
        arrima = DomaineArrima(ctx, fictifs)
        pasi = DomainePasi(ctx, fictifs)
        francisation = DomaineFrancisation(ctx, fictifs)
        cohortes = Cohortes(parametres, fabrique)

        def traiter(p: Personne) -> None:
            arrima.traiter(p)  # d'abord : attribue l'id_arrima repris par GSI
            pasi.traiter(p)
            francisation.traiter(p)

        for annee, mois in mois_couverts(parametres):
            for projet in arrima.projets_du_mois(annee, mois):
                for p in arrima.participants(projet, fabrique_ddrc):
                    traiter(p)
            for p in cohortes.personnes_du_mois(annee, mois):
                traiter(p)
        arrima.ecrire_ddrc()
    finally:
        for e in ecrivains.values():
            e.fermer()
        identites.fermer()

    comptes: dict[str, dict[str, Any]] = {nom: e.comptes.en_dict() for nom, e in ecrivains.items()}
    ddrc = Comptes(arrima.ddrc_lignes, arrima.ddrc_doublons, arrima.ddrc_invalides)
    if arrima.ddrc_invalides:
        ddrc.motifs["date impossible"] = arrima.ddrc_invalides
    comptes["ddrc_projets_recrutement.xlsx"] = ddrc.en_dict()
    comptes["dgtnri_services_numeriques.xlsx"] = Comptes(n_dgtnri, doublons_dgtnri, 0).en_dict()
    _ecrire_verite(parametres, verite, identites, arrima.identites_ddrc, comptes)
    return {"comptes": comptes, "duree_s": time.perf_counter() - debut}


def _ecrire_verite(parametres: Parametres, verite: Verite, identites: CollecteurIdentites,
                   identites_ddrc: list[tuple[str, str]], comptes: dict[str, dict[str, Any]]) -> None:
    """Écrit verite.json en flux (les correspondances d'identités peuvent être volumineuses)."""
    sortie = parametres.sortie
    entete = {
        "echelle": parametres.echelle,
        "graine": parametres.graine,
        "date_extraction": parametres.date_extraction.isoformat(),
        "bruit": parametres.bruit,
        "version": VERSION_FORMAT_VERITE,
    }
    temporaire = sortie / "verite.json.tmp"
    with open(temporaire, "w", encoding="utf-8", newline="\n") as f:
        f.write('{\n "parametres": ' + json.dumps(entete, ensure_ascii=False) + ",\n")
        f.write(' "resultats": [\n')
        resultats = verite.resultats()
        for i, r in enumerate(resultats):
            f.write("  " + json.dumps(r, ensure_ascii=False) + ("," if i < len(resultats) - 1 else "") + "\n")
        f.write(" ],\n")
        f.write(' "identites": {\n')
        sources = sorted([*CollecteurIdentites.SOURCES, "ddrc_projets_recrutement"])
        for k, source in enumerate(sources):
            f.write(f"  {json.dumps(source)}: {{")
            if source == "ddrc_projets_recrutement":
                paires = sorted(identites_ddrc, key=lambda p: (p[0].rsplit("#", 1)[0], int(p[0].rsplit("#", 1)[1])))
                _ecrire_paires(f, iter(paires))
            else:
                with open(identites.chemin(source), encoding="utf-8") as src:
                    _ecrire_paires(f, (tuple(l.rstrip("\n").split("\t")) for l in src))  # type: ignore[misc]
                identites.chemin(source).unlink()
            f.write("}" + ("," if k < len(sources) - 1 else "") + "\n")
        f.write(" },\n")
        f.write(' "comptes": {\n')
        noms = sorted(comptes)
        for i, nom in enumerate(noms):
            f.write(f"  {json.dumps(nom)}: {json.dumps(comptes[nom], ensure_ascii=False)}" + ("," if i < len(noms) - 1 else "") + "\n")
        f.write(" }\n}\n")
    temporaire.replace(sortie / "verite.json")


def _ecrire_paires(f: TextIO, paires: Any) -> None:
    premier = True
    for cle, valeur in paires:
        f.write(("\n" if premier else ",\n") + f"   {json.dumps(cle, ensure_ascii=False)}: {json.dumps(valeur)}")
        premier = False
    if not premier:
        f.write("\n  ")
