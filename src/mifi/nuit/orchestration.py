"""Déroulement de la nuit (``python -m mifi nuit``) : arguments, verrous, étapes, publication, résumés.

Étapes :

0. **Garde-fous** (``mifi.nuit.garde_fous``) : une ``--date-extraction`` antérieure à la
   dernière date publiée est refusée (sauf ``--republier``); les 17 extraits sont copiés
   (empreintes SHA-256) dans ``<travail>/extraits/<date>/`` : la validation et dbt lisent
   cette copie figée, vérifiée de nouveau juste avant la publication.
1. **Valider les extraits** : ``mifi.validation.valider_extraits`` (Great Expectations) si le
   module est disponible, sinon les contrôles de base du contrat (``mifi.nuit.controles`` :
   présence, encodage, en-têtes exacts, forme des dates des 17 fichiers).
2. **Construire l'entrepôt de travail** (``<travail>/mifi.duckdb``) avec ``dbt build`` (modèles,
   seeds, instantanés et tests de données; les tests unitaires restent dans ``make test``).
   L'entrepôt de travail est recréé chaque nuit; le schéma ``historique`` (instantanés) y est
   recopié depuis ``<travail>/historique.duckdb``, sauvegarde prise à chaque publication
   réussie (``mifi.nuit.historique``) : l'historique reste dans l'espace de travail, jamais
   publié, et ne contient que des nuits publiées (une valeur jamais publiée n'entre ni dans
   l'historique ni dans les révisions).
3. **Documenter** : ``dbt docs generate --static`` (site en un seul fichier).
4. **Publier**, seulement si aucun test ni modèle de sévérité erreur n'a échoué (les
   avertissements sont permis et rapportés) : entrepôt DuckDB (schéma ``marts`` seul), un
   Parquet par relation marquée pour Power BI, documentation et rapport sont écrits ensemble
   dans un nouveau dossier ``<publication>/versions/<date>-<nn>/``, puis publiés d'un seul
   geste, le rename du lien ``courante`` (voir ``mifi.nuit.publication``).

À chaque tentative (publiée ou en échec), ``etat_nuit.json`` et ``etat_nuit.html`` sont
réécrits à la racine du dossier de publication (``mifi.nuit.etat``).

Deux verrous (``flock``) : le dossier de travail et le dossier de publication. Une deuxième
nuit sur l'un ou l'autre s'arrête aussitôt (code 1, message en français) sans rien toucher.

Une nuit en échec ne change, dans le dossier de publication, que ``etat_nuit.json`` et
``etat_nuit.html`` (données, documentation et rapports publiés identiques octet pour octet),
écrit son rapport dans ``<travail>/rapports/<date>/`` et sort avec le code 1 et un résumé en
français qui nomme l'étape en échec et dit quoi faire.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import fcntl
import inspect
import os
import re
import shutil
import sys
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import duckdb

from mifi import rapport
from mifi.contrat import EXTRAITS
from mifi.environnement import RACINE_PROJET
from mifi.nuit import etat as etat_nuit
from mifi.nuit import execution_dbt, garde_fous, historique, publication
from mifi.nuit.controles import controler_extraits


class EchecNuit(Exception):
    """La nuit s'arrête sans rien publier; le message (français) en dit la raison."""

    def __init__(self, etape: str, erreurs: list[str]):
        super().__init__(etape)
        self.etape = etape
        self.erreurs = erreurs


@dataclass
class Chemins:
    projet: Path
    extraits: Path
    publication: Path
    travail: Path
    date_extraction: str

    @property
    def entrepot_travail(self) -> Path:
        return self.travail / publication.NOM_ENTREPOT

    @property
    def entrepot_publie(self) -> Path:
        return self.publication / publication.NOM_ENTREPOT

    @property
    def cible_dbt(self) -> Path:
        return self.travail / "target"

    @property
    def journaux_dbt(self) -> Path:
        return self.travail / "logs"

    @property
    def rapport_validation(self) -> Path:
        return self.travail / "validation" / self.date_extraction

    @property
    def historique_validation(self) -> Path:
        return self.travail / "historique_validation"

    @property
    def sauvegarde_historique(self) -> Path:
        """Schéma historique des nuits publiées (espace de travail, jamais publié)."""
        return self.travail / historique.NOM_SAUVEGARDE


@dataclass
class EtatNuit:
    """Ce que la nuit a appris, pour le rapport et le résumé."""

    validation: Any | None = None
    source_validation: str = ""
    bilan: execution_dbt.BilanDbt | None = None
    avertissements: list[str] = field(default_factory=list)
    temporaires: list[Path] = field(default_factory=list)
    etape: str = "date d'extraction"  # étape en cours (état de la nuit si elle plante)
    tentative: str = ""  # date et heure du début de la nuit
    sauvegarde_historique: Path | None = None  # préparée avant la bascule, installée après


# --- Interface en ligne de commande -----------------------------------------------------

def ajouter_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--extraits", type=Path, default=None,
        help="dossier des 17 extraits (défaut : variable d'environnement MIFI_EXTRAITS_DIR)",
    )
    parser.add_argument(
        "--publication", type=Path, default=Path("donnees/publication"),
        help="dossier de publication lu par Power BI (défaut : donnees/publication)",
    )
    parser.add_argument(
        "--travail", type=Path, default=Path("donnees/travail"),
        help="dossier de travail de la nuit : entrepôt de travail, target dbt, journaux "
             "(défaut : donnees/travail)",
    )
    parser.add_argument(
        "--date-extraction", default=None, metavar="AAAA-MM-JJ",
        help="date de référence du calcul, « en date du » (défaut : la date du jour)",
    )
    parser.add_argument(
        "--validation", choices=["auto", "great-expectations", "base"], default="auto",
        help="auto : Great Expectations (mifi.validation) si disponible, sinon contrôles de base "
             "du contrat; great-expectations : l'exiger; base : contrôles de base seulement",
    )
    parser.add_argument(
        "--projet", type=Path, default=RACINE_PROJET,
        help="dossier du projet dbt (défaut : la racine de ce dépôt)",
    )
    parser.add_argument(
        "--silencieux", action="store_true", help="ne pas recopier la sortie de dbt à l'écran",
    )
    parser.add_argument(
        "--republier", action="store_true",
        help="accepter une --date-extraction antérieure à la dernière date publiée (refusée sans "
             "cette option)",
    )
    parser.add_argument(
        "--accepter-revisions", action="store_true",
        help="révisions attendues : publier même si une valeur déjà publiée d'une fenêtre terminée "
             "change de plus du seuil (variable dbt seuil_revision, 5 %%)",
    )


def executer(args: argparse.Namespace) -> int:
    extraits = args.extraits or (Path(os.environ["MIFI_EXTRAITS_DIR"]) if os.environ.get("MIFI_EXTRAITS_DIR") else None)
    if extraits is None:
        print("Dossier des extraits inconnu : donnez --extraits ou la variable MIFI_EXTRAITS_DIR.",
              file=sys.stderr)
        return 2
    date_extraction = args.date_extraction or dt.date.today().isoformat()
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", date_extraction):
        print(f"--date-extraction doit être au format AAAA-MM-JJ (reçu : {date_extraction}).", file=sys.stderr)
        return 2
    try:
        dt.date.fromisoformat(date_extraction)
    except ValueError:
        print(f"--date-extraction : date impossible ({date_extraction}).", file=sys.stderr)
        return 2
    projet = args.projet.resolve()
    if not (projet / "dbt_project.yml").is_file():
        print(f"Projet dbt introuvable : {projet}/dbt_project.yml.", file=sys.stderr)
        return 2
    chemins = Chemins(
        projet=projet,
        extraits=extraits.resolve(),
        publication=args.publication.resolve(),
        travail=args.travail.resolve(),
        date_extraction=date_extraction,
    )
    for dossier in (chemins.travail, chemins.publication):
        try:
            dossier.mkdir(parents=True, exist_ok=True)
        except OSError as erreur:
            print(f"ÉCHEC de la nuit du {date_extraction} avant tout traitement. "
                  + publication.decrire_erreur_ecriture(erreur, dossier), file=sys.stderr)
            return 1
    verrous = (
        (chemins.travail / ".verrou", chemins.travail,
         f"Une autre nuit tourne déjà sur le dossier de travail {chemins.travail} : abandon "
         f"(rien n'a été touché). Attendez sa fin, ou donnez un autre --travail."),
        (chemins.publication, chemins.publication,
         f"Une autre nuit publie déjà dans le dossier de publication {chemins.publication} "
         f"(autre dossier de travail) : abandon, rien n'a été touché. Attendez sa fin avant "
         f"de relancer; deux nuits ne publient jamais en même temps dans un même dossier."),
    )
    with ExitStack() as pile:
        for chemin, dossier, message in verrous:
            try:
                pile.enter_context(verrou(chemin))
            except BlockingIOError:
                print(message, file=sys.stderr)
                return 1
            except OSError as erreur:
                print(f"ÉCHEC de la nuit du {date_extraction} avant tout traitement (verrou). "
                      + publication.decrire_erreur_ecriture(erreur, dossier), file=sys.stderr)
                return 1
        return nuit(chemins, args.validation, None if args.silencieux else sys.stdout,
                    republier=args.republier, accepter_revisions=args.accepter_revisions)


@contextmanager
def verrou(chemin: Path) -> Iterator[None]:
    """Verrou exclusif non bloquant (``flock``); BlockingIOError si une autre nuit le tient.

    ``chemin`` est un dossier (le dossier de publication : verrouillé tel quel, sans y créer
    ni y écrire aucun fichier, pour qu'une nuit en échec le laisse identique octet pour octet)
    ou un fichier verrou (dossier de travail : créé au besoin, il reçoit le pid de la nuit
    qui le tient). Le noyau lâche le verrou à la mort du processus, même tué (SIGKILL).
    """
    if chemin.is_dir():
        descripteur = os.open(chemin, os.O_RDONLY | os.O_DIRECTORY)
        try:
            fcntl.flock(descripteur, fcntl.LOCK_EX | fcntl.LOCK_NB)
            try:
                yield
            finally:
                fcntl.flock(descripteur, fcntl.LOCK_UN)
        finally:
            os.close(descripteur)
        return
    # « a+ » et non « w » : ne pas effacer le pid de la nuit qui tient déjà le verrou.
    with open(chemin, "a+", encoding="utf-8") as fichier:
        fcntl.flock(fichier.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        try:
            fichier.seek(0)
            fichier.truncate()
            fichier.write(str(os.getpid()))
            fichier.flush()
            yield
        finally:
            fcntl.flock(fichier.fileno(), fcntl.LOCK_UN)


def ecrire(sortie: Any, texte: str) -> None:
    if sortie is not None:
        sortie.write(texte + "\n")
        sortie.flush()


# --- Déroulement ------------------------------------------------------------------------

def nuit(chemins: Chemins, mode_validation: str, sortie: Any, *, republier: bool = False,
         accepter_revisions: bool = False) -> int:
    etat = EtatNuit(tentative=etat_nuit.maintenant())
    try:
        controler_date(chemins, republier, etat)
        etat.etape = "extraits figés"
        chemins, figes = figer(chemins, etat, sortie)
        etat.etape = "validation"
        ecrire(sortie, f"== Nuit du {chemins.date_extraction} : validation des extraits ({chemins.extraits})")
        valider(chemins, mode_validation, etat)
        etat.etape = "dbt build"
        ecrire(sortie, f"== Construction de l'entrepôt de travail ({chemins.entrepot_travail})")
        preparer_entrepot_travail(chemins)
        with garde_fous.revisions_acceptees(accepter_revisions):
            construire(chemins, etat, sortie)
        if accepter_revisions:
            etat.avertissements.append(
                "--accepter-revisions : les révisions de valeurs publiées au-delà du seuil sont publiées "
                "(voir fct_revisions_indicateurs)."
            )
        etat.etape = "documentation"
        ecrire(sortie, "== Documentation (dbt docs generate --static)")
        documenter(chemins, etat, sortie)
        etat.etape = "extraits figés"
        verifier_figes(figes, etat)
        etat.etape = "publication"
        ecrire(sortie, f"== Publication ({chemins.publication})")
        publier(chemins, etat)
    except EchecNuit as echec:
        nettoyer(etat)
        chemin_rapport = rapport_d_echec(chemins, etat, echec)
        print(resume_echec(chemins, etat, echec, chemin_rapport), file=sys.stderr)
        ecrire_etat(chemins, etat, echec)
        return 1
    except Exception as erreur:
        nettoyer(etat)
        ecrire_etat(chemins, etat, EchecNuit(etat.etape, [
            f"Erreur inattendue ({type(erreur).__name__} : {erreur})."
        ]))
        raise
    except BaseException:  # interruption (Ctrl-C, signal) : état inconnu, rien n'est réécrit
        nettoyer(etat)
        raise
    print(resume_succes(chemins, etat))
    ecrire_etat(chemins, etat, None)
    return 0


def _raisons(erreurs: list[str]) -> list[str]:
    """Erreurs de la nuit pour ``etat_nuit`` : sans valeur tirée des extraits, sans journal brut."""
    raisons = []
    for erreur in erreurs:
        lignes = [ligne.strip() for ligne in erreur.splitlines() if ligne.strip()]
        if not lignes:
            continue
        if "Fin du journal" in lignes[0]:
            lignes = lignes[:1]
        raisons.append(" — ".join(etat_nuit.sans_valeurs(ligne) for ligne in lignes))
    return raisons


def ecrire_etat(chemins: Chemins, etat: EtatNuit, echec: EchecNuit | None) -> None:
    """Réécrit ``etat_nuit.json`` et ``etat_nuit.html`` (seuls fichiers changés par un échec)."""
    en_place: dict[str, str | None] = {"date_extraction": None, "version": None}
    try:
        trouvee = garde_fous.derniere_date_publiee(chemins.publication)
        version = publication.version_liee(chemins.publication, publication.LIEN_COURANTE)
        en_place = {"date_extraction": trouvee[0] if trouvee else None,
                    "version": version.name if version else None}
        if version is not None:
            en_place["publiee_le"] = dt.datetime.fromtimestamp(version.stat().st_mtime).astimezone() \
                .replace(microsecond=0).isoformat()
        contenu = etat_nuit.EtatDerniereNuit(
            tentative=etat.tentative or etat_nuit.maintenant(),
            date_extraction=chemins.date_extraction,
            statut=etat_nuit.PUBLIEE if echec is None else etat_nuit.EN_ECHEC,
            etape_en_echec=None if echec is None else etat_nuit.ETAPES.get(echec.etape, echec.etape),
            raisons=[] if echec is None else _raisons(echec.erreurs),
            que_faire=[] if echec is None else etat_nuit.que_faire(echec.etape, echec.erreurs),
            avertissements=[etat_nuit.sans_valeurs(a) for a in etat.avertissements],
            publication_en_place=en_place,
        )
        etat_nuit.ecrire(chemins.publication, contenu)
    except OSError as erreur:  # disque plein, lecture seule : le résumé à l'écran reste la référence
        print("(État de la nuit non écrit : "
              + publication.decrire_erreur_ecriture(erreur, chemins.publication) + ")", file=sys.stderr)


def controler_date(chemins: Chemins, republier: bool, etat: EtatNuit) -> None:
    """Refuse une date d'extraction antérieure à la dernière publiée (sauf --republier)."""
    erreurs, avertissements = garde_fous.controler_date_extraction(
        chemins.publication, chemins.date_extraction, republier
    )
    etat.avertissements += avertissements
    if erreurs:
        raise EchecNuit("date d'extraction", erreurs)


def figer(chemins: Chemins, etat: EtatNuit, sortie: Any) -> tuple[Chemins, garde_fous.ExtraitsFiges]:
    """Copie figée des extraits (voir mifi.nuit.garde_fous) : toute la nuit lit ces octets."""
    ecrire(sortie, f"== Extraits figés : copie de {chemins.extraits} dans {chemins.travail / 'extraits'}")
    if not chemins.extraits.is_dir():
        raise EchecNuit("validation", [f"Dossier des extraits introuvable : {chemins.extraits}"])
    absents = [f.nom for f in EXTRAITS if not (chemins.extraits / f.nom).is_file()]
    if absents:
        etat.avertissements.append(
            f"Extrait(s) absent(s) du dossier source {chemins.extraits} : {', '.join(absents)}."
        )
    try:
        figes = garde_fous.figer_extraits(chemins.extraits, chemins.travail, chemins.date_extraction)
    except OSError as erreur:
        raise EchecNuit("extraits figés", [f"Copie des extraits impossible : {erreur}."]) from erreur
    return dataclasses.replace(chemins, extraits=figes.dossier), figes


def verifier_figes(figes: garde_fous.ExtraitsFiges, etat: EtatNuit) -> None:
    """Juste avant la publication : les octets construits sont-ils toujours ceux validés ?"""
    erreurs, avertissements = garde_fous.verifier_extraits_figes(figes)
    etat.avertissements += avertissements
    if erreurs:
        raise EchecNuit("extraits figés", erreurs)


def valider(chemins: Chemins, mode: str, etat: EtatNuit) -> None:
    resultat: Any
    if mode in ("auto", "great-expectations"):
        valider_gx: Callable[..., Any] | None = None  # reste None : validation de secours (sans GX)
        try:
            # Import différé : valider_extraits charge Great Expectations (~0,9 s mesurées avec
            # python -X importtime), que « --validation base » et « mifi nuit --help » ne paient pas.
            from mifi.validation import valider_extraits  # noqa: PLC0415

            valider_gx = valider_extraits
        except ImportError as erreur:
            if mode == "great-expectations":
                raise EchecNuit("validation", [f"Validation Great Expectations indisponible : {erreur}."]) from erreur
        if valider_gx is not None:
            if chemins.rapport_validation.exists():  # nuit relancée pour la même date
                shutil.rmtree(chemins.rapport_validation)
            chemins.rapport_validation.mkdir(parents=True)
            chemins.historique_validation.mkdir(parents=True, exist_ok=True)
            options: dict[str, Any] = {}
            if "date_extraction" in inspect.signature(valider_gx).parameters:
                options["date_extraction"] = dt.date.fromisoformat(chemins.date_extraction)
            try:
                resultat = valider_gx(
                    chemins.extraits, chemins.rapport_validation, chemins.historique_validation, **options
                )
            except Exception as erreur:  # une validation qui plante est un échec
                raise EchecNuit("validation", [f"La validation des extraits a planté : {erreur!r}."]) from erreur
            etat.validation, etat.source_validation = resultat, "Great Expectations"
        else:
            etat.avertissements.append(
                "Validation Great Expectations (mifi.validation) indisponible : contrôles de base du contrat seulement."
            )
    if etat.validation is None:
        etat.validation, etat.source_validation = controler_extraits(chemins.extraits), "contrôles de base du contrat"
    if not etat.validation.succes:
        raise EchecNuit("validation", list(etat.validation.erreurs) or ["Extraits non conformes (sans détail)."])


def preparer_entrepot_travail(chemins: Chemins) -> None:
    """Entrepôt de travail neuf, avec le schéma ``historique`` des nuits publiées.

    Le schéma ``historique`` vient de ``<travail>/historique.duckdb`` (sauvegarde prise à la
    dernière publication réussie; à défaut, transition, de l'entrepôt publié d'avant ce
    changement) : ``mifi.nuit.historique``. Tout le reste est reconstruit par dbt build : une
    relation retirée du projet ne survit pas d'une nuit à l'autre, et les instantanés d'une
    nuit en échec (écrits dans l'entrepôt de travail, jamais sauvegardés) disparaissent.
    """
    for chemin in (chemins.entrepot_travail, chemins.entrepot_travail.with_name(publication.NOM_ENTREPOT + ".wal")):
        if chemin.exists():
            chemin.unlink()
    historique.supprimer_restes(chemins.travail)
    historique.restaurer(chemins.entrepot_travail, chemins.sauvegarde_historique, chemins.entrepot_publie)
    for fichier in ("run_results.json", "manifest.json", "catalog.json", "index.html", "static_index.html"):
        chemin = chemins.cible_dbt / fichier
        if chemin.exists():
            chemin.unlink()


def _dbt(chemins: Chemins, arguments: list[str], journal: str, sortie: Any) -> int:
    return execution_dbt.lancer_dbt(
        arguments,
        projet=chemins.projet,
        extraits=chemins.extraits,
        entrepot=chemins.entrepot_travail,
        cible=chemins.cible_dbt,
        journaux=chemins.journaux_dbt,
        date_extraction=chemins.date_extraction,
        journal=chemins.journaux_dbt / journal,
        sortie=sortie,
    )


def creer_schemas(chemins: Chemins, sortie: Any) -> None:
    """Crée d'avance, dans l'entrepôt de travail, tous les schémas du projet.

    Contournement de dbt-duckdb (issue duckdb/dbt-duckdb#691) : une source chargée par un
    greffon (schéma ``brut``) est créée au moment où un nœud qui la lit est compilé; avec
    plusieurs fils, deux compilations simultanées créent le même schéma et l'une échoue
    (« Catalog write-write conflict on create »). L'entrepôt publié ne contient pas ces
    schémas de travail : sans ce contournement, chaque nuit y serait exposée. La liste des
    schémas vient du manifeste (``dbt parse``, dont l'analyse sert ensuite à ``dbt build``).
    """
    code = _dbt(chemins, ["parse"], "dbt_parse.log", sortie)
    manifeste = execution_dbt.lire_manifeste(chemins.cible_dbt)
    if code != 0 or not manifeste:
        raise EchecNuit("dbt parse", [
            f"Le projet dbt ne s'analyse pas (code {code}). Fin du journal :\n"
            + execution_dbt.BilanDbt(code, False, [], chemins.journaux_dbt / "dbt_parse.log").fin_du_journal()
        ])
    schemas = sorted({
        str(noeud["schema"])
        for groupe in ("nodes", "sources")
        for noeud in manifeste.get(groupe, {}).values()
        if noeud.get("schema") and noeud.get("resource_type") in ("model", "seed", "snapshot", "source")
    })
    with duckdb.connect(str(chemins.entrepot_travail)) as connexion:
        for schema in schemas:
            connexion.execute(f"create schema if not exists {publication.identifiant(schema)}")


def construire(chemins: Chemins, etat: EtatNuit, sortie: Any) -> None:
    creer_schemas(chemins, sortie)
    # Les tests unitaires (unit_tests) vérifient la logique SQL sur des données fictives, pas
    # les données de la nuit : ils tournent dans « make test » (CI), pas chaque nuit.
    code = _dbt(chemins, ["build", "--exclude-resource-type", "unit_test"], "dbt_build.log", sortie)
    bilan = execution_dbt.lire_bilan(chemins.cible_dbt, code, chemins.journaux_dbt / "dbt_build.log")
    etat.bilan = bilan
    if bilan.bloquants or bilan.avertissements:
        try:
            with duckdb.connect(str(chemins.entrepot_travail), read_only=True) as connexion:
                execution_dbt.completer_details(bilan, connexion)
        except Exception:  # noqa: BLE001 — le détail est facultatif
            pass
    if not bilan.succes:
        erreurs = [_decrire_noeud(noeud) for noeud in bilan.bloquants]
        if not bilan.resultats_trouves:
            erreurs.append(
                "dbt build s'est arrêté avant d'exécuter les nœuds (pas de run_results.json). "
                "Fin du journal :\n" + bilan.fin_du_journal()
            )
        elif not erreurs:
            erreurs.append(f"dbt build a rendu le code {code}. Fin du journal :\n" + bilan.fin_du_journal())
        raise EchecNuit("dbt build", erreurs)


def _decrire_noeud(noeud: execution_dbt.ResultatNoeud, bruts: bool = False) -> str:
    """Un nœud en échec en une phrase; ``bruts`` : avec ses lignes fautives brutes (espace de
    travail seulement : elles peuvent citer des valeurs des extraits)."""
    texte = f"{noeud.libelle()}"
    if noeud.chemin:
        texte += f" ({noeud.chemin})"
    texte += f" : {noeud.message.strip() or noeud.statut}"
    for detail in noeud.details + (noeud.details_bruts if bruts else []):
        texte += f"\n      {detail}"
    return texte


def documenter(chemins: Chemins, etat: EtatNuit, sortie: Any) -> None:
    """Site de documentation; un échec ici n'empêche pas de publier les données."""
    # --no-compile : le manifeste de dbt build (code compilé compris) sert tel quel.
    code = _dbt(chemins, ["docs", "generate", "--static", "--no-compile"], "dbt_docs.log", sortie)
    manquants = [f for f in ("index.html", "static_index.html", "manifest.json", "catalog.json")
                 if not (chemins.cible_dbt / f).is_file()]
    if code != 0 or manquants:
        etat.avertissements.append(
            f"dbt docs generate a échoué (code {code}; manquants : {', '.join(manquants) or 'aucun'}) : "
            f"la documentation publiée reste celle de la nuit précédente."
        )


def nettoyer(etat: EtatNuit) -> None:
    for chemin in reversed(etat.temporaires):
        try:
            if chemin.is_symlink() or chemin.is_file():
                chemin.unlink(missing_ok=True)
            elif chemin.is_dir():
                shutil.rmtree(chemin, ignore_errors=True)
        except OSError:  # dossier devenu illisible : le ménage de la nuit suivante s'en charge
            pass
    etat.temporaires.clear()


def _copier_data_docs(source: Path, dossier_rapport: Path, rapport_validation: Path) -> str | None:
    """Copie les Data Docs de la validation dans le rapport d'une nuit en échec (espace de
    travail seulement : ils citent des valeurs brutes des extraits); rend le lien relatif.

    Quand les Data Docs sont dans le dossier de rapport de la validation (cas de
    ``mifi.validation``), tout ce dossier est copié sous ``validation/`` (Data Docs, synthèse
    HTML, résultat JSON); sinon, le dossier des Data Docs seul.
    """
    if not source.exists():
        return None
    source = source.resolve()
    racine = rapport_validation.resolve()
    if racine in source.parents:
        shutil.copytree(racine, dossier_rapport / "validation")
        cible = dossier_rapport / "validation" / source.relative_to(racine)
    else:
        dossier = source.parent if source.is_file() else source
        shutil.copytree(dossier, dossier_rapport / "data_docs")
        cible = dossier_rapport / "data_docs" / (source.name if source.is_file() else "")
    if cible.is_dir():
        cible = cible / "index.html"
    return cible.relative_to(dossier_rapport).as_posix()


def publier(chemins: Chemins, etat: EtatNuit) -> None:
    """Écrit la nouvelle version à part, puis la publie d'un seul geste (rename de ``courante``).

    À appeler sous le verrou du dossier de publication (``executer`` le prend) : le ménage
    supprime ce qu'aucun lien ne désigne. Avant la bascule, toute erreur (disque plein,
    dossier en lecture seule, permission refusée...) lève ``EchecNuit`` : les temporaires sont
    supprimés par ``nettoyer`` et la publication précédente reste identique. Après la bascule,
    la nuit est publiée : un échec du rangement (lien ``precedente``, migration de l'ancienne
    disposition, historique des rapports, ménage) devient un avertissement, repris la nuit
    suivante. ``publication.etape_franchie`` marque la fin de chaque étape.
    """
    assert etat.bilan is not None
    pub = chemins.publication
    etape = publication.etape_franchie
    try:
        publication.menage(pub)
        historique.supprimer_restes(chemins.travail)  # sauvegarde préparée par une nuit tuée
        etape("menage_initial")
        for dossier in (pub / publication.DOSSIER_VERSIONS, pub / publication.DOSSIER_RAPPORTS):
            if not dossier.is_dir():
                dossier.mkdir()
                etat.temporaires.append(dossier)
        version = publication.nouvelle_version(pub, chemins.date_extraction)
        temporaire = publication.dossier_temporaire(version)
        etat.temporaires.append(temporaire)
        temporaire.mkdir()
        _preparer_version(chemins, etat, temporaire)
        os.rename(temporaire, version)
        etat.temporaires[etat.temporaires.index(temporaire)] = version
        publication.synchroniser_dossier(version.parent)
        if (version / (publication.NOM_ENTREPOT + ".wal")).exists():
            raise RuntimeError(f"Journal .wal apparu à côté de l'entrepôt de {version} avant sa publication.")
        etape("version_complete")
        absents = publication.liens_stables_absents(pub)
        etat.temporaires += absents
        publication.creer_liens_stables(pub, absents)
        etape("liens_stables")
        precedente = publication.basculer(pub, version, avant_bascule=lambda: etape("lien_temporaire"))
    except EchecNuit:
        raise
    except Exception as erreur:  # rien n'est encore publié
        if publication.code_erreur(erreur) is not None:
            message = publication.decrire_erreur_ecriture(erreur, pub)
        else:
            message = f"{type(erreur).__name__} : {erreur}"
        raise EchecNuit("publication", [
            message + " Les fichiers temporaires de cette nuit ont été supprimés."
        ]) from erreur
    etat.temporaires.clear()
    etape("bascule")
    sauvegarde = etat.sauvegarde_historique
    try:
        if sauvegarde is not None:
            historique.installer_sauvegarde(sauvegarde, chemins.sauvegarde_historique)
    except OSError as erreur:
        etat.avertissements.append(
            f"Nuit publiée, mais la sauvegarde de l'historique ({chemins.sauvegarde_historique}) n'a pas été "
            f"mise à jour : {erreur}. La nuit suivante comparera ses valeurs à la publication d'avant."
        )
    etape("historique")

    # La nuit est publiée; le rangement qui suit ne change rien pour un lecteur.
    rangement: list[tuple[str, str, Any]] = [
        ("precedente", "la mise à jour du lien « precedente »",
         lambda: precedente and publication.remplacer_lien(  # type: ignore[func-returns-value]
             pub / publication.LIEN_PRECEDENTE, os.path.relpath(precedente, pub))),
        ("migration", "le remplacement des chemins de l'ancienne disposition par des liens",
         lambda: publication.migrer_ancienne_disposition(pub)),
        ("archive_rapport", f"la copie du rapport dans {pub / publication.DOSSIER_RAPPORTS}",
         lambda: [publication.archiver_rapport(pub, v) for v in (precedente, version) if v is not None]),
        ("menage", f"la suppression des anciennes versions de {pub / publication.DOSSIER_VERSIONS}",
         lambda: publication.menage(pub)),
    ]
    for nom, description, action in rangement:
        try:
            action()
        except Exception as erreur:  # noqa: BLE001 — la publication est faite
            cause = (publication.decrire_erreur_ecriture(erreur, pub) if publication.code_erreur(erreur)
                     else f"{type(erreur).__name__} : {erreur}")
            etat.avertissements.append(
                f"Nuit publiée ({pub / publication.LIEN_COURANTE} -> {version.name}), mais {description} "
                f"a échoué : {cause} La nuit suivante reprendra ce rangement."
            )
        etape(nom)


def _preparer_version(chemins: Chemins, etat: EtatNuit, dossier: Path) -> None:
    """Remplit ``dossier`` (version en préparation) : Parquet, rapport, entrepôt, documentation.

    Prépare aussi (dans l'espace de travail) la sauvegarde du schéma historique, installée
    après la bascule. Les Data Docs et la synthèse de la validation (valeurs brutes des
    extraits) ne sont pas publiés : le rapport publié n'en donne que les comptes et les règles.
    """
    assert etat.bilan is not None
    etape = publication.etape_franchie
    manifeste = execution_dbt.lire_manifeste(chemins.cible_dbt)
    with duckdb.connect(str(chemins.entrepot_travail)) as connexion:
        catalogue = connexion.execute("select current_database()").fetchone()[0]  # type: ignore[index]
        publication.exporter_parquet(connexion, catalogue, dossier / publication.PARQUET,
                                     publication.relations_powerbi(manifeste))
        etape("parquet")
        dossier_rapport = dossier / publication.RAPPORT
        dossier_rapport.mkdir()
        rapport.produire_rapport(
            dossier_rapport,
            date_extraction=chemins.date_extraction,
            publie=True,
            connexion=connexion,
            catalogue=catalogue,
            manifeste=manifeste,
            bilan=etat.bilan,
            validation=etat.validation,
            avertissements_nuit=etat.avertissements,
        )
        publication.synchroniser_arborescence(dossier_rapport)
        etape("rapport")
        publication.ecrire_entrepot_publie(connexion, catalogue, dossier / publication.NOM_ENTREPOT)
        temporaire = historique.chemin_temporaire(chemins.sauvegarde_historique)
        etat.temporaires.append(temporaire)
        historique.preparer_sauvegarde(connexion, catalogue, temporaire)
        etat.sauvegarde_historique = temporaire
        etape("entrepot")
    documentation = dossier / publication.DOCUMENTATION
    if not any("docs generate" in a for a in etat.avertissements):
        # Le site en un seul fichier (static_index.html de dbt), publié sous le nom index.html :
        # il s'ouvre d'un double-clic. L'index.html de dbt, lui, charge manifest.json et
        # catalog.json par requête (serveur web requis) et s'afficherait vide.
        documentation.mkdir()
        publication.copier_fichier(chemins.cible_dbt / "static_index.html", documentation / "index.html")
        publication.synchroniser_arborescence(documentation)
    elif (chemins.publication / publication.DOCUMENTATION).is_dir():
        # Documentation en échec cette nuit : la version garde celle de la nuit précédente.
        publication.copier_dossier((chemins.publication / publication.DOCUMENTATION).resolve(), documentation)
    publication.synchroniser_dossier(dossier)
    etape("documentation")


def rapport_d_echec(chemins: Chemins, etat: EtatNuit, echec: EchecNuit) -> Path | None:
    """Rapport d'une nuit en échec, dans le dossier de travail (jamais dans la publication)."""
    dossier = chemins.travail / "rapports" / chemins.date_extraction
    try:
        if dossier.exists():
            shutil.rmtree(dossier)
        connexion = None
        if etat.bilan is not None and chemins.entrepot_travail.is_file():
            connexion = duckdb.connect(str(chemins.entrepot_travail), read_only=True)
        try:
            catalogue = connexion.execute("select current_database()").fetchone()[0] if connexion else ""  # type: ignore[index]
            lien = None
            chemin_data_docs = getattr(etat.validation, "chemin_data_docs", None)
            if chemin_data_docs:
                dossier.mkdir(parents=True, exist_ok=True)
                lien = _copier_data_docs(Path(chemin_data_docs), dossier, chemins.rapport_validation)
            return rapport.produire_rapport(
                dossier,
                date_extraction=chemins.date_extraction,
                publie=False,
                connexion=connexion,
                catalogue=catalogue,
                manifeste=execution_dbt.lire_manifeste(chemins.cible_dbt) if etat.bilan else {},
                bilan=etat.bilan,
                validation=etat.validation,
                lien_data_docs=lien,
                etape_echec=etat_nuit.ETAPES.get(echec.etape, echec.etape),
                erreurs_nuit=[f"{echec.etape} : {e}" for e in echec.erreurs],
                avertissements_nuit=etat.avertissements,
            )
        finally:
            if connexion is not None:
                connexion.close()
    except Exception as erreur:  # noqa: BLE001 — le résumé à l'écran reste la référence
        print(f"(Rapport d'échec non produit : {erreur!r})", file=sys.stderr)
        return None


# --- Résumés ----------------------------------------------------------------------------

def resume_echec(chemins: Chemins, etat: EtatNuit, echec: EchecNuit, chemin_rapport: Path | None) -> str:
    lignes = [
        f"ÉCHEC de la nuit du {chemins.date_extraction} (étape : {echec.etape}). Rien n'a été publié : "
        f"la publication précédente ({chemins.publication}) reste en place, intacte.",
    ]
    if echec.etape == "validation":
        lignes.append(f"Extraits non conformes ({etat.source_validation or 'validation'}) :")
    elif echec.etape == "dbt build":
        lignes.append("Tests ou modèles en échec (dbt build) :")
    lignes += [f"  - {erreur}" for erreur in echec.erreurs]
    if etat.bilan is not None:
        for noeud in etat.bilan.bloquants:
            if noeud.details_bruts:
                lignes.append(f"  Lignes fautives de {noeud.libelle()} (espace de travail, ne pas diffuser) :")
                lignes += [f"      {detail}" for detail in noeud.details_bruts]
    lignes += [f"Que faire : {action}" for action in etat_nuit.que_faire(echec.etape, echec.erreurs)]
    if etat.bilan is not None and etat.bilan.ignores:
        lignes.append(f"  ({len(etat.bilan.ignores)} nœud(s) ignoré(s) en aval de ces échecs.)")
    if etat.bilan is not None and etat.bilan.avertissements:
        lignes.append(f"Tests en avertissement : {len(etat.bilan.avertissements)} (voir le rapport).")
    lignes += [f"Avertissement : {a}" for a in etat.avertissements]
    if chemin_rapport is not None:
        lignes.append(f"Rapport : {chemin_rapport}")
    lignes.append(f"Journaux dbt : {chemins.journaux_dbt}")
    return "\n".join(lignes)


def resume_succes(chemins: Chemins, etat: EtatNuit) -> str:
    pub = chemins.publication
    nb_parquet = len(list((pub / "parquet").glob("*.parquet")))
    version = publication.version_liee(pub, publication.LIEN_COURANTE)
    lignes = [
        f"Nuit du {chemins.date_extraction} publiée dans {pub} :",
        f"  - version : {version} (lien {pub / publication.LIEN_COURANTE})",
        f"  - entrepôt : {chemins.entrepot_publie}",
        f"  - Parquet : {pub / 'parquet'} ({nb_parquet} fichier(s), un par relation lue par Power BI)",
        f"  - documentation : {pub / 'documentation' / 'index.html'}",
        f"  - rapport : {pub / 'rapports' / 'dernier' / 'rapport.md'} "
        f"(historique : {pub / 'rapports' / chemins.date_extraction})",
        f"  - validation : {etat.source_validation} (détail : {chemins.rapport_validation}, espace de travail)",
        f"  - état de la nuit : {pub / etat_nuit.NOM_HTML}",
    ]
    if etat.bilan is not None:
        avertis = etat.bilan.avertissements
        if avertis:
            lignes.append(f"Tests en avertissement ({len(avertis)}) :")
            lignes += [f"  - {_decrire_noeud(n, bruts=True)}" for n in avertis]
    lignes += [f"Avertissement : {a}" for a in etat.avertissements]
    if etat.validation is not None and etat.validation.avertissements:
        avertissements = list(etat.validation.avertissements)
        lignes += [f"Avertissement (extraits) : {a}" for a in avertissements[:5]]
        if len(avertissements) > 5:
            lignes.append(
                f"... et {len(avertissements) - 5} autre(s) avertissement(s) sur les extraits (voir le rapport)."
            )
    return "\n".join(lignes)

