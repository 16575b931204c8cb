"""Publication en un seul geste : un dossier par version, basculé par un seul rename d'un lien.

Disposition du dossier de publication ::

    publication/
      versions/2026-10-31-01/      tout ce que publie une nuit (version précédente, gardée)
      versions/2026-11-01-01/      tout ce que publie une nuit (version courante) :
        mifi.duckdb                  entrepôt publié : schéma marts seulement (lecture seule,
                                     sans journal .wal)
        parquet/                     un fichier Parquet (Snappy) par relation pour Power BI
                                     (modèles marqués meta publication_powerbi)
        documentation/               site dbt en un seul fichier (index.html), manifeste, catalogue
        rapport/                     rapport de la nuit (rapport.md, rapport.html, graphiques)
      courante -> versions/2026-11-01-01      LE lien basculé chaque nuit (un seul rename)
      precedente -> versions/2026-10-31-01    version remplacée (gardée pour ses lecteurs)
      mifi.duckdb -> courante/mifi.duckdb     chemins stables, créés une fois pour toutes :
      parquet -> courante/parquet             ils passent par « courante » et ne changent
      documentation -> courante/documentation jamais
      rapports/dernier -> ../courante/rapport
      rapports/2026-10-31/         historique : copie du rapport de chaque nuit publiée
      etat_nuit.json, etat_nuit.html   état de la dernière tentative (publiée ou en échec),
                                   réécrits à chaque nuit (seuls fichiers qu'une nuit en échec
                                   change) : voir mifi.nuit.etat

Atomicité, du point de vue d'un lecteur : la nouvelle version est écrite entièrement sous un
nom temporaire de ``versions/`` (même système de fichiers), synchronisée sur disque, renommée
à son nom définitif, puis un nouveau lien ``courante`` est créé sous un nom temporaire et
renommé par-dessus l'ancien (``os.replace`` d'un lien symbolique : un seul ``rename(2)``).
Avant ce rename, chaque chemin stable mène à l'ancienne version entière; après, à la nouvelle
entière : entrepôt, Parquet, documentation et rapport viennent toujours de la même nuit.

Un lecteur qui tient l'ancien entrepôt ouvert (Power BI, ODBC, ``duckdb.connect(...,
read_only=True)``) garde son descripteur sur l'ancien fichier, qui reste en place dans
``versions/`` (version précédente); seules les versions plus anciennes sont supprimées, sous
le verrou du dossier de publication. DuckDB place le journal ``.wal`` à côté du fichier réel
(lien résolu) : un journal laissé par un lecteur qui aurait ouvert une ancienne version en
écriture reste dans le dossier de cette version et n'est jamais appliqué au nouveau fichier,
écrit neuf dans un dossier neuf, fermé sans journal et mis en lecture seule (0444).

Le traitement de nuit appelle :func:`etape_franchie` après chaque étape de la publication
(liste : :data:`ETAPES_PUBLICATION`); la variable d'environnement ``MIFI_TEST_ARRET_PUBLICATION``
y arrête brutalement le processus (tests d'interruption).
"""

from __future__ import annotations

import errno
import os
import re
import shutil
import stat
from collections.abc import Callable
from pathlib import Path
from typing import Any

NOM_ENTREPOT = "mifi.duckdb"
DOSSIER_VERSIONS = "versions"
LIEN_COURANTE = "courante"
LIEN_PRECEDENTE = "precedente"
DOSSIER_RAPPORTS = "rapports"
# Disposition d'avant les versions (un rename par élément) : migrée à la première publication.
ANCIEN_DOSSIER_VERSIONS = ".versions"
# Contenu d'une version.
PARQUET = "parquet"
DOCUMENTATION = "documentation"
RAPPORT = "rapport"
# Chemins stables (relatifs au dossier de publication) et leur cible, qui passe par « courante ».
LIENS_STABLES: dict[str, str] = {
    NOM_ENTREPOT: f"{LIEN_COURANTE}/{NOM_ENTREPOT}",
    PARQUET: f"{LIEN_COURANTE}/{PARQUET}",
    DOCUMENTATION: f"{LIEN_COURANTE}/{DOCUMENTATION}",
    f"{DOSSIER_RAPPORTS}/dernier": f"../{LIEN_COURANTE}/{RAPPORT}",
}
# Étapes de la publication, dans l'ordre; le traitement de nuit appelle etape_franchie(<étape>)
# juste après chacune. « bascule » est le seul changement visible des lecteurs.
ETAPES_PUBLICATION: tuple[str, ...] = (
    "menage_initial",       # restes des nuits interrompues supprimés (sous le verrou)
    "parquet",              # Parquet écrits dans la version temporaire
    "rapport",              # rapport de la nuit écrit dans la version temporaire
    "entrepot",             # entrepôt publié écrit, fermé, synchronisé
    "documentation",        # site de documentation copié
    "version_complete",     # version temporaire renommée versions/<date>-<nn>
    "liens_stables",        # chemins stables absents créés (première publication)
    "lien_temporaire",      # nouveau lien « courante » créé sous un nom temporaire
    "bascule",              # os.replace du lien « courante » : la nouvelle nuit est publiée
    "historique",           # sauvegarde de l'historique installée dans l'espace de travail
    "precedente",           # lien « precedente » mis à jour
    "migration",            # chemins de l'ancienne disposition remplacés par les liens stables
    "archive_rapport",      # rapport copié dans rapports/<date>/
    "menage",               # versions plus anciennes que la précédente supprimées
)
VARIABLE_ARRET = "MIFI_TEST_ARRET_PUBLICATION"
CODE_ARRET = 137
# Restes d'une nuit interrompue : .<nom>.nouveau-<pid>, .<nom>.lien-<pid>, .<nom>.ancien-<pid>,
# .<version>.nouvelle-<pid>.
_MOTIF_TEMPORAIRE = re.compile(r"\..+\.(nouveau|nouvelle|lien|ancien)-\d+")
_MOTIF_VERSION = re.compile(r"(\d{4}-\d{2}-\d{2})-(\d+)")
# Schémas recopiés dans l'entrepôt publié : ce que lit Power BI (marts, dont les tables de
# libellés dim_indicateurs, dim_periodes, dim_modalites), et rien d'autre. Les schémas de
# travail (brut, staging, intermediate) contiennent des renseignements personnels et des vues
# qui pointent vers les fichiers d'extraits; l'historique (instantanés, dont les statuts
# d'inscription Intimm avec leur numéro) et les référentiels restent eux aussi dans l'espace de
# travail, d'accès restreint (voir mifi.nuit.historique).
SCHEMAS_PUBLIES = ("marts",)
# Relations exportées en Parquet pour Power BI : les modèles du schéma marts dont la
# configuration porte ``meta: {publication_powerbi: true}`` (lu dans le manifeste de la nuit).
# Pour publier une nouvelle relation, la marquer ainsi; les marts intermédiaires de chaque
# indicateur (fct_resultats_111...) ne le sont pas.
META_POWERBI = "publication_powerbi"


def etape_franchie(etape: str) -> None:
    """Point d'arrêt des tests : ``MIFI_TEST_ARRET_PUBLICATION=<étape>`` tue le processus ici."""
    if etape not in ETAPES_PUBLICATION:
        raise ValueError(f"Étape de publication inconnue : {etape}")
    if os.environ.get(VARIABLE_ARRET) == etape:
        os._exit(CODE_ARRET)


def synchroniser_fichier(chemin: Path) -> None:
    with open(chemin, "rb") as fichier:
        os.fsync(fichier.fileno())


def synchroniser_dossier(chemin: Path) -> None:
    """fsync d'un dossier : rend durable un rename ou une création qui s'y est produit."""
    descripteur = os.open(chemin, os.O_RDONLY)
    try:
        os.fsync(descripteur)
    finally:
        os.close(descripteur)


def synchroniser_arborescence(racine: Path) -> None:
    for dossier, _, fichiers in os.walk(racine):
        for nom in fichiers:
            synchroniser_fichier(Path(dossier) / nom)
        synchroniser_dossier(Path(dossier))


def identifiant(nom: str) -> str:
    """Identifiant SQL entre guillemets doubles."""
    return '"' + nom.replace('"', '""') + '"'


def litteral(texte: str) -> str:
    return "'" + texte.replace("'", "''") + "'"


def relations_du_schema(connexion: Any, schema: str, catalogue: str | None = None) -> list[str]:
    """Tables et vues d'un schéma, triées par nom."""
    filtre_catalogue = f"and table_catalog = {litteral(catalogue)}" if catalogue else ""
    lignes = connexion.execute(
        f"select table_name from information_schema.tables "
        f"where table_schema = {litteral(schema)} {filtre_catalogue} order by table_name"
    ).fetchall()
    return [ligne[0] for ligne in lignes]


def ecrire_entrepot_publie(connexion_travail: Any, catalogue_travail: str, destination: Path) -> None:
    """Écrit ``destination`` (nouveau fichier DuckDB) avec les schémas publiés du travail.

    Chaque relation devient une table (une vue du schéma marts qui lirait une couche non
    publiée reste lisible). Le fichier est fermé (point de contrôle fait, pas de .wal) et
    synchronisé sur disque avant de rendre la main.
    """
    wal = destination.with_name(destination.name + ".wal")
    for chemin in (destination, wal):  # écrit neuf : jamais par-dessus un fichier ni un journal
        if chemin.exists() or chemin.is_symlink():
            chemin.unlink()
    connexion_travail.execute(f"attach {litteral(str(destination))} as publie")
    try:
        for schema in SCHEMAS_PUBLIES:
            relations = relations_du_schema(connexion_travail, schema, catalogue_travail)
            if not relations:
                continue
            connexion_travail.execute(f"create schema if not exists publie.{identifiant(schema)}")
            for relation in relations:
                connexion_travail.execute(
                    f"create table publie.{identifiant(schema)}.{identifiant(relation)} as "
                    f"select * from {identifiant(catalogue_travail)}.{identifiant(schema)}.{identifiant(relation)}"
                )
        connexion_travail.execute("checkpoint publie")
    finally:
        connexion_travail.execute("detach publie")
    if wal.exists():
        raise RuntimeError(f"Journal {wal.name} resté après la fermeture de l'entrepôt publié.")
    synchroniser_fichier(destination)
    # Lecture seule : un lecteur ne peut pas l'ouvrir en écriture par erreur (et y laisser un
    # journal); la nuit suivante le copie (copie modifiable) sans jamais l'ouvrir en écriture.
    os.chmod(destination, stat.S_IRUSR | stat.S_IRGRP | stat.S_IROTH)


def relations_powerbi(manifeste: dict[str, Any]) -> list[str]:
    """Relations du schéma marts marquées ``meta: {publication_powerbi: true}``, triées par nom.

    Lève ``ValueError`` si aucune ne l'est (manifeste absent ou marque perdue) : publier un
    dossier Parquet vide serait une panne silencieuse de Power BI.
    """
    relations = sorted(
        str(noeud.get("alias") or noeud["name"])
        for noeud in manifeste.get("nodes", {}).values()
        if noeud.get("resource_type") == "model"
        and noeud.get("schema") == "marts"
        and ((noeud.get("config") or {}).get("meta") or {}).get(META_POWERBI) is True
    )
    if not relations:
        raise ValueError(
            f"Aucune relation du schéma marts n'est marquée meta {META_POWERBI} dans le manifeste "
            "de la nuit : rien à exporter pour Power BI."
        )
    return relations


def exporter_parquet(connexion_travail: Any, catalogue_travail: str, dossier: Path,
                     relations: list[str]) -> list[Path]:
    """Un fichier Parquet (compression Snappy) par relation de ``relations`` (schéma marts).

    Snappy : la compression que le connecteur Parquet de Power BI lit partout (contrat de
    publication). Lignes triées sur toutes les colonnes et écriture sur un seul fil : deux
    nuits sur les mêmes extraits produisent des fichiers identiques octet pour octet (aucune
    colonne du schéma marts ne vient de l'horloge : les horodatages d'historique dérivent de
    date_extraction).
    """
    dossier.mkdir(parents=True, exist_ok=False)
    fichiers: list[Path] = []
    fils = connexion_travail.execute("select current_setting('threads')").fetchone()[0]
    ordre = connexion_travail.execute("select current_setting('preserve_insertion_order')").fetchone()[0]
    connexion_travail.execute("set threads = 1")
    connexion_travail.execute("set preserve_insertion_order = true")
    try:
        existantes = set(relations_du_schema(connexion_travail, "marts", catalogue_travail))
        absentes = sorted(set(relations) - existantes)
        if absentes:
            raise ValueError(
                f"Relation(s) à publier pour Power BI absente(s) de l'entrepôt de travail : "
                f"{', '.join(absentes)}."
            )
        for relation in sorted(relations):
            chemin = dossier / f"{relation}.parquet"
            connexion_travail.execute(
                f"copy (select * from {identifiant(catalogue_travail)}.marts.{identifiant(relation)} "
                f"order by all) to {litteral(str(chemin))} "
                f"(format parquet, compression snappy)"
            )
            fichiers.append(chemin)
    finally:
        connexion_travail.execute(f"set threads = {int(fils)}")
        connexion_travail.execute(f"set preserve_insertion_order = {str(bool(ordre)).lower()}")
    synchroniser_arborescence(dossier)
    return fichiers


def copier_fichier(source: str | os.PathLike[str], destination: str | os.PathLike[str]) -> None:
    """Copie d'un fichier publié (contenu et dates); point unique des copies de la publication."""
    shutil.copy2(source, destination)


def copier_dossier(source: Path, destination: Path) -> None:
    """Copie d'un dossier entier (par :func:`copier_fichier`), puis synchronisation sur disque."""
    shutil.copytree(source, destination, copy_function=copier_fichier)
    synchroniser_arborescence(destination)


# --- Versions et liens ------------------------------------------------------------------

def version_liee(publication: Path, nom_lien: str) -> Path | None:
    """Le dossier de version vers lequel pointe ``publication/<nom_lien>`` (s'il existe)."""
    lien = publication / nom_lien
    if not lien.is_symlink():
        return None
    cible = publication / os.readlink(lien)
    return cible if cible.is_dir() else None


def nouvelle_version(publication: Path, date_extraction: str) -> Path:
    """Chemin libre ``versions/<date>-<nn>`` (nn croît si la même date est republiée)."""
    versions = publication / DOSSIER_VERSIONS
    existants = [
        int(m.group(2))
        for chemin in (versions.iterdir() if versions.is_dir() else [])
        if (m := _MOTIF_VERSION.fullmatch(chemin.name)) and m.group(1) == date_extraction
    ]
    return versions / f"{date_extraction}-{max(existants, default=0) + 1:02d}"


def dossier_temporaire(version: Path) -> Path:
    """Nom temporaire d'une version en préparation (supprimé par le ménage s'il reste)."""
    return version.with_name(f".{version.name}.nouvelle-{os.getpid()}")


def lien_temporaire(lien: Path) -> Path:
    return lien.with_name(f".{lien.name}.lien-{os.getpid()}")


def remplacer_lien(lien: Path, cible_relative: str, avant_bascule: Callable[[], None] | None = None) -> None:
    """Fait pointer ``lien`` vers ``cible_relative`` d'un seul rename (atomique).

    Le nouveau lien est créé sous un nom temporaire, puis renommé par-dessus l'ancien; en cas
    d'erreur, le lien temporaire est supprimé et ``lien`` reste tel quel. ``avant_bascule`` est
    appelé entre les deux (point d'arrêt des tests).
    """
    if lien.exists() and not lien.is_symlink():
        raise RuntimeError(
            f"{lien} existe et n'est pas un lien symbolique : déplacez-le, la publication "
            f"y installe un lien vers la version courante."
        )
    temporaire = lien_temporaire(lien)
    if temporaire.is_symlink() or temporaire.exists():
        temporaire.unlink()
    try:
        os.symlink(cible_relative, temporaire)
        if avant_bascule is not None:
            avant_bascule()
        os.replace(temporaire, lien)
    except BaseException:
        if temporaire.is_symlink():
            temporaire.unlink()
        raise
    synchroniser_dossier(lien.parent)


def remplacer_par_lien(chemin: Path, cible_relative: str) -> None:
    """Remplace un fichier, un lien ou un dossier de l'ancienne disposition par un lien.

    Fichier ou lien : un seul rename. Dossier (impossible à écraser d'un rename) : écarté sous
    un nom temporaire, lien installé, puis dossier supprimé.
    """
    if os.path.islink(chemin) and os.readlink(chemin) == cible_relative:
        return
    if chemin.is_dir() and not chemin.is_symlink():
        ancien = chemin.with_name(f".{chemin.name}.ancien-{os.getpid()}")
        os.replace(chemin, ancien)
        os.symlink(cible_relative, chemin)
        synchroniser_dossier(chemin.parent)
        shutil.rmtree(ancien, ignore_errors=True)
        return
    temporaire = lien_temporaire(chemin)
    if temporaire.is_symlink() or temporaire.exists():
        temporaire.unlink()
    os.symlink(cible_relative, temporaire)
    os.replace(temporaire, chemin)
    synchroniser_dossier(chemin.parent)


def liens_stables_absents(publication: Path) -> list[Path]:
    """Chemins stables qui n'existent pas encore (ni fichier ni lien) : première publication."""
    return [publication / nom for nom in LIENS_STABLES
            if not (publication / nom).is_symlink() and not (publication / nom).exists()]


def creer_liens_stables(publication: Path, chemins: list[Path]) -> None:
    for chemin in chemins:
        os.symlink(LIENS_STABLES[str(chemin.relative_to(publication))], chemin)
    if chemins:
        synchroniser_dossier(publication)
        synchroniser_dossier(publication / DOSSIER_RAPPORTS)


def migrer_ancienne_disposition(publication: Path) -> list[str]:
    """Remplace, après la bascule, les chemins de l'ancienne disposition par les liens stables.

    Ancienne disposition : ``mifi.duckdb`` fichier réel, ``parquet`` et ``documentation``
    liens vers ``.versions/``, ``rapports/dernier`` lien vers ``rapports/<date>``. Rend les
    chemins remplacés (vide dès la deuxième nuit : les liens stables ne changent plus).
    """
    remplaces = []
    for nom, cible in LIENS_STABLES.items():
        chemin = publication / nom
        if not (chemin.is_symlink() and os.readlink(chemin) == cible):
            remplacer_par_lien(chemin, cible)
            remplaces.append(nom)
    return remplaces


def basculer(publication: Path, version: Path, avant_bascule: Callable[[], None] | None = None) -> Path | None:
    """Le geste de publication : ``courante`` pointe vers ``version`` (un seul rename).

    Rend la version remplacée (ou None à la première publication).
    """
    precedente = version_liee(publication, LIEN_COURANTE)
    remplacer_lien(publication / LIEN_COURANTE, os.path.relpath(version, publication), avant_bascule)
    return precedente


def archiver_rapport(publication: Path, version: Path) -> bool:
    """Copie le rapport d'une version publiée dans ``rapports/<date>/`` (historique).

    Ne fait rien si l'historique a déjà ce rapport (même ``rapport.md``). Rend vrai si copié.
    """
    source = version / RAPPORT
    m = _MOTIF_VERSION.fullmatch(version.name)
    if m is None or not (source / "rapport.md").is_file():
        return False
    destination = publication / DOSSIER_RAPPORTS / m.group(1)
    deja = destination / "rapport.md"
    if deja.is_file() and deja.read_bytes() == (source / "rapport.md").read_bytes():
        return False
    temporaire = destination.with_name(f".{destination.name}.nouveau-{os.getpid()}")
    if temporaire.exists():
        shutil.rmtree(temporaire)
    try:
        copier_dossier(source, temporaire)
        installer_dossier(temporaire, destination)
    except BaseException:
        shutil.rmtree(temporaire, ignore_errors=True)
        raise
    return True


def menage(publication: Path) -> list[Path]:
    """Supprime ce qu'aucun lien ne désigne : restes des nuits interrompues, versions anciennes.

    Gardées : la version courante et la précédente (un lecteur peut encore la lire). À
    n'appeler que sous le verrou du dossier de publication (aucune autre nuit n'y écrit).
    Rend les chemins supprimés.
    """
    supprimes: list[Path] = []

    def supprimer(chemin: Path) -> None:
        if chemin.is_dir() and not chemin.is_symlink():
            shutil.rmtree(chemin)
        else:
            chemin.unlink()
        supprimes.append(chemin)

    a_garder = {v.resolve() for v in (version_liee(publication, LIEN_COURANTE),
                                      version_liee(publication, LIEN_PRECEDENTE)) if v is not None}
    versions = publication / DOSSIER_VERSIONS
    if versions.is_dir():
        for chemin in sorted(versions.iterdir()):
            if chemin.resolve() not in a_garder:
                supprimer(chemin)
    for dossier in (publication, publication / DOSSIER_RAPPORTS):
        if dossier.is_dir():
            for chemin in sorted(dossier.iterdir()):
                if _MOTIF_TEMPORAIRE.fullmatch(chemin.name):
                    supprimer(chemin)
    # Ancienne disposition : .versions/ n'est plus désigné par aucun lien après la migration.
    anciennes = publication / ANCIEN_DOSSIER_VERSIONS
    if anciennes.is_dir() and not any(
        os.path.islink(publication / nom) and os.readlink(publication / nom).startswith(ANCIEN_DOSSIER_VERSIONS)
        for nom in LIENS_STABLES
    ):
        supprimer(anciennes)
    if supprimes:
        synchroniser_dossier(publication)
    return supprimes


def installer_dossier(nouveau: Path, destination: Path) -> None:
    """Met ``nouveau`` à la place de ``destination`` (historique des rapports : deux renames).

    Réservé à l'historique des rapports, que Power BI ne lit pas : l'ancien dossier est écarté
    puis le nouveau mis en place, et l'ancien supprimé.
    """
    ancien = destination.with_name(f".{destination.name}.ancien-{os.getpid()}")
    if destination.exists():
        os.replace(destination, ancien)
    os.replace(nouveau, destination)
    synchroniser_dossier(destination.parent)
    if ancien.exists():
        shutil.rmtree(ancien, ignore_errors=True)


# --- Erreurs d'écriture -----------------------------------------------------------------

_CAUSES: dict[int, tuple[str, str]] = {
    errno.ENOSPC: ("disque plein (espace insuffisant)",
                   "libérez de l'espace sur ce disque (ou agrandissez-le), puis relancez la nuit"),
    errno.EDQUOT: ("quota disque dépassé",
                   "libérez de l'espace ou faites relever le quota de l'utilisateur qui lance la nuit, "
                   "puis relancez la nuit"),
    errno.EROFS: ("système de fichiers en lecture seule",
                  "remontez ce dossier en lecture-écriture (ou donnez un autre --publication), "
                  "puis relancez la nuit"),
    errno.EACCES: ("permission refusée",
                   "donnez à l'utilisateur qui lance la nuit le droit d'écrire dans ce dossier "
                   "(propriétaire, droits, ACL), puis relancez la nuit"),
    errno.EPERM: ("opération non permise",
                  "donnez à l'utilisateur qui lance la nuit le droit d'écrire dans ce dossier "
                  "(propriétaire, droits, ACL), puis relancez la nuit"),
}
# Erreurs d'entrée-sortie de DuckDB (pas des OSError) : reconnues à leur texte.
_TEXTES_ERRNO = {
    "No space left on device": errno.ENOSPC,
    "Disk quota exceeded": errno.EDQUOT,
    "Read-only file system": errno.EROFS,
    "Permission denied": errno.EACCES,
    "Operation not permitted": errno.EPERM,
}


def code_erreur(erreur: BaseException) -> int | None:
    """Le numéro errno d'une erreur d'écriture (OSError, ou erreur DuckDB par son texte)."""
    if isinstance(erreur, OSError) and erreur.errno is not None:
        return erreur.errno
    texte = str(erreur)
    return next((code for motif, code in _TEXTES_ERRNO.items() if motif in texte), None)


def decrire_erreur_ecriture(erreur: BaseException, dossier: Path) -> str:
    """Message français : le dossier, la cause, le fichier en cause et quoi faire."""
    code = code_erreur(erreur)
    cause, action = _CAUSES.get(code or -1, (
        f"erreur d'écriture ({type(erreur).__name__} : {erreur})",
        "vérifiez le disque et les droits de ce dossier, puis relancez la nuit",
    ))
    fichier = getattr(erreur, "filename", None)
    detail = f" (fichier : {fichier})" if fichier else ""
    return f"Écriture impossible dans le dossier {dossier} : {cause}{detail}. Que faire : {action}."
