"""Garde-fous de la nuit (issue « Aucun chiffre faux en silence ») : extraits figés, date
d'extraction qui ne recule pas, révisions attendues.

- **Extraits figés** : au début de la nuit, les 17 extraits du contrat sont copiés (vraie copie,
  jamais un lien : une réécriture sur place de la source modifierait aussi un lien physique)
  dans ``<travail>/extraits/<date>/`` et leur empreinte SHA-256 est notée pendant la copie
  (``<travail>/extraits/<date>.sha256``, format de ``sha256sum``). La validation et
  ``dbt build`` lisent cette copie; juste avant de publier, les empreintes sont recalculées :
  un fichier figé modifié arrête la nuit (message qui le nomme). Un extrait remplacé dans le
  dossier source pendant la nuit n'y change rien (la nuit publie les octets validés) et est
  signalé en avertissement. Seule la copie de la nuit en cours est gardée.
- **Date d'extraction** : une nuit dont ``--date-extraction`` est antérieure à la dernière date
  publiée est refusée, sauf ``--republier``. La dernière date publiée est celle de la
  publication en place : ``max(date_extraction)`` de ``marts.fct_resultats_indicateurs`` dans
  l'entrepôt publié (version courante), sinon (publication d'avant cette colonne) l'historique
  qu'y gardait l'entrepôt publié, sinon le lien ``rapports/dernier``, sinon le plus récent
  dossier ``rapports/<date>``. Jamais ``etat_nuit.json`` : il décrit la dernière *tentative*,
  qui a pu échouer. Rien de publié : toute date est acceptée.
- **Révisions attendues** : ``--accepter-revisions`` pose ``MIFI_ACCEPTER_REVISIONS`` pour les
  processus dbt de la nuit (variable dbt ``accepter_revisions``, test ``revisions_sous_seuil``).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from mifi.contrat import EXTRAITS

TAILLE_BLOC = 1 << 22
MOTIF_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
VARIABLE_ACCEPTER_REVISIONS = "MIFI_ACCEPTER_REVISIONS"


# --- Extraits figés ---------------------------------------------------------------------

@dataclass
class ExtraitsFiges:
    """Copie des extraits lue par toute la nuit, et l'empreinte SHA-256 de chaque fichier."""

    source: Path
    dossier: Path
    empreintes: dict[str, str] = field(default_factory=dict)

    @property
    def fichier_empreintes(self) -> Path:
        return self.dossier.with_name(self.dossier.name + ".sha256")


def empreinte(chemin: Path) -> str:
    somme = hashlib.sha256()
    with open(chemin, "rb") as fichier:
        while bloc := fichier.read(TAILLE_BLOC):
            somme.update(bloc)
    return somme.hexdigest()


def _copier_avec_empreinte(source: Path, cible: Path) -> str:
    """Copie octet pour octet; l'empreinte est celle des octets écrits (une seule lecture)."""
    somme = hashlib.sha256()
    temporaire = cible.with_name(f".{cible.name}.copie")
    with open(source, "rb") as entree, open(temporaire, "wb") as sortie:
        while bloc := entree.read(TAILLE_BLOC):
            somme.update(bloc)
            sortie.write(bloc)
        sortie.flush()
        os.fsync(sortie.fileno())
    shutil.copystat(source, temporaire)
    os.chmod(temporaire, 0o444)  # lecture seule : la copie figée ne se modifie pas par mégarde
    temporaire.replace(cible)
    return somme.hexdigest()


def figer_extraits(source: Path, travail: Path, date_extraction: str) -> ExtraitsFiges:
    """Copie les extraits du contrat présents dans ``source`` vers ``<travail>/extraits/<date>/``.

    Un extrait absent n'est pas copié : la validation le signalera (fichier introuvable).
    Les copies des nuits précédentes sont supprimées.
    """
    racine = travail / "extraits"
    if racine.exists():
        for ancien in racine.iterdir():
            if ancien.is_dir() and not ancien.is_symlink():
                shutil.rmtree(ancien)
            else:
                ancien.unlink()
    figes = ExtraitsFiges(source=source, dossier=racine / date_extraction)
    figes.dossier.mkdir(parents=True)
    for fichier in EXTRAITS:
        chemin = source / fichier.nom
        if chemin.is_file():
            figes.empreintes[fichier.nom] = _copier_avec_empreinte(chemin, figes.dossier / fichier.nom)
    figes.fichier_empreintes.write_text(
        "".join(f"{somme}  {nom}\n" for nom, somme in sorted(figes.empreintes.items())), encoding="utf-8"
    )
    return figes


def verifier_extraits_figes(figes: ExtraitsFiges) -> tuple[list[str], list[str]]:
    """(erreurs, avertissements) : copie figée modifiée depuis le début de la nuit (erreur),
    extrait source remplacé pendant la nuit (avertissement : la copie validée fait foi)."""
    erreurs: list[str] = []
    avertissements: list[str] = []
    for nom, attendue in sorted(figes.empreintes.items()):
        chemin = figes.dossier / nom
        obtenue = empreinte(chemin) if chemin.is_file() else None
        if obtenue != attendue:
            erreurs.append(
                f"{nom} : la copie figée des extraits ({chemin}) a changé depuis le début de la nuit "
                f"(empreinte SHA-256 {attendue[:12]}… au début, "
                f"{obtenue[:12] + '…' if obtenue else 'fichier absent'} avant la publication) : "
                "les données construites ne sont plus celles qui ont été validées. Rien n'est publié; "
                "relancer la nuit (et ne pas écrire dans le dossier de travail pendant la nuit)."
            )
        source = figes.source / nom
        if source.is_file() and empreinte(source) != attendue:
            avertissements.append(
                f"{nom} : l'extrait a été remplacé dans le dossier source ({figes.source}) pendant la "
                "nuit; la nuit a validé, construit et publié la copie figée à son début (empreinte "
                f"SHA-256 {attendue[:12]}…). La nuit suivante lira la nouvelle version."
            )
    return erreurs, avertissements


# --- Date d'extraction --------------------------------------------------------------------

def _date_valide(valeur: object) -> str | None:
    if isinstance(valeur, str) and MOTIF_DATE.match(valeur):
        try:
            dt.date.fromisoformat(valeur)
        except ValueError:
            return None
        return valeur
    return None


def _date_lue_dans_l_entrepot(publication: Path, relation: str, expression: str) -> tuple[str, str] | None:
    """max(date) lue dans une relation de l'entrepôt publié, ou None (pas d'entrepôt, relation
    absente : un entrepôt d'une version antérieure du projet, il faut alors une autre source)."""
    entrepot = publication / "mifi.duckdb"
    if not entrepot.is_file():
        return None
    try:
        with duckdb.connect(str(entrepot), read_only=True) as connexion:
            ligne = connexion.execute(f"select {expression} from {relation}").fetchone()
    except Exception:  # noqa: BLE001 — relation ou colonne absente : autre source
        return None
    if ligne and ligne[0] is not None:
        return ligne[0].isoformat(), f"{entrepot} ({relation})"
    return None


def _date_de_l_entrepot_publie(publication: Path) -> tuple[str, str] | None:
    """Date d'extraction des données publiées : max(date_extraction) de l'entrepôt en place."""
    return _date_lue_dans_l_entrepot(publication, "marts.fct_resultats_indicateurs", "max(date_extraction)")


def _date_du_lien_dernier(publication: Path) -> tuple[str, str] | None:
    lien = publication / "rapports" / "dernier"
    if lien.is_symlink() and (date := _date_valide(Path(os.readlink(lien)).name)):
        return date, str(lien)
    return None


def _date_de_l_historique(publication: Path) -> tuple[str, str] | None:
    """Entrepôt publié d'avant la colonne date_extraction : la version la plus récente de
    l'historique des valeurs publiées."""
    return _date_lue_dans_l_entrepot(
        publication, "historique.hist_resultats_indicateurs", "cast(max(dbt_valid_from) as date)"
    )


def _date_des_rapports(publication: Path) -> tuple[str, str] | None:
    dates = sorted(
        chemin.name for chemin in (publication / "rapports").glob("*")
        if chemin.is_dir() and not chemin.is_symlink() and _date_valide(chemin.name)
    )
    return (dates[-1], str(publication / "rapports" / dates[-1])) if dates else None


def derniere_date_publiee(publication: Path) -> tuple[str, str] | None:
    """(date AAAA-MM-JJ, d'où elle est lue) de la dernière nuit publiée, ou None."""
    for lire in (_date_de_l_entrepot_publie, _date_de_l_historique, _date_du_lien_dernier, _date_des_rapports):
        trouvee = lire(publication)
        if trouvee is not None:
            return trouvee
    return None


def controler_date_extraction(publication: Path, date_extraction: str, republier: bool) -> tuple[list[str], list[str]]:
    """(erreurs, avertissements) : date antérieure à la dernière publiée, sans --republier."""
    trouvee = derniere_date_publiee(publication)
    if trouvee is None or date_extraction >= trouvee[0]:
        return [], []
    derniere, origine = trouvee
    if republier:
        return [], [
            f"--republier : la nuit du {date_extraction} remplace la publication du {derniere} "
            f"(date plus récente, lue dans {origine})."
        ]
    return [
        f"--date-extraction {date_extraction} est antérieure à la dernière date publiée ({derniere}, lue "
        f"dans {origine}) : la publication reculerait dans le temps (date erronée ?). Vérifier la date "
        "d'extraction; pour republier volontairement une date antérieure, relancer avec --republier."
    ], []


# --- Révisions attendues -------------------------------------------------------------------

@contextmanager
def revisions_acceptees(accepter: bool) -> Iterator[None]:
    """Pose MIFI_ACCEPTER_REVISIONS pour les processus dbt lancés dans le bloc, puis la rétablit.

    La variable est toujours posée (``false`` sans l'option) : seule l'option de la nuit décide,
    jamais une variable oubliée dans l'environnement.
    """
    precedente = os.environ.get(VARIABLE_ACCEPTER_REVISIONS)
    os.environ[VARIABLE_ACCEPTER_REVISIONS] = "true" if accepter else "false"
    try:
        yield
    finally:
        if precedente is None:
            os.environ.pop(VARIABLE_ACCEPTER_REVISIONS, None)
        else:
            os.environ[VARIABLE_ACCEPTER_REVISIONS] = precedente
