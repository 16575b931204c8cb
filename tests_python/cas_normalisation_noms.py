"""Outils de test de la normalisation nominative : table des cas difficiles et macro compilée.

La table des cas difficiles est écrite une seule fois, dans le test SQL
tests/macros/assert_normaliser_nom_cas_difficiles.sql; on l'évalue ici avec DuckDB (les formes
NFD y sont écrites avec chr()), pour la passer aussi au portage Python et à PostgreSQL.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import duckdb

from outils_dbt import RACINE, dbt

CHEMIN_CAS_DIFFICILES = RACINE / "tests" / "macros" / "assert_normaliser_nom_cas_difficiles.sql"

# Une seule compilation dbt donne les tables de la macro (JSON, première ligne) et la requête
# qui normalise la colonne x de la table entree (le reste).
_REQUETE_INLINE = (
    "{{ tojson({'correspondances': correspondances_nom(), 'ponctuation': ponctuation_nom(),"
    " 'marques': marques_combinatoires_nom()}) }}\n"
    "select x, {{ normaliser_nom('x') }} as cle from entree"
)


def cas_difficiles() -> list[tuple[str, str, str]]:
    """(nom_a, nom_b, attendu) de la table VALUES du test SQL, évaluée par DuckDB."""
    texte = CHEMIN_CAS_DIFFICILES.read_text(encoding="utf-8")
    debut = re.search(r"\bvalues\b", texte)
    fin = texte.find(") as paires (nom_a, nom_b, attendu)")
    if debut is None or fin < 0:
        raise AssertionError(f"Table VALUES introuvable dans {CHEMIN_CAS_DIFFICILES}")
    bloc = texte[debut.end():fin]
    with duckdb.connect() as connexion:
        lignes = connexion.execute(
            f"select nom_a, nom_b, attendu from (values {bloc}) as paires (nom_a, nom_b, attendu)"
        ).fetchall()
    return [(str(a), str(b), str(attendu)) for a, b, attendu in lignes]


@dataclass(frozen=True)
class MacroCompilee:
    """La macro normaliser_nom compilée pour un moteur, et ses tables de données."""

    requete: str                              # select x, <normaliser_nom(x)> as cle from entree
    correspondances: tuple[tuple[str, str], ...]
    ponctuation: str
    marques: str


def compiler_macro(cible_dbt: Path, variables: dict[str, str] | None = None) -> MacroCompilee:
    """`dbt compile --inline` sur la cible choisie par ``variables`` (DuckDB par défaut)."""
    resultat = dbt(["--quiet", "compile", "--inline", _REQUETE_INLINE], cible_dbt / "extraits",
                   cible_dbt / "inutilise.duckdb", cible_dbt, variables=variables)
    premiere, _, requete = resultat.stdout.strip().partition("\n")
    tables = json.loads(premiere)
    return MacroCompilee(
        requete=requete,
        correspondances=tuple((de, vers) for de, vers in tables["correspondances"]),
        ponctuation=tables["ponctuation"],
        marques=tables["marques"],
    )


def normaliser_duckdb(macro: MacroCompilee, valeurs: Iterable[str]) -> dict[str, str]:
    """Clé de chaque valeur par la macro compilée pour DuckDB."""
    with duckdb.connect() as connexion:
        connexion.execute("create table entree (x varchar)")
        connexion.executemany("insert into entree values (?)", [(v,) for v in sorted(set(valeurs))])
        return {x: cle for x, cle in connexion.execute(macro.requete).fetchall()}
