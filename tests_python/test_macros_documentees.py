"""Chaque macro du projet (macros/**, tests génériques compris) est documentée dans
macros/_macros.yml : une description, et une description pour chacun de ses arguments.

Le manifeste vient de `dbt parse --target lint` (aucune donnée, entrepôt en mémoire) : c'est
lui qu'affiche le site de documentation (`dbt docs generate`).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml

from outils_dbt import dbt

PROJET = "indicateurs_mifi"
# Signature d'une macro ou d'un test générique : {% macro nom(a, b='x') %} / {% test nom(model) %}
SIGNATURE = re.compile(r"{%-?\s*(?:macro|test)\s+\w+\s*\((.*?)\)\s*-?%}", re.DOTALL)


def _parametres(macro_sql: str) -> list[str]:
    """Noms des paramètres de la signature (les valeurs par défaut sont des littéraux simples)."""
    if re.match(r"{%-?\s*materialization\b", macro_sql.lstrip()):
        return []  # une matérialisation n'a pas d'arguments
    correspondance = SIGNATURE.search(macro_sql)
    assert correspondance, f"signature introuvable :\n{macro_sql[:200]}"
    texte = re.sub(r"\[[^\]]*\]|\{[^}]*\}|'[^']*'", "", correspondance.group(1))
    return [morceau.split("=")[0].strip() for morceau in texte.split(",") if morceau.strip()]


@pytest.fixture(scope="module")
def macros_du_projet(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict]:
    cible = tmp_path_factory.mktemp("parse_macros")
    dbt(["parse", "--target", "lint"], Path("/nonexistent"), cible / "inutilise.duckdb", cible)
    manifeste = json.loads((cible / "manifest.json").read_text(encoding="utf-8"))
    return {
        macro["name"]: macro
        for macro in manifeste["macros"].values()
        if macro["package_name"] == PROJET
    }


def test_toutes_les_macros_du_projet_ont_une_description(macros_du_projet):
    assert len(macros_du_projet) > 50, "macros du projet introuvables dans le manifeste"
    sans_description = sorted(
        f"{macro['original_file_path']} : {nom}"
        for nom, macro in macros_du_projet.items()
        if not macro["description"].strip()
    )
    assert not sans_description, (
        "Macros sans description (à documenter dans macros/_macros.yml; un test générique "
        "`{% test nom %}` s'y écrit `test_nom`) :\n" + "\n".join(sans_description)
    )


def test_arguments_documentes_comme_dans_la_signature(macros_du_projet):
    ecarts = []
    for nom, macro in sorted(macros_du_projet.items()):
        attendus = _parametres(macro["macro_sql"])
        documentes = [argument["name"] for argument in macro["arguments"]]
        if documentes != attendus:
            ecarts.append(f"{nom} : signature {attendus}, documentés {documentes}")
        ecarts += [
            f"{nom} : argument {argument['name']} sans description"
            for argument in macro["arguments"]
            if not (argument.get("description") or "").strip()
        ]
    assert not ecarts, "Arguments des macros à mettre à jour dans macros/_macros.yml :\n" + "\n".join(ecarts)


def test_une_macro_documentee_existe(macros_du_projet):
    """Une entrée de macros/_macros.yml qui ne correspond à aucune macro (renommée, supprimée)."""
    fichier = Path(__file__).resolve().parents[1] / "macros" / "_macros.yml"
    documentees = [entree["name"] for entree in yaml.safe_load(fichier.read_text(encoding="utf-8"))["macros"]]
    inconnues = sorted(set(documentees) - set(macros_du_projet))
    doublons = sorted({nom for nom in documentees if documentees.count(nom) > 1})
    assert not inconnues, f"Entrées de macros/_macros.yml sans macro : {inconnues}"
    assert not doublons, f"Entrées en double dans macros/_macros.yml : {doublons}"
