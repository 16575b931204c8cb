"""Orchestration en trois tâches indépendantes, exécutées en parallèle (processus) :

- ``bdi`` : référentiels (``ref_cours``, ``ref_diagnostics_professions``), BDI, DGTNRI;
- ``integration`` : population mois par mois — ARRIMA/AQ/RC/DDRC puis PASI (CERIGES, GSI);
- ``francisation`` : la même population (mêmes personnes, sans les noms) — Intimm.

Chaque tâche a ses propres générateurs aléatoires et écrit ses propres fichiers : le résultat
est identique octet pour octet que les tâches tournent en parallèle ou l'une après l'autre
(``MIFI_GENERATEUR_PROCESSUS=1``). Les compteurs de vérité des tâches sont ensuite fusionnés
et ``verite.json`` est écrit en dernier.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any, TextIO

from . import VERSION_FORMAT_VERITE
from .arrima import DomaineArrima
from .bdi import (
    DomaineBdi,
    construire_diagnostics,
    ecrire_diagnostics,
)
from .contexte import CollecteurIdentites, Contexte, sous_generateur
from .contrat import entete_contrat, format_csv
from .ecriture import Comptes, EcrivainCsv
from .francisation import DomaineFrancisation
from .identites import RegistreIdentites
from .numerique import ecrire_services, generer_services
from .parametres import Parametres
from .pasi import DomainePasi
from .population import Cohortes, FabriquePersonnes, mois_couverts
from .referentiels import COURS
from .verite import Verite

# Tâche qui écrit chaque CSV; colonnes, encodage et séparateur : ceux du contrat des extraits.
TACHE_PAR_FICHIER: dict[str, str] = {
    "bdi_declarations.csv": "bdi", "bdi_experiences.csv": "bdi", "bdi_francais.csv": "bdi",
    "ref_diagnostics_professions.csv": "bdi", "ref_cours.csv": "bdi",
    "arrima_clients.csv": "integration", "arrima_aq_inscriptions.csv": "integration",
    "powerapp_aq_rencontres.csv": "integration", "arrima_rc_accompagnements.csv": "integration",
    "arrima_paffarc_aides.csv": "integration", "ceriges_services.csv": "integration",
    "gsi_services.csv": "integration",
    "intimm_personnes.csv": "francisation", "intimm_inscriptions.csv": "francisation",
    "intimm_evaluations.csv": "francisation",
}
# nom du fichier -> (tâche, colonnes, encodage, séparateur)
FICHIERS_CSV: dict[str, tuple[str, tuple[str, ...], str, str]] = {
    nom: (tache, entete_contrat(nom), *format_csv(nom)) for nom, tache in TACHE_PAR_FICHIER.items()
}
FICHIERS_EXCEL = ("ddrc_projets_recrutement.xlsx", "dgtnri_services_numeriques.xlsx")
FICHIERS = tuple(sorted([*FICHIERS_CSV, *FICHIERS_EXCEL]))
# La tâche la plus longue d'abord.
TACHES = ("francisation", "integration", "bdi")


def _ecrire_ref_cours(ecrivain: EcrivainCsv) -> None:
    for c in COURS:
        ecrivain.ecrire((
            c.sigle, c.titre, c.type_programme, "O" if c.programme_norme else "N",
            "O" if c.scolarite_9_ans_plus else "N", "O" if c.evaluation_sommative_finale else "N",
            "" if c.niveau_cible_co is None else str(c.niveau_cible_co),
            "" if c.niveau_cible_po is None else str(c.niveau_cible_po),
        ))


def executer_tache(tache: str, parametres: Parametres) -> dict[str, Any]:
    """Exécute une tâche; renvoie ses comptes, ses compteurs de vérité et ses identités DDRC."""
    sortie = parametres.sortie
    ecrivains = {
        nom: EcrivainCsv(sortie / nom, col, enc, sep)
        for nom, (t, col, enc, sep) in FICHIERS_CSV.items() if t == tache
    }
    diagnostics = construire_diagnostics(parametres)
    verite = Verite(parametres.date_extraction, diagnostics)
    registre = RegistreIdentites(parametres.graine)
    identites = CollecteurIdentites(sortie) if tache == "integration" else None
    ctx = Contexte(parametres, ecrivains, verite, identites, registre)  # type: ignore[arg-type]
    comptes: dict[str, dict[str, Any]] = {}
    identites_ddrc: list[tuple[str, str]] = []
    try:
        if tache == "bdi":
            _ecrire_ref_cours(ecrivains["ref_cours.csv"])
            ecrire_diagnostics(ecrivains["ref_diagnostics_professions.csv"], diagnostics, parametres)
            DomaineBdi(ctx).generer()
            lignes, doublons = ecrire_services(ctx, generer_services(ctx))
            comptes["dgtnri_services_numeriques.xlsx"] = Comptes(lignes, doublons, 0).en_dict()
        else:
            avec_noms = tache == "integration"
            fabrique = FabriquePersonnes(sous_generateur(parametres.graine, "population"), registre, parametres,
                                         avec_noms=avec_noms)
            fictifs = FabriquePersonnes(
                sous_generateur(parametres.graine, f"fictifs:{tache}"), registre, parametres, "F"
            )
            cohortes = Cohortes(parametres, fabrique)
            if tache == "integration":
                fabrique_ddrc = FabriquePersonnes(sous_generateur(parametres.graine, "population:ddrc"), registre,
                                                  parametres, "D")
                arrima = DomaineArrima(ctx, fictifs)
                pasi = DomainePasi(ctx, fictifs)
                for annee, mois in mois_couverts(parametres):
                    for projet in arrima.projets_du_mois(annee, mois):
                        for p in arrima.participants(projet, fabrique_ddrc):
                            arrima.traiter(p)  # d'abord : attribue l'id_arrima repris par GSI
                            pasi.traiter(p)
                    for p in cohortes.personnes_du_mois(annee, mois):
                        arrima.traiter(p)
                        pasi.traiter(p)
                arrima.ecrire_ddrc()
                ddrc = Comptes(arrima.ddrc_lignes, arrima.ddrc_doublons, arrima.ddrc_invalides)
                if arrima.ddrc_invalides:
                    ddrc.motifs["date impossible"] = arrima.ddrc_invalides
                comptes["ddrc_projets_recrutement.xlsx"] = ddrc.en_dict()
                identites_ddrc = arrima.identites_ddrc
            else:
                francisation = DomaineFrancisation(ctx, fictifs)
                for annee, mois in mois_couverts(parametres):
                    for p in cohortes.personnes_du_mois(annee, mois):
                        francisation.traiter(p)
    finally:
        for e in ecrivains.values():
            e.fermer()
        if identites is not None:
            identites.fermer()
    comptes.update({nom: e.comptes.en_dict() for nom, e in ecrivains.items()})
    return {"comptes": comptes, "verite": verite.etat(), "identites_ddrc": identites_ddrc}


def _nombre_processus() -> int:
    demande = os.environ.get("MIFI_GENERATEUR_PROCESSUS")
    if demande:
        return max(1, int(demande))
    return max(1, min(len(TACHES), os.cpu_count() or 1))


def generer(parametres: Parametres) -> dict[str, Any]:
    """Génère les 17 extraits et ``verite.json`` dans ``parametres.sortie``."""
    debut = time.perf_counter()
    sortie = parametres.sortie
    sortie.mkdir(parents=True, exist_ok=True)
    (sortie / "verite.json").unlink(missing_ok=True)  # jamais une vérité d'un autre jeu

    processus = _nombre_processus()
    if processus > 1 and "fork" in multiprocessing.get_all_start_methods():
        with ProcessPoolExecutor(max_workers=processus, mp_context=multiprocessing.get_context("fork")) as pool:
            futurs = {t: pool.submit(executer_tache, t, parametres) for t in TACHES}
            bilans = {t: f.result() for t, f in futurs.items()}
    else:
        bilans = {t: executer_tache(t, parametres) for t in TACHES}

    verite = Verite(parametres.date_extraction, {})
    comptes: dict[str, dict[str, Any]] = {}
    for t in TACHES:
        verite.fusionner(bilans[t]["verite"])
        comptes.update(bilans[t]["comptes"])
    _ecrire_verite(
        parametres, verite, CollecteurIdentites.chemins(sortie), bilans["integration"]["identites_ddrc"], comptes
    )
    return {"comptes": comptes, "duree_s": time.perf_counter() - debut, "processus": processus}


def _ecrire_verite(parametres: Parametres, verite: Verite, chemins: dict[str, Path],
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
        sources = sorted([*chemins, "ddrc_projets_recrutement"])
        for k, source in enumerate(sources):
            f.write(f"  {json.dumps(source)}: {{")
            if source == "ddrc_projets_recrutement":
                paires = sorted(identites_ddrc, key=lambda p: (p[0].rsplit("#", 1)[0], int(p[0].rsplit("#", 1)[1])))
                _ecrire_paires(f, iter(paires))
            else:
                with open(chemins[source], encoding="utf-8") as src:
                    _ecrire_paires(f, (l.rstrip("\n").split("\t") for l in src))
                chemins[source].unlink()
            f.write("}" + ("," if k < len(sources) - 1 else "") + "\n")
        f.write(" },\n")
        f.write(' "comptes": {\n')
        noms = sorted(comptes)
        for i, nom in enumerate(noms):
            f.write(
                f"  {json.dumps(nom)}: {json.dumps(comptes[nom], ensure_ascii=False)}"
                + ("," if i < len(noms) - 1 else "")
                + "\n"
            )
        f.write(" },\n")
        f.write(' "complements": {\n')
        complements = verite.complements()
        for i, (ind, lignes) in enumerate(sorted(complements.items())):
            f.write(f"  {json.dumps(ind)}: [\n")
            for j, l in enumerate(lignes):
                f.write("   " + json.dumps(l, ensure_ascii=False) + ("," if j < len(lignes) - 1 else "") + "\n")
            f.write("  ]" + ("," if i < len(complements) - 1 else "") + "\n")
        f.write(" }\n}\n")
    temporaire.replace(sortie / "verite.json")


def _ecrire_paires(f: TextIO, paires: Any) -> None:
    premier = True
    for cle, valeur in paires:
        f.write(("\n" if premier else ",\n") + f"   {json.dumps(cle, ensure_ascii=False)}: {json.dumps(valeur)}")
        premier = False
    if not premier:
        f.write("\n  ")
