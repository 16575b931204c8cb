"""Historique des nuits publiées (instantanés dbt, schéma ``historique``), gardé dans l'espace de
travail, jamais dans la publication.

Le schéma ``historique`` contient ``hist_intimm__inscriptions`` (statuts successifs des
inscriptions Intimm, avec leur numéro d'inscription) et ``hist_resultats_indicateurs`` (chaque
valeur publiée, d'où ``marts.fct_revisions_indicateurs``). Il n'est pas publié : Power BI ne lit
que le schéma ``marts``. Il vit dans ``<travail>/historique.duckdb``, une sauvegarde du schéma
``historique`` prise à chaque publication réussie :

- début de nuit (:func:`restaurer`) : l'entrepôt de travail est recréé vide, puis le schéma
  ``historique`` y est recopié depuis la sauvegarde; les instantanés de ``dbt build`` y
  ajoutent les versions de la nuit;
- publication (:func:`preparer_sauvegarde`, :func:`installer_sauvegarde`) : le schéma
  ``historique`` de l'entrepôt de travail est écrit dans un fichier temporaire avant la bascule,
  puis mis à la place de la sauvegarde d'un seul rename **après** la bascule.

Ainsi la sauvegarde ne contient que des nuits publiées : une nuit en échec a pu écrire des
versions dans son entrepôt de travail, la nuit suivante repart de la sauvegarde, qui ne les a
jamais reçues (aucune valeur jamais publiée n'entre dans l'historique ni dans les révisions).
Nuit tuée entre la bascule et le rename : la sauvegarde garde la nuit publiée d'avant (la
nuit suivante compare ses valeurs à celle-là; le temporaire laissé est supprimé).

Transition : une publication faite avant ce changement gardait le schéma ``historique`` dans
l'entrepôt publié; sans sauvegarde dans l'espace de travail, c'est de là qu'il est repris une
fois (la publication suivante ne le contient plus).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import duckdb

SCHEMA = "historique"
NOM_SAUVEGARDE = "historique.duckdb"


def _identifiant(nom: str) -> str:
    return '"' + nom.replace('"', '""') + '"'


def _litteral(texte: str) -> str:
    return "'" + texte.replace("'", "''") + "'"


def _tables(connexion: Any, catalogue: str) -> list[str]:
    lignes = connexion.execute(
        "select table_name from information_schema.tables "
        "where table_catalog = ? and table_schema = ? and table_type = 'BASE TABLE' order by table_name",
        [catalogue, SCHEMA],
    ).fetchall()
    return [ligne[0] for ligne in lignes]


def _recopier(connexion: Any, source: str, cible: str) -> int:
    """Recopie les tables du schéma historique du catalogue ``source`` dans ``cible``."""
    tables = _tables(connexion, source)
    if tables:
        connexion.execute(f"create schema if not exists {_identifiant(cible)}.{SCHEMA}")
    for table in tables:
        connexion.execute(
            f"create table {_identifiant(cible)}.{SCHEMA}.{_identifiant(table)} as "
            f"select * from {_identifiant(source)}.{SCHEMA}.{_identifiant(table)}"
        )
    return len(tables)


def restaurer(entrepot_travail: Path, sauvegarde: Path, entrepot_publie: Path | None = None) -> str | None:
    """Recopie le schéma historique dans l'entrepôt de travail (neuf); rend sa source ou None.

    Source : ``sauvegarde`` si elle existe; sinon (transition) l'entrepôt publié s'il contient
    encore un schéma historique; sinon rien (première nuit).
    """
    sources = [sauvegarde] + ([entrepot_publie] if entrepot_publie is not None else [])
    with duckdb.connect(str(entrepot_travail)) as connexion:
        catalogue = connexion.execute("select current_database()").fetchone()[0]  # type: ignore[index]
        for source in sources:
            if not source.is_file():
                continue
            connexion.execute(f"attach {_litteral(str(source))} as source_historique (read_only)")
            try:
                if _recopier(connexion, "source_historique", catalogue):
                    connexion.execute("checkpoint")
                    return str(source)
            finally:
                connexion.execute("detach source_historique")
    return None


def chemin_temporaire(sauvegarde: Path) -> Path:
    return sauvegarde.with_name(f".{sauvegarde.name}.nouveau-{os.getpid()}")


def preparer_sauvegarde(connexion_travail: Any, catalogue_travail: str, temporaire: Path) -> None:
    """Écrit le schéma historique de l'entrepôt de travail dans ``temporaire`` (fichier neuf)."""
    for chemin in (temporaire, temporaire.with_name(temporaire.name + ".wal")):
        if chemin.exists():
            chemin.unlink()
    connexion_travail.execute(f"attach {_litteral(str(temporaire))} as sauvegarde_historique")
    try:
        _recopier(connexion_travail, catalogue_travail, "sauvegarde_historique")
        connexion_travail.execute("checkpoint sauvegarde_historique")
    finally:
        connexion_travail.execute("detach sauvegarde_historique")
    with open(temporaire, "rb") as fichier:
        os.fsync(fichier.fileno())


def installer_sauvegarde(temporaire: Path, sauvegarde: Path) -> None:
    """Met la sauvegarde préparée à sa place (un rename), après la bascule de la publication."""
    os.replace(temporaire, sauvegarde)
    descripteur = os.open(sauvegarde.parent, os.O_RDONLY)
    try:
        os.fsync(descripteur)
    finally:
        os.close(descripteur)


def supprimer_restes(travail: Path) -> None:
    """Sauvegardes temporaires laissées par une nuit tuée avant de les installer."""
    for chemin in travail.glob(f".{NOM_SAUVEGARDE}.nouveau-*"):
        chemin.unlink(missing_ok=True)
