"""Comparer deux publications : les fichiers Parquet de deux dossiers, relation par relation.

    python -m mifi.comparer_publications DOSSIER_A DOSSIER_B
    mifi comparer-publications DOSSIER_A DOSSIER_B

DOSSIER est un dossier de publication (``<pub>/parquet/*.parquet``, liens symboliques suivis :
``publication/parquet`` mène à la version publiée) ou directement un dossier de fichiers Parquet.
Chaque relation (un fichier ``<relation>.parquet``) est comparée octet par octet; quand les
octets diffèrent (métadonnées, ordre des lignes, groupes de lignes), par son contenu avec
DuckDB : colonnes, nombre de lignes et ``except all`` dans les deux sens (les lignes en
double comptent). Même contenu, octets différents : la relation est identique.

Code de sortie : 0 si les publications sont identiques, 1 si une relation diffère ou manque
d'un côté, 2 si un dossier est introuvable ou ne contient aucun fichier Parquet.
"""

from __future__ import annotations

import argparse
import filecmp
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

PARQUET = "parquet"


class PublicationIntrouvable(Exception):
    """Dossier absent ou sans fichier Parquet."""


@dataclass
class Ecart:
    """Résultat de la comparaison d'une relation."""

    relation: str
    identique: bool
    detail: str
    exemples: list[str] = field(default_factory=list)


def fichiers_parquet(dossier: Path) -> dict[str, Path]:
    """Relations d'une publication : nom -> fichier Parquet (liens symboliques résolus)."""
    if not dossier.exists():
        raise PublicationIntrouvable(f"Dossier introuvable : {dossier}")
    sous_dossier = dossier / PARQUET
    source = sous_dossier if sous_dossier.is_dir() else dossier
    fichiers = {chemin.stem: chemin.resolve() for chemin in sorted(source.glob("*.parquet")) if chemin.is_file()}
    if not fichiers:
        raise PublicationIntrouvable(
            f"Aucun fichier Parquet dans {dossier} (attendu : {dossier / PARQUET}/*.parquet "
            "ou des fichiers *.parquet dans le dossier lui-même)."
        )
    return fichiers


def _litteral(chemin: Path) -> str:
    return "'" + str(chemin).replace("'", "''") + "'"


def _valeur(valeur: object) -> str:
    """Valeur d'un exemple de ligne : texte entre guillemets, NULL, sinon sa forme lisible."""
    if valeur is None:
        return "NULL"
    if isinstance(valeur, str):
        return repr(valeur)
    return str(valeur)


def _pluriel(nombre: int, mot: str) -> str:
    return f"{nombre} {mot}{'s' if nombre > 1 else ''}"


def comparer_relation(
    nom: str, fichier_a: Path, fichier_b: Path, connexion: duckdb.DuckDBPyConnection, nb_exemples: int = 3
) -> Ecart:
    """Compare une relation présente des deux côtés : octets, puis contenu (DuckDB)."""
    if filecmp.cmp(fichier_a, fichier_b, shallow=False):
        return Ecart(nom, True, "identique (mêmes octets)")
    source_a, source_b = f"read_parquet({_litteral(fichier_a)})", f"read_parquet({_litteral(fichier_b)})"
    colonnes_a = connexion.execute(f"describe select * from {source_a}").fetchall()
    colonnes_b = connexion.execute(f"describe select * from {source_b}").fetchall()
    noms_a, noms_b = [c[0] for c in colonnes_a], [c[0] for c in colonnes_b]
    if set(noms_a) != set(noms_b):
        manquantes = [c for c in noms_a if c not in noms_b]
        ajoutees = [c for c in noms_b if c not in noms_a]
        parties = []
        if manquantes:
            parties.append(f"colonnes absentes de B : {', '.join(manquantes)}")
        if ajoutees:
            parties.append(f"colonnes absentes de A : {', '.join(ajoutees)}")
        return Ecart(nom, False, "différente — " + "; ".join(parties))
    types_a, types_b = dict((c[0], c[1]) for c in colonnes_a), dict((c[0], c[1]) for c in colonnes_b)
    types_differents = [f"{c} ({types_a[c]} / {types_b[c]})" for c in noms_a if types_a[c] != types_b[c]]
    # Mêmes colonnes, dans l'ordre de A des deux côtés (l'ordre des colonnes n'est pas comparé).
    liste = ", ".join('"' + c.replace('"', '""') + '"' for c in noms_a)
    selection_a, selection_b = f"select {liste} from {source_a}", f"select {liste} from {source_b}"
    nb_a = connexion.execute(f"select count(*) from {source_a}").fetchone()[0]  # type: ignore[index]
    nb_b = connexion.execute(f"select count(*) from {source_b}").fetchone()[0]  # type: ignore[index]
    try:
        seulement_a = connexion.execute(f"select count(*) from ({selection_a} except all {selection_b})").fetchone()[0]  # type: ignore[index]
        seulement_b = connexion.execute(f"select count(*) from ({selection_b} except all {selection_a})").fetchone()[0]  # type: ignore[index]
    except Exception as erreur:  # noqa: BLE001 — types incomparables
        return Ecart(nom, False, f"différente — contenus incomparables ({erreur.__class__.__name__} : {erreur})")
    if not seulement_a and not seulement_b and not types_differents:
        ordre = "" if noms_a == noms_b else ", colonnes dans un autre ordre"
        return Ecart(nom, True, f"identique (même contenu, octets différents{ordre} : {_pluriel(nb_a, 'ligne')})")
    parties = []
    if types_differents:
        parties.append(f"types différents : {', '.join(types_differents)}")
    if nb_a != nb_b:
        parties.append(f"{nb_a} lignes dans A, {nb_b} dans B")
    else:
        parties.append(f"{_pluriel(nb_a, 'ligne')} de chaque côté")
    if seulement_a:
        parties.append(f"{_pluriel(seulement_a, 'ligne')} de A absente{'s' if seulement_a > 1 else ''} de B")
    if seulement_b:
        parties.append(f"{_pluriel(seulement_b, 'ligne')} de B absente{'s' if seulement_b > 1 else ''} de A")
    exemples = []
    if nb_exemples > 0:
        for etiquette, gauche, droite in (
            ("A seulement", selection_a, selection_b),
            ("B seulement", selection_b, selection_a),
        ):
            lignes = connexion.execute(f"{gauche} except all {droite} limit {int(nb_exemples)}").fetchall()
            exemples += [
                f"{etiquette} : " + ", ".join(f"{c}={_valeur(v)}" for c, v in zip(noms_a, ligne)) for ligne in lignes
            ]
    return Ecart(nom, False, "différente — " + "; ".join(parties), exemples)


def comparer(dossier_a: Path, dossier_b: Path, nb_exemples: int = 3) -> list[Ecart]:
    """Compare toutes les relations des deux publications (ordre alphabétique)."""
    fichiers_a, fichiers_b = fichiers_parquet(dossier_a), fichiers_parquet(dossier_b)
    ecarts = []
    with duckdb.connect() as connexion:
        for nom in sorted(set(fichiers_a) | set(fichiers_b)):
            if nom not in fichiers_b:
                ecarts.append(Ecart(nom, False, "absente de B"))
            elif nom not in fichiers_a:
                ecarts.append(Ecart(nom, False, "absente de A"))
            else:
                ecarts.append(comparer_relation(nom, fichiers_a[nom], fichiers_b[nom], connexion, nb_exemples))
    return ecarts


def ajouter_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "dossier_a", type=Path, metavar="DOSSIER_A", help="première publication (ou dossier de fichiers Parquet)"
    )
    parser.add_argument(
        "dossier_b", type=Path, metavar="DOSSIER_B", help="seconde publication (ou dossier de fichiers Parquet)"
    )
    parser.add_argument(
        "--exemples", type=int, default=3, metavar="N",
        help="lignes différentes montrées par sens et par relation (défaut : 3; 0 : aucune)",
    )


def executer(args: argparse.Namespace) -> int:
    try:
        ecarts = comparer(args.dossier_a, args.dossier_b, args.exemples)
    except PublicationIntrouvable as erreur:
        print(f"Erreur : {erreur}")
        return 2
    print(f"A : {args.dossier_a}")
    print(f"B : {args.dossier_b}")
    for ecart in ecarts:
        print(f"  {ecart.relation} : {ecart.detail}")
        for exemple in ecart.exemples:
            print(f"      {exemple}")
    differentes = [ecart.relation for ecart in ecarts if not ecart.identique]
    if not differentes:
        print(f"Publications identiques : {_pluriel(len(ecarts), 'relation')}")
        return 0
    print(f"Publications différentes : {len(differentes)} relation(s) sur {len(ecarts)} ({', '.join(differentes)})")
    return 1


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m mifi.comparer_publications",
        description="Comparer les fichiers Parquet de deux publications, relation par relation.",
    )
    ajouter_arguments(parser)
    return executer(parser.parse_args(argv))


if __name__ == "__main__":
    raise SystemExit(main())
