"""Qualité de l'appariement nominatif des dossiers PASI (indicateur 3.1.2).

CERIGES (``no_dossier``) et GSI (``id_personne``) n'ont aucun identifiant commun : le projet
rattache chaque dossier à une personne par sa clé nominative (modèle dbt
``int_integration__pasi_dossiers``, colonne ``cle_personne``). Ce module mesure cette
résolution contre la vérité terrain des extraits synthétiques (``verite.json``, section
``identites`` : vraie personne derrière chaque dossier).

Mesure par paires de dossiers : un lien « même personne » est prédit entre deux dossiers de
même ``cle_personne``; il est vrai quand les deux dossiers appartiennent à la même personne.
Précision = liens prédits corrects / liens prédits; rappel = liens prédits corrects / liens
vrais. La mesure est faite sur tous les dossiers, puis sur les seuls liens entre un dossier
CERIGES et un dossier GSI (le cœur de la bascule).

Usage ::

    python -m mifi.qualite_appariement --extraits DOSSIER --entrepot FICHIER.duckdb
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb

Dossier = tuple[str, str]
"""Un dossier PASI : (systeme_source, identifiant dans le système)."""

SOURCES_VERITE: dict[str, str] = {"CERIGES": "ceriges_services", "GSI": "gsi_services"}
"""Système source du modèle dbt -> section de ``verite.json["identites"]``."""

MODELE_DOSSIERS = "intermediate.int_integration__pasi_dossiers"


@dataclass(frozen=True)
class MesureLiens:
    """Précision et rappel des liens « même personne » entre paires de dossiers."""

    liens_predits: int
    liens_vrais: int
    liens_corrects: int

    @property
    def precision(self) -> float:
        """Part des liens prédits qui sont vrais (1 s'il n'y a aucun lien prédit)."""
        return self.liens_corrects / self.liens_predits if self.liens_predits else 1.0

    @property
    def rappel(self) -> float:
        """Part des liens vrais retrouvés (1 s'il n'y a aucun lien vrai)."""
        return self.liens_corrects / self.liens_vrais if self.liens_vrais else 1.0


@dataclass(frozen=True)
class RapportAppariement:
    """Mesures sur les dossiers présents à la fois dans l'entrepôt et dans la vérité."""

    nb_dossiers: int
    nb_dossiers_hors_verite: int
    nb_dossiers_hors_entrepot: int
    nb_personnes_predites: int
    nb_personnes_vraies: int
    tous_liens: MesureLiens
    liens_ceriges_gsi: MesureLiens

    def en_texte(self) -> str:
        """Résumé en français, une mesure par ligne."""
        lignes = [
            f"Dossiers mesurés : {self.nb_dossiers} "
            f"(hors vérité : {self.nb_dossiers_hors_verite}, absents de l'entrepôt : {self.nb_dossiers_hors_entrepot})",
            f"Personnes : {self.nb_personnes_predites} prédites, {self.nb_personnes_vraies} vraies",
        ]
        for titre, mesure in (("Tous les liens", self.tous_liens), ("Liens CERIGES-GSI", self.liens_ceriges_gsi)):
            lignes.append(
                f"{titre} : précision {mesure.precision:.4f}, rappel {mesure.rappel:.4f} "
                f"({mesure.liens_corrects} corrects / {mesure.liens_predits} prédits / {mesure.liens_vrais} vrais)"
            )
        return "\n".join(lignes)


def _paires(n: int) -> int:
    return n * (n - 1) // 2


def _liens(groupes: Counter[tuple[Any, str]]) -> tuple[int, int]:
    """Nombre de paires (toutes, CERIGES-GSI) à l'intérieur des groupes donnés.

    ``groupes`` compte les dossiers par (groupe, système)."""
    par_groupe: dict[Any, dict[str, int]] = {}
    for (groupe, systeme), n in groupes.items():
        par_groupe.setdefault(groupe, {})[systeme] = n
    toutes = sum(_paires(sum(systemes.values())) for systemes in par_groupe.values())
    inter = sum(systemes.get("CERIGES", 0) * systemes.get("GSI", 0) for systemes in par_groupe.values())
    return toutes, inter


def mesurer_appariement(predits: Mapping[Dossier, str], vrais: Mapping[Dossier, str]) -> RapportAppariement:
    """Compare la personne prédite de chaque dossier à sa vraie personne.

    Seuls les dossiers présents des deux côtés sont mesurés (un dossier dont toutes les lignes
    sont en quarantaine n'est pas dans l'entrepôt; une ligne invalide d'un dossier fictif n'est
    pas dans la vérité)."""
    communs = [d for d in predits if d in vrais]
    predits_groupes: Counter[tuple[Any, str]] = Counter((predits[d], d[0]) for d in communs)
    vrais_groupes: Counter[tuple[Any, str]] = Counter((vrais[d], d[0]) for d in communs)
    croises: Counter[tuple[Any, str]] = Counter(((predits[d], vrais[d]), d[0]) for d in communs)
    predits_tous, predits_inter = _liens(predits_groupes)
    vrais_tous, vrais_inter = _liens(vrais_groupes)
    corrects_tous, corrects_inter = _liens(croises)
    return RapportAppariement(
        nb_dossiers=len(communs),
        nb_dossiers_hors_verite=len(predits) - len(communs),
        nb_dossiers_hors_entrepot=sum(1 for d in vrais if d not in predits),
        nb_personnes_predites=len({predits[d] for d in communs}),
        nb_personnes_vraies=len({vrais[d] for d in communs}),
        tous_liens=MesureLiens(predits_tous, vrais_tous, corrects_tous),
        liens_ceriges_gsi=MesureLiens(predits_inter, vrais_inter, corrects_inter),
    )


def identites_pasi(verite: Mapping[str, Any]) -> dict[Dossier, str]:
    """Vraie personne de chaque dossier CERIGES et GSI, d'après ``verite.json``."""
    identites = verite["identites"]
    return {
        (systeme, str(identifiant)): str(personne)
        for systeme, section in SOURCES_VERITE.items()
        for identifiant, personne in identites.get(section, {}).items()
    }


def cles_entrepot(entrepot: Path) -> dict[Dossier, str]:
    """Personne prédite (``cle_personne``) de chaque dossier, lue dans l'entrepôt DuckDB construit."""
    with duckdb.connect(str(entrepot), read_only=True) as connexion:
        lignes = connexion.execute(
            f"select systeme_source, id_dossier, cle_personne from {MODELE_DOSSIERS}"
        ).fetchall()
    return {(str(systeme), str(dossier)): str(cle) for systeme, dossier, cle in lignes}


def mesurer_construction(extraits: Path, entrepot: Path) -> RapportAppariement:
    """Mesure l'appariement d'un entrepôt construit sur un jeu d'extraits généré."""
    verite = json.loads((extraits / "verite.json").read_text(encoding="utf-8"))
    return mesurer_appariement(cles_entrepot(entrepot), identites_pasi(verite))


def main(arguments: list[str] | None = None) -> None:
    analyseur = argparse.ArgumentParser(description="Précision et rappel de l'appariement des dossiers PASI (3.1.2).")
    analyseur.add_argument("--extraits", type=Path, required=True, help="dossier des extraits (avec verite.json)")
    analyseur.add_argument("--entrepot", type=Path, required=True, help="entrepôt DuckDB construit par dbt build")
    options = analyseur.parse_args(arguments)
    print(mesurer_construction(options.extraits, options.entrepot).en_texte())


if __name__ == "__main__":
    main()
