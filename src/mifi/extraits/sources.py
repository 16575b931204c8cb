"""Sources dbt engendrées par le contrat des extraits (``mifi.validation.contrat_extraits``).

Chaque fichier ``models/staging/<dossier>/_<source>__sources.yml`` est écrit ici, depuis le
contrat : colonnes (nom dans l'entrepôt, ordre, description), options de lecture (DuckDB
``read_csv`` pour l'UTF-8, greffon ``extraits_mifi`` pour le Windows-1252 et les classeurs),
tests de volume, de fraîcheur et de dates d'évènements futures. On ne modifie pas ces fichiers à
la main : on modifie le contrat, puis ::

    python -m mifi.extraits.sources            # réécrit les fichiers
    python -m mifi.extraits.sources --verifier # échoue si un fichier diffère du contrat

``tests_python/test_contrat_unique.py`` fait la même vérification.
"""

from __future__ import annotations

import argparse
import json
import sys
import textwrap
from pathlib import Path

from mifi.validation.contrat_extraits import (
    ANNEES_PLAUSIBLES,
    EXTRAITS,
    FORMAT_JJ_MM_AAAA,
    SOURCES,
    Colonne,
    Extrait,
    Format,
    NatureDate,
)

RACINE = Path(__file__).resolve().parents[3]
DOSSIER_EXTRAITS = "{{ env_var('MIFI_EXTRAITS_DIR', 'donnees/extraits_demo') }}"
ENTETE_FICHIER = (
    "# Fichier engendré par `python -m mifi.extraits.sources` depuis le contrat des extraits\n"
    "# (src/mifi/validation/contrat_extraits.py) : ne pas le modifier à la main.\n"
)
COLONNES_CLASSEUR = {
    "projet": "Nom de l'onglet = nom du projet de recrutement.",
    "no_ligne_excel": "Numéro de la ligne dans l'onglet (traçabilité vers le classeur).",
}


def _chaine(valeur: str) -> str:
    """Scalaire YAML sûr (guillemets doubles, échappements JSON = YAML)."""
    return json.dumps(valeur, ensure_ascii=False)


def _plie(texte: str, retrait: int) -> list[str]:
    marge = " " * retrait
    return [marge + ligne for ligne in textwrap.wrap(texte, 100 - retrait, break_on_hyphens=False)]


def dossier_source(source: str) -> str:
    """Dossier du staging d'une source (referentiels_bdi est rangée avec referentiels)."""
    return source.split("_")[0]


def chemin_sources(source: str, racine: Path = RACINE) -> Path:
    return racine / "models" / "staging" / dossier_source(source) / f"_{source}__sources.yml"


def entetes_classeur(extrait: Extrait) -> str:
    """Nom de la table d'en-têtes du greffon (ENTETES_CLASSEURS) d'un classeur : sa source."""
    return extrait.source


def options_lecture(extrait: Extrait) -> list[tuple[str, str]]:
    """Options de lecture de la table (meta dbt), dérivées du format et de l'encodage."""
    fichier = f"{DOSSIER_EXTRAITS}/{extrait.fichier}"
    if extrait.format is Format.XLSX:
        options = [("plugin", "extraits_mifi"), ("format", "xlsx"), ("fichier", _chaine(fichier)),
                   ("entetes", entetes_classeur(extrait))]
        if extrait.onglet is None:
            options.append(("tous_les_onglets", "true"))
        else:
            options.append(("onglet", extrait.onglet))
        return [*options, ("ligne_entete", str(extrait.ligne_entete))]
    if extrait.encodage == "cp1252":
        return [("plugin", "extraits_mifi"), ("format", "csv_cp1252"), ("fichier", _chaine(fichier)),
                ("separateur", _chaine(extrait.separateur))]
    # UTF-8 (avec ou sans BOM) : DuckDB lit le fichier lui-même et retire la BOM.
    lecture = (
        f"read_csv('{DOSSIER_EXTRAITS}/{{identifier}}.csv', header = true, "
        f"delim = '{extrait.separateur}', quote = '\"', escape = '\"', all_varchar = true)"
    )
    return [("external_location", _chaine(lecture))]


def colonnes_dbt(extrait: Extrait) -> list[tuple[str, str]]:
    """(nom, description) des colonnes de la table brute, colonnes techniques des classeurs
    comprises, dans l'ordre de la table."""
    techniques: list[str] = []
    if extrait.format is Format.XLSX:
        techniques = (["projet"] if extrait.onglet is None else []) + ["no_ligne_excel"]
    return [(nom, COLONNES_CLASSEUR[nom]) for nom in techniques] + [
        (colonne.colonne_dbt, colonne.description) for colonne in extrait.colonnes
    ]


def _tests(extrait: Extrait) -> list[str]:
    """Tests de la table brute; le fichier nommé dans leurs messages est lu dans le contrat par
    le test lui-même (macro fichier_extrait)."""
    lignes: list[str] = []
    if extrait.raison_fraicheur and extrait.colonne_fraicheur is None:
        lignes += _plie(extrait.raison_fraicheur, 10)
        lignes = [ligne[:10] + "# " + ligne[10:] for ligne in lignes]
    lignes += [
        "          - volume_minimal:",
        f"              arguments: {{min_lignes: {extrait.nb_lignes_min}}}",
    ]
    evenements = [colonne for colonne in extrait.colonnes if colonne.evenement]
    if evenements:
        lignes += [
            "          # Évènement enregistré daté après la date d'extraction : erreur au-delà de la tolérance,",
            "          # avertissement en deçà (macros/tests_generiques/dates_evenements_futures.sql).",
        ]
    for colonne in evenements:
        arguments = f"column_name: {colonne.colonne_dbt}"
        if extrait.format is Format.CSV and extrait.format_date == FORMAT_JJ_MM_AAAA:
            arguments += ", format_date: JJ/MM/AAAA"
        lignes += [
            "          - dates_evenements_futures:",
            f"              arguments: {{{arguments}}}",
            "          - dates_evenements_futures:",
            f"              arguments: {{{arguments}, dans_tolerance: true}}",
            "              config: {severity: warn}",
        ]
    if extrait.colonne_fraicheur is not None:
        if extrait.raison_fraicheur:
            lignes += ["          # " + texte.strip() for texte in _plie(extrait.raison_fraicheur, 10)]
        colonne_dbt = extrait.colonne(extrait.colonne_fraicheur).colonne_dbt
        lignes += [
            "          - fraicheur_extrait:",
            f"              arguments: {{column_name: {colonne_dbt}, jours_max: {extrait.jours_fraicheur}}}",
            "              config: {severity: warn}",
        ]
    return lignes


def _table(extrait: Extrait) -> list[str]:
    lignes = [f"      - name: {extrait.nom}", "        description: >", *_plie(extrait.description, 10)]
    lignes += ["        config:", "          meta:"]
    lignes += [f"            {cle}: {valeur}" for cle, valeur in options_lecture(extrait)]
    lignes += ["        data_tests:", *_tests(extrait), "        columns:"]
    for nom, description in colonnes_dbt(extrait):
        lignes.append(f"          - {{name: {nom}, data_type: varchar, description: {_chaine(description)}}}")
    return lignes


def texte_sources(source: str) -> str:
    """Contenu du fichier YAML de la source dbt ``source``."""
    lignes = [ENTETE_FICHIER + "version: 2", "", "sources:", f"  - name: {source}", "    description: >"]
    lignes += _plie(SOURCES[source], 6)
    lignes += ["    schema: brut", "    tables:"]
    tables = [extrait for extrait in EXTRAITS if extrait.source == source]
    for rang, extrait in enumerate(tables):
        if rang:
            lignes.append("")
        lignes += _table(extrait)
    return "\n".join(lignes) + "\n"


def _jinja(valeur: object) -> str:
    """Littéral Jinja (listes, textes, nombres, booléens, none)."""
    if valeur is None:
        return "none"
    if isinstance(valeur, bool):
        return "true" if valeur else "false"
    if isinstance(valeur, (list, tuple)):
        return "[" + ", ".join(_jinja(element) for element in valeur) + "]"
    if isinstance(valeur, int):
        return str(valeur)
    return "'" + str(valeur).replace("'", "\\'") + "'"


def description_colonne(colonne: Colonne) -> str:
    """Une colonne du contrat pour le staging (macro base_extrait) : nom dans l'entrepôt, type,
    puis seulement ce qui s'écarte du défaut (obligatoire, codes, largeur, bornes, date de
    naissance et sa première année plausible, nom féminin pour l'accord des motifs)."""
    cles: list[tuple[str, object]] = [("nom", colonne.colonne_dbt), ("type", colonne.type.value)]
    if colonne.obligatoire:
        cles.append(("obligatoire", True))
    if colonne.codes:
        cles.append(("codes", list(colonne.codes)))
    if colonne.largeur:
        cles.append(("largeur", colonne.largeur))
    if colonne.bornes is not None:
        cles.append(("bornes", list(colonne.bornes)))
    if colonne.nature_date is NatureDate.NAISSANCE:
        cles += [("nature", colonne.nature_date.value), ("annee_min", ANNEES_PLAUSIBLES[colonne.nature_date][0])]
    if colonne.feminin:
        cles.append(("feminin", True))
    return "{" + ", ".join(f"'{cle}': {_jinja(valeur)}" for cle, valeur in cles) + "}"


def format_date_staging(extrait: Extrait) -> str:
    """Format des dates dans la table brute : les classeurs sont rendus en AAAA-MM-JJ par le
    greffon; un CSV garde celui du fichier."""
    if extrait.format is Format.CSV and extrait.format_date == FORMAT_JJ_MM_AAAA:
        return "JJ/MM/AAAA"
    return "AAAA-MM-JJ"


def texte_macro() -> str:
    """Macro dbt ``contrat_extraits()`` : la liste des extraits (fichier, source, table, suffixe
    des modèles du staging, colonnes typées), pour les macros du staging (base_extrait,
    stg_extrait), les tests génériques et les modèles qui parcourent tous les extraits."""
    lignes = [
        "{#- Fichier engendré par `python -m mifi.extraits.sources` depuis le contrat des extraits",
        "    (src/mifi/validation/contrat_extraits.py) : ne pas le modifier à la main.",
        "    Un extrait : fichier, source et table dbt, modele (base_<modele> : toutes les lignes",
        "    typées; stg_<modele> : les lignes retenues), classeur (Excel), largeurs (codes à zéros",
        "    de tête), colonnes_doublon (colonnes comparées pour les doublons exacts), format_date",
        "    (dates de la table brute) et colonnes (dans l'ordre du contrat : nom dans l'entrepôt,",
        "    type, obligatoire, codes acceptés, largeur, bornes des entiers, nature et première",
        "    année plausible d'une date de naissance, nom féminin). -#}",
        "{% macro contrat_extraits() -%}",
        "    {{ return([",
    ]
    for extrait in EXTRAITS:
        # doublon exact : mêmes valeurs sur toutes les colonnes du fichier (le numéro de ligne
        # Excel, forcément différent, n'entre pas dans la comparaison)
        doublon = [nom for nom, _ in colonnes_dbt(extrait) if nom != "no_ligne_excel"]
        largeurs = {c.colonne_dbt: c.largeur for c in extrait.colonnes if c.largeur}
        lignes += [
            f"        {{'fichier': '{extrait.fichier}', 'source': '{extrait.source}', "
            f"'table': '{extrait.nom}', 'modele': '{extrait.modele}',",
            f"            'classeur': {'true' if extrait.format is Format.XLSX else 'false'}, "
            f"'largeurs': {json.dumps(largeurs)}, 'format_date': '{format_date_staging(extrait)}',",
            f"            'colonnes_doublon': {json.dumps(doublon, ensure_ascii=False)},",
            "            'colonnes': [",
            *(f"                {description_colonne(colonne)}," for colonne in extrait.colonnes),
            "            ]},",
        ]
    lignes += ["    ]) }}", "{%- endmacro %}"]
    return "\n".join(lignes) + "\n"


def fichiers_sources(racine: Path = RACINE) -> dict[Path, str]:
    """Chemin -> contenu attendu de chaque fichier dbt engendré par le contrat (sources YAML,
    macro ``contrat_extraits()``)."""
    fichiers = {chemin_sources(source, racine): texte_sources(source) for source in SOURCES}
    fichiers[racine / "macros" / "contrat_extraits.sql"] = texte_macro()
    return fichiers


def main(arguments: list[str] | None = None) -> int:
    analyseur = argparse.ArgumentParser(description="Écrire ou vérifier les sources dbt engendrées par le contrat.")
    analyseur.add_argument("--verifier", action="store_true", help="échouer si un fichier diffère")
    options = analyseur.parse_args(arguments)
    differents = []
    for chemin, texte in fichiers_sources().items():
        actuel = chemin.read_text(encoding="utf-8") if chemin.is_file() else None
        if actuel == texte:
            continue
        differents.append(chemin)
        if not options.verifier:
            chemin.write_text(texte, encoding="utf-8")
    for chemin in differents:
        print(f"{'différent du contrat' if options.verifier else 'écrit'} : {chemin.relative_to(RACINE)}")
    return 1 if options.verifier and differents else 0


if __name__ == "__main__":
    sys.exit(main())
