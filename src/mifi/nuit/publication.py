"""Publication atomique : entrepôt DuckDB, export Parquet du schéma marts, dossiers versionnés.

Disposition du dossier de publication ::

    publication/
      mifi.duckdb                  entrepôt publié (remplacé d'un seul rename)
      parquet -> .versions/parquet-2026-10-31-01          lien symbolique relatif
      documentation -> .versions/documentation-2026-10-31-01
      .versions/                   contenu des versions (la courante et la précédente)
      rapports/2026-10-31/         rapport de chaque nuit publiée
      rapports/dernier -> 2026-10-31

Atomicité, du point de vue d'un lecteur :

- ``mifi.duckdb`` : le nouveau fichier est écrit à côté (même dossier, donc même système de
  fichiers), fermé, synchronisé sur disque, puis ``os.replace`` le met à la place de l'ancien
  en un seul ``rename(2)``. Un lecteur qui ouvre le chemin voit l'ancien ou le nouveau
  fichier, jamais un mélange; un lecteur qui tient déjà l'ancien fichier ouvert (Power BI,
  ODBC, ``duckdb.connect(..., read_only=True)``) garde son descripteur sur l'ancien inode et
  continue de lire des données cohérentes, sans bloquer la publication (Linux : un rename
  par-dessus un fichier ouvert est permis; l'ancien inode disparaît à la dernière fermeture).
- ``parquet/`` et ``documentation/`` : un dossier ne peut pas être remplacé d'un seul rename
  s'il n'est pas vide; ce sont donc des liens symboliques vers un dossier versionné. Le
  nouveau dossier est rempli entièrement, puis un nouveau lien est créé sous un nom temporaire
  et renommé par-dessus l'ancien (``os.replace`` d'un lien symbolique : un seul rename). Un
  lecteur qui résout ``parquet/x.parquet`` obtient toujours un jeu complet, ancien ou nouveau.
  La version précédente est gardée (un lecteur peut être en train de la parcourir); les plus
  anciennes sont supprimées.
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path
from typing import Any

NOM_ENTREPOT = "mifi.duckdb"
DOSSIER_VERSIONS = ".versions"
# Schémas recopiés dans l'entrepôt publié : ce que lit Power BI (marts), les référentiels des
# fiches, et l'historique (instantanés), point de départ de la nuit suivante. Les schémas de
# travail (brut, staging, intermediate) contiennent des renseignements personnels et des vues
# qui pointent vers les fichiers d'extraits : ils restent dans l'entrepôt de travail.
SCHEMAS_PUBLIES = ("marts", "referentiels", "historique")


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
    if destination.exists():
        destination.unlink()
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
    wal = destination.with_name(destination.name + ".wal")
    if wal.exists():
        raise RuntimeError(f"Journal {wal.name} resté après la fermeture de l'entrepôt publié.")
    synchroniser_fichier(destination)


def exporter_parquet(connexion_travail: Any, catalogue_travail: str, dossier: Path) -> list[Path]:
    """Un fichier Parquet par relation du schéma marts, lignes triées sur toutes les colonnes.

    Le tri complet et l'écriture sur un seul fil rendent les octets reproductibles : deux nuits
    sur les mêmes extraits produisent des fichiers identiques (aucune colonne du schéma marts
    ne vient de l'horloge : les horodatages d'historique dérivent de date_extraction).
    """
    dossier.mkdir(parents=True, exist_ok=False)
    fichiers: list[Path] = []
    fils = connexion_travail.execute("select current_setting('threads')").fetchone()[0]
    ordre = connexion_travail.execute("select current_setting('preserve_insertion_order')").fetchone()[0]
    connexion_travail.execute("set threads = 1")
    connexion_travail.execute("set preserve_insertion_order = true")
    try:
        for relation in relations_du_schema(connexion_travail, "marts", catalogue_travail):
            chemin = dossier / f"{relation}.parquet"
            connexion_travail.execute(
                f"copy (select * from {identifiant(catalogue_travail)}.marts.{identifiant(relation)} "
                f"order by all) to {litteral(str(chemin))} "
                f"(format parquet, compression zstd)"
            )
            fichiers.append(chemin)
    finally:
        connexion_travail.execute(f"set threads = {int(fils)}")
        connexion_travail.execute(f"set preserve_insertion_order = {str(bool(ordre)).lower()}")
    synchroniser_arborescence(dossier)
    return fichiers


def nouveau_dossier_version(publication: Path, nom: str, date_extraction: str) -> Path:
    """Chemin libre ``.versions/<nom>-<date>-<nn>`` (nn croît si la date est republiée)."""
    versions = publication / DOSSIER_VERSIONS
    versions.mkdir(parents=True, exist_ok=True)
    prefixe = f"{nom}-{date_extraction}-"
    existants = [
        int(m.group(1))
        for chemin in versions.iterdir()
        if (m := re.fullmatch(re.escape(prefixe) + r"(\d+)", chemin.name))
    ]
    return versions / f"{prefixe}{max(existants, default=0) + 1:02d}"


def remplacer_lien(lien: Path, cible_relative: str) -> None:
    """Fait pointer ``lien`` vers ``cible_relative`` d'un seul rename (atomique)."""
    if lien.exists() and not lien.is_symlink():
        raise RuntimeError(
            f"{lien} existe et n'est pas un lien symbolique : déplacez-le, la publication "
            f"y installe un lien vers la version courante."
        )
    temporaire = lien.with_name(f".{lien.name}.lien-{os.getpid()}")
    if temporaire.is_symlink() or temporaire.exists():
        temporaire.unlink()
    os.symlink(cible_relative, temporaire)
    os.replace(temporaire, lien)
    synchroniser_dossier(lien.parent)


def installer_version(publication: Path, nom: str, version: Path) -> None:
    """Bascule ``publication/<nom>`` vers ``version``; garde aussi la version qu'elle remplace.

    Les autres versions de ``nom`` sont supprimées : plus aucun lien n'y mène, et la version
    remplacée reste disponible pour un lecteur qui serait en train de la parcourir.
    """
    lien = publication / nom
    precedente = (lien.parent / os.readlink(lien)).resolve() if lien.is_symlink() else None
    remplacer_lien(lien, os.path.relpath(version, publication))
    a_garder = {version.resolve()} | ({precedente} if precedente else set())
    versions = publication / DOSSIER_VERSIONS
    motif = re.escape(nom) + r"-\d{4}-\d{2}-\d{2}-\d+"
    for chemin in versions.iterdir():
        if re.fullmatch(motif, chemin.name) and chemin.resolve() not in a_garder:
            shutil.rmtree(chemin, ignore_errors=True)


def remplacer_fichier(nouveau: Path, destination: Path) -> None:
    """``os.replace`` d'un fichier préparé dans le même dossier, rendu durable."""
    os.replace(nouveau, destination)
    synchroniser_dossier(destination.parent)


def installer_dossier(nouveau: Path, destination: Path) -> None:
    """Met ``nouveau`` à la place de ``destination`` (rapports : deux renames, non atomique).

    Réservé aux rapports, que Power BI ne lit pas : l'ancien dossier est écarté puis le nouveau
    mis en place, et l'ancien supprimé.
    """
    ancien = destination.with_name(f".{destination.name}.ancien-{os.getpid()}")
    if destination.exists():
        os.replace(destination, ancien)
    os.replace(nouveau, destination)
    synchroniser_dossier(destination.parent)
    if ancien.exists():
        shutil.rmtree(ancien, ignore_errors=True)
