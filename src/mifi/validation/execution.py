"""Validation des extraits d'une nuit : lecture contrôlée, point de contrôle GX, Data Docs.

Great Expectations 1.x est utilisé par sa source de données pandas (jamais par SQL) : chaque
extrait lu une fois (``lecture.py`` : lecteur DuckDB du projet, préparation en colonnes) est
déposé en Parquet dans un dossier temporaire, déclaré comme actif Parquet d'une source
``mifi_extraits`` (la source ``pandas_filesystem`` de GX dont le moteur ne remet à une métrique
de colonne que sa colonne, ``metriques.py``), et validé contre sa suite versionnée
(``gx/expectations/``) par un seul point de contrôle qui regroupe les 17 définitions de
validation et construit les Data Docs dans ``<rapport>/data_docs/``. La seule attente que le
moteur pandas de GX évaluait valeur par valeur en Python (format strftime des dates) l'est par
valeur distincte (``metriques.py``), avec le même résultat.
"""

from __future__ import annotations

import datetime as dt
import html
import json
import logging
import shutil
import tempfile
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict
from pathlib import Path
from typing import Any

import great_expectations as gx
import pandas as pd
import pyarrow.parquet as pq
from great_expectations.data_context.types.base import (
    DataContextConfig,
    InMemoryStoreBackendDefaults,
    ProgressBarsConfig,
)

from mifi.validation import metriques
from mifi.validation.contrat_extraits import (
    COLONNE_OCCURRENCE,
    EXTRAITS,
    PAR_FICHIER,
    TOLERANCE_VOLUME,
    TOLERANCE_VOLUME_SOUPLE,
    Extrait,
)
from mifi.validation.lecture import ErreurLecture, LectureExtrait, lire_extrait
from mifi.validation.resultat import ResultatValidation
from mifi.validation.suites import DOSSIER_SUITES, charger_suite, parametres_attentes

FICHIER_HISTORIQUE = "nb_lignes_extraits.json"
NB_NUITS_CONSERVEES = 60
NB_EXEMPLES = 5
NB_LECTURES_PARALLELES = 2


# --- Historique des volumes ---------------------------------------------------------------------

def lire_historique(dossier: Path | None) -> dict[str, list[dict[str, Any]]]:
    if dossier is None:
        return {}
    chemin = dossier / FICHIER_HISTORIQUE
    if not chemin.is_file():
        return {}
    try:
        return dict(json.loads(chemin.read_text(encoding="utf-8")).get("fichiers", {}))
    except (json.JSONDecodeError, AttributeError) as erreur:
        raise ValueError(f"Historique des volumes illisible : {chemin} ({erreur}).") from erreur


def volumes_precedents(historique: dict[str, list[dict[str, Any]]], date_extraction: dt.date) -> dict[str, int]:
    """Nombre de lignes de la dernière nuit validée antérieure à date_extraction, par fichier."""
    precedents: dict[str, int] = {}
    for fichier, nuits in historique.items():
        anterieures = [n for n in nuits if str(n.get("date_extraction", "")) < date_extraction.isoformat()]
        if anterieures:
            precedents[fichier] = int(anterieures[-1]["nb_lignes"])
    return precedents


def ecrire_historique(
    dossier: Path, historique: dict[str, list[dict[str, Any]]], nb_lignes: dict[str, int], date_extraction: dt.date
) -> None:
    dossier.mkdir(parents=True, exist_ok=True)
    jour = date_extraction.isoformat()
    for fichier, nombre in sorted(nb_lignes.items()):
        nuits = [n for n in historique.get(fichier, []) if n.get("date_extraction") != jour]
        nuits.append({"date_extraction": jour, "nb_lignes": nombre})
        nuits.sort(key=lambda n: str(n["date_extraction"]))
        historique[fichier] = nuits[-NB_NUITS_CONSERVEES:]
    chemin = dossier / FICHIER_HISTORIQUE
    temporaire = chemin.with_suffix(".tmp")
    temporaire.write_text(
        json.dumps({"fichiers": historique}, ensure_ascii=False, indent=2, sort_keys=True) + "\n", encoding="utf-8"
    )
    temporaire.replace(chemin)


# --- Great Expectations -------------------------------------------------------------------------

def _contexte_gx(dossier_data_docs: Path) -> Any:
    configuration = DataContextConfig(
        store_backend_defaults=InMemoryStoreBackendDefaults(init_temp_docs_sites=False),
        analytics_enabled=False,
        progress_bars=ProgressBarsConfig(globally=False),
        data_docs_sites={
            "rapport": {
                "class_name": "SiteBuilder",
                "show_how_to_buttons": False,
                "store_backend": {
                    "class_name": "TupleFilesystemStoreBackend",
                    "base_directory": str(dossier_data_docs),
                },
                "site_index_builder": {"class_name": "DefaultSiteIndexBuilder"},
            }
        },
    )
    return gx.get_context(mode="ephemeral", project_config=configuration)


def _executer_point_de_controle(
    extraits: list[Extrait], dossier_parquet: Path, parametres: dict[str, Any], dossier_data_docs: Path,
    dossier_suites: Path,
) -> dict[str, Any]:
    """Valide les extraits déposés en Parquet (``<nom>.parquet``) dans dossier_parquet par un
    seul point de contrôle; construit les Data Docs. {nom de la suite : résultat GX}."""
    logging.getLogger("great_expectations").setLevel(logging.ERROR)
    metriques.installer()
    if dossier_data_docs.exists():
        shutil.rmtree(dossier_data_docs)
    dossier_data_docs.mkdir(parents=True)
    contexte = _contexte_gx(dossier_data_docs)
    source = contexte.data_sources.add_mifi_extraits("extraits", base_directory=dossier_parquet)
    definitions = []
    for extrait in extraits:
        actif = source.add_parquet_asset(extrait.nom)
        lot = actif.add_batch_definition_path("extrait_complet", path=f"{extrait.nom}.parquet")
        suite = contexte.suites.add(gx.ExpectationSuite(**charger_suite(extrait, dossier_suites)))
        definitions.append(
            contexte.validation_definitions.add(
                gx.ValidationDefinition(name=f"validation_{extrait.nom}", data=lot, suite=suite)
            )
        )
    point = contexte.checkpoints.add(
        gx.Checkpoint(
            name="extraits_de_la_nuit",
            validation_definitions=definitions,
            actions=[],
            result_format={"result_format": "SUMMARY", "partial_unexpected_count": 20},
        )
    )
    resultat = point.run(expectation_parameters=parametres)
    # Data Docs construits une fois pour toutes (l'action UpdateDataDocsAction reconstruit
    # le site entier après chaque définition de validation : coût quadratique).
    contexte.build_data_docs(site_names=["rapport"])
    completer_data_docs_hors_ligne(dossier_data_docs)
    return {validation.suite_name: validation for validation in resultat.run_results.values()}


# --- Fraîcheur ---------------------------------------------------------------------------------------

def verifier_fraicheur(lecture: LectureExtrait, date_extraction: dt.date) -> str | None:
    """Avertissement si la date valide la plus récente (au plus date_extraction) de la colonne de
    fraîcheur est plus vieille que le délai du contrat : l'extrait n'a peut-être pas été rafraîchi."""
    extrait = lecture.extrait
    if extrait.colonne_fraicheur is None:
        return None
    colonne = lecture.table.column(extrait.colonne_fraicheur).to_pandas()
    dates = pd.to_datetime(colonne, format=extrait.format_date, errors="coerce")
    dates = dates[dates <= pd.Timestamp(date_extraction)]
    plus_recente = None if dates.empty else dates.max().date()
    seuil = date_extraction - dt.timedelta(days=extrait.jours_fraicheur)
    if plus_recente is not None and plus_recente >= seuil:
        return None
    return (
        f"{extrait.fichier} : fraîcheur — la date valide la plus récente de « {extrait.colonne_fraicheur} » est "
        f"{plus_recente.isoformat() if plus_recente else 'absente'}, plus de {extrait.jours_fraicheur} jours avant "
        f"la date d'extraction {date_extraction.isoformat()} (extrait non rafraîchi ?)."
    )


# --- Messages -------------------------------------------------------------------------------------

def _exemples(resultat: dict[str, Any]) -> str:
    comptes = resultat.get("partial_unexpected_counts") or []
    if comptes:
        morceaux = [f"{c['value']!r} (×{c['count']})" for c in comptes[:NB_EXEMPLES]]
    else:
        morceaux = [repr(v) for v in (resultat.get("partial_unexpected_list") or [])[:NB_EXEMPLES]]
    return ", ".join(morceaux)


def _detail(type_: str, kwargs: dict[str, Any], resultat: dict[str, Any], precedent: int | None) -> str:
    if "unexpected_count" in resultat:
        nombre = resultat.get("unexpected_count") or 0
        total = resultat.get("element_count") or 0
        pourcentage = resultat.get("unexpected_percent") or 0.0
        texte = f"{nombre} valeur(s) non conforme(s) sur {total} non vides ({pourcentage:.1f} %)"
        if type_ == "expect_column_values_to_be_between" and kwargs.get("column") == COLONNE_OCCURRENCE:
            rangs = [str(i + 1) for i in (resultat.get("partial_unexpected_index_list") or [])[:NB_EXEMPLES]]
            texte = f"{nombre} ligne(s) en double exact sur {total} ({pourcentage:.1f} %)"
            return texte + (f"; copies aux lignes de données n° {', '.join(rangs)}" if rangs else "")
        elif type_ == "expect_column_values_to_be_unique" or type_ == "expect_compound_columns_to_be_unique":
            texte = f"{nombre} ligne(s) distinctes partagent un identifiant sur {total} ({pourcentage:.1f} %)"
        exemples = _exemples(resultat)
        return texte + (f"; exemples : {exemples}" if exemples else "")
    observe = resultat.get("observed_value")
    if type_ == "expect_table_row_count_to_be_between":
        minimum, maximum = kwargs.get("min_value"), kwargs.get("max_value")
        attendu = f"au moins {minimum}" if maximum is None else f"entre {minimum} et {maximum}"
        texte = f"{observe} ligne(s), attendu {attendu}"
        if precedent:
            ecart = (float(observe or 0) - precedent) / precedent * 100
            texte += f" (nuit précédente : {precedent}, écart {ecart:+.0f} %)"
        return texte
    if type_ == "expect_table_columns_to_match_ordered_list":
        return f"colonnes lues : {observe}"
    return f"valeur observée : {observe!r}"


def interpreter(
    extrait: Extrait, validation: Any, precedent: int | None
) -> tuple[list[str], list[str]]:
    """(erreurs, avertissements) en français d'une validation GX d'un extrait."""
    erreurs: list[str] = []
    avertissements: list[str] = []

    def severite_de(resultat_attente: Any) -> str:
        severite = resultat_attente.expectation_config.severity
        return str(getattr(severite, "value", severite))

    # Quand le volume échoue au seuil d'erreur, la bande souple (avertissement) ne le répète pas.
    volume_en_erreur = any(
        r.expectation_config.type == "expect_table_row_count_to_be_between"
        and severite_de(r) == "critical" and not r.success
        for r in validation.results
    )
    for resultat_attente in validation.results:
        configuration = resultat_attente.expectation_config
        type_ = configuration.type
        kwargs = dict(configuration.kwargs)
        regle = (configuration.meta or {}).get("regle", type_)
        resultat = dict(resultat_attente.result or {})
        severite = severite_de(resultat_attente)
        exception = resultat_attente.exception_info or {}
        if exception.get("raised_exception"):
            erreurs.append(
                f"{extrait.fichier} : règle « {regle} » ({type_}) impossible à évaluer : "
                f"{exception.get('exception_message')}"
            )
            continue
        if type_ == "expect_table_row_count_to_be_between" and severite == "warning" and volume_en_erreur:
            continue
        if not resultat_attente.success:
            message = f"{extrait.fichier} : {regle} [{type_}] — {_detail(type_, kwargs, resultat, precedent)}"
            if severite == "critical":
                erreurs.append(message)
            else:
                avertissements.append(message)
        elif resultat.get("unexpected_count"):
            # Défaut toléré (sous le seuil) : compté et signalé, la ligne ira en quarantaine.
            avertissements.append(
                f"{extrait.fichier} : défaut toléré — {regle} [{type_}] — {_detail(type_, kwargs, resultat, precedent)}"
            )
    return erreurs, avertissements


# --- Data Docs hors ligne et page de synthèse -----------------------------------------------------

# Les Data Docs de GX chargent leurs styles, icônes et scripts depuis des CDN. Sans réseau, les
# pages de validation restent lisibles mais les icônes de statut (Font Awesome) disparaissent :
# cette feuille de style en ligne les remplace par des caractères.
STYLE_HORS_LIGNE = """<style id="mifi-hors-ligne">
body { font-family: sans-serif; margin: 1em; }
table { border-collapse: collapse; margin: 0.5em 0; }
td, th { border: 1px solid #ccc; padding: 2px 6px; vertical-align: top; }
.fas { font-style: normal; }
.fa-check-circle::before { content: "\\2714"; color: #1a7f37; font-weight: bold; }
.fa-times::before { content: "\\2718"; color: #c62828; font-weight: bold; }
.fa-exclamation-triangle::before { content: "\\26A0"; color: #b26a00; }
.fa-question-circle::before { content: "?"; }
.fa-comment::before { content: "\\270E"; }
</style>"""


def completer_data_docs_hors_ligne(dossier_data_docs: Path) -> None:
    """Rend les Data Docs utilisables sans réseau : feuille de style de repli sur chaque page
    (icônes de statut), et sur l'index (dont la table est construite par un script d'un CDN)
    une liste statique des pages de validation et de suite."""
    for page in dossier_data_docs.rglob("*.html"):
        texte = page.read_text(encoding="utf-8")
        if 'id="mifi-hors-ligne"' in texte or "<head>" not in texte:
            continue
        texte = texte.replace("<head>", "<head>\n" + STYLE_HORS_LIGNE, 1)
        if page == dossier_data_docs / "index.html" and "<body>" in texte:
            liens = [
                f'<li><a href="{_echapper(p.relative_to(dossier_data_docs).as_posix())}">'
                f"{_echapper(p.relative_to(dossier_data_docs).parts[1].removesuffix('.html'))} — {titre}</a></li>"
                for dossier, titre in (("validations", "résultat de validation"), ("expectations", "suite d'attentes"))
                for p in sorted((dossier_data_docs / dossier).rglob("*.html"))
            ]
            texte = texte.replace(
                "<body>",
                '<body>\n<div id="mifi-liens"><p>Pages de ce rapport (liste lisible sans accès à Internet) :</p>'
                f"<ul>{''.join(liens)}</ul></div>",
                1,
            )
        page.write_text(texte, encoding="utf-8")


def _echapper(texte: object) -> str:
    return html.escape(str(texte), quote=True)


def ecrire_synthese(
    chemin: Path, resultat: ResultatValidation, extraits: list[Extrait], date_extraction: dt.date,
    dossier_data_docs: Path,
) -> None:
    """Page HTML autonome (sans réseau) : statut de chaque extrait, messages, liens vers les Data Docs."""
    lignes: list[str] = []
    for extrait in extraits:
        erreurs = [m for m in resultat.erreurs if m.startswith(extrait.fichier)]
        avertissements = [m for m in resultat.avertissements if m.startswith(extrait.fichier)]
        statut = "erreur" if erreurs else ("avertissement" if avertissements else "conforme")
        liens: list[str] = []
        pages = sorted((dossier_data_docs / "validations" / extrait.nom).rglob("*.html"))
        if pages:
            liens.append(f'<a href="{_echapper(pages[-1].relative_to(chemin.parent))}">validation</a>')
        suite = dossier_data_docs / "expectations" / f"{extrait.nom}.html"
        if suite.is_file():
            liens.append(f'<a href="{_echapper(suite.relative_to(chemin.parent))}">suite d\'attentes</a>')
        messages = "".join(f'<li class="erreur">{_echapper(m)}</li>' for m in erreurs) + "".join(
            f'<li class="avertissement">{_echapper(m)}</li>' for m in avertissements
        )
        lignes.append(
            f'<tr class="{statut}"><td>{_echapper(extrait.fichier)}</td><td>{_echapper(extrait.systeme)}</td>'
            f"<td>{statut}</td><td>{resultat.nb_lignes.get(extrait.fichier, '—')}</td>"
            f"<td>{' · '.join(liens)}</td><td><ul>{messages}</ul></td></tr>"
        )
    autres = [m for m in resultat.erreurs if not any(m.startswith(e.fichier) for e in extraits)]
    page = f"""<!DOCTYPE html>
<html lang="fr"><head><meta charset="utf-8"><title>Validation des extraits du {date_extraction.isoformat()}</title>
<style>
body {{ font-family: sans-serif; margin: 1.5em; }}
table {{ border-collapse: collapse; width: 100%; }}
td, th {{ border: 1px solid #ccc; padding: 4px 8px; vertical-align: top; text-align: left; }}
tr.erreur td:nth-child(3) {{ background: #fdd; font-weight: bold; }}
tr.avertissement td:nth-child(3) {{ background: #fff3cd; }}
tr.conforme td:nth-child(3) {{ background: #dfd; }}
li.erreur {{ color: #b00020; }} li.avertissement {{ color: #7a5b00; }}
ul {{ margin: 0; padding-left: 1.2em; }}
</style></head><body>
<h1>Validation des extraits du {date_extraction.isoformat()} : {"réussie" if resultat.succes else "ÉCHEC"}</h1>
<p>{len(resultat.erreurs)} erreur(s), {len(resultat.avertissements)} avertissement(s).</p>
<p class="note">Une suite marquée « Failed » dans les Data Docs n'empêche pas forcément la publication :
Great Expectations y marque toute attente non satisfaite, y compris les défauts tolérés
(sévérité avertissement du projet, lignes mises en quarantaine), alors que seules les erreurs
ci-dessous arrêtent la nuit.</p>
<p>Détail de chaque attente : Data Docs de Great Expectations (<a href="data_docs/index.html">index</a>;
l'index et la mise en forme complète demandent un accès à Internet, les pages de validation se lisent hors ligne).</p>
{"".join(f'<p class="erreur">{_echapper(m)}</p>' for m in autres)}
<table><tr><th>Fichier</th><th>Système</th><th>Statut</th><th>Lignes</th><th>Data Docs</th><th>Messages</th></tr>
{chr(10).join(lignes)}
</table></body></html>
"""
    chemin.write_text(page, encoding="utf-8")


def _lire_et_deposer(
    extrait: Extrait, dossier_extraits: Path, dossier_parquet: Path, date_extraction: dt.date
) -> tuple[str | None, list[str], int]:
    """Lit un extrait, vérifie sa fraîcheur et le dépose en Parquet pour GX (la table n'est pas
    gardée en mémoire). (erreur de lecture ou None, avertissements, nombre de lignes)."""
    try:
        lecture = lire_extrait(extrait, dossier_extraits)
    except ErreurLecture as erreur:
        return str(erreur), [], 0
    except Exception as erreur:  # noqa: BLE001 — fichier illisible d'une façon imprévue : jamais de plantage muet
        return f"{extrait.fichier} : lecture impossible ({type(erreur).__name__} : {erreur}).", [], 0
    avertissements = list(lecture.avertissements)
    fraicheur = verifier_fraicheur(lecture, date_extraction)
    if fraicheur is not None:
        avertissements.append(fraicheur)
    pq.write_table(lecture.table, dossier_parquet / f"{extrait.nom}.parquet")
    return None, avertissements, lecture.nb_lignes


# --- Point d'entrée -------------------------------------------------------------------------------

def valider_extraits(
    dossier_extraits: Path,
    dossier_rapport: Path,
    dossier_historique: Path | None = None,
    *,
    date_extraction: dt.date | None = None,
    fichiers: Iterable[str] | None = None,
    dossier_suites: Path = DOSSIER_SUITES,
) -> ResultatValidation:
    """Valide les 17 extraits du contrat présents dans ``dossier_extraits``.

    Écrit les Data Docs dans ``dossier_rapport/data_docs/`` et un résumé
    ``dossier_rapport/validation_extraits.json``. Avec ``dossier_historique``, compare le
    nombre de lignes de chaque extrait à celui de la dernière nuit validée et, si la
    validation réussit, y enregistre les volumes de la nuit. ``date_extraction`` (par défaut
    la date du jour) fixe les années plausibles et la fraîcheur attendue. ``fichiers`` restreint
    la validation à certains extraits du contrat (par défaut : les 17).
    """
    dossier_extraits = Path(dossier_extraits).resolve()
    dossier_rapport = Path(dossier_rapport).resolve()  # GX exige un chemin absolu pour les Data Docs
    date_extraction = date_extraction or dt.date.today()
    erreurs: list[str] = []
    avertissements: list[str] = []
    if fichiers is None:
        extraits = list(EXTRAITS)
    else:
        inconnus = sorted(set(fichiers) - set(PAR_FICHIER))
        if inconnus:
            raise ValueError(f"Fichier(s) absent(s) du contrat des extraits : {', '.join(inconnus)}.")
        extraits = [extrait for extrait in EXTRAITS if extrait.fichier in set(fichiers)]

    historique = lire_historique(dossier_historique)
    precedents = volumes_precedents(historique, date_extraction)
    lus: list[Extrait] = []
    nb_lignes: dict[str, int] = {}
    chemin_data_docs: Path | None = None
    with tempfile.TemporaryDirectory(prefix="mifi_validation_") as temporaire:
        dossier_parquet = Path(temporaire)
        if not dossier_extraits.is_dir():
            erreurs.append(f"Dossier d'extraits introuvable : {dossier_extraits}.")
        else:
            # Deux extraits lus à la fois (DuckDB libère le GIL); résultats pris dans l'ordre du contrat.
            with ThreadPoolExecutor(max_workers=NB_LECTURES_PARALLELES) as executeur:
                lectures = executeur.map(
                    lambda e: _lire_et_deposer(e, dossier_extraits, dossier_parquet, date_extraction), extraits
                )
                for extrait, (erreur, avertissements_lecture, nombre) in zip(extraits, lectures):
                    if erreur is not None:
                        erreurs.append(erreur)
                        continue
                    avertissements.extend(avertissements_lecture)
                    nb_lignes[extrait.fichier] = nombre
                    lus.append(extrait)

        if lus:
            dossier_data_docs = dossier_rapport / "data_docs"
            validations = _executer_point_de_controle(
                lus, dossier_parquet, parametres_attentes(date_extraction, precedents), dossier_data_docs,
                dossier_suites,
            )
            for extrait in lus:
                validation = validations.get(extrait.nom)
                if validation is None:
                    erreurs.append(f"{extrait.fichier} : aucun résultat de validation (point de contrôle incomplet).")
                    continue
                erreurs_extrait, avertissements_extrait = interpreter(
                    extrait, validation, precedents.get(extrait.fichier)
                )
                erreurs.extend(erreurs_extrait)
                avertissements.extend(avertissements_extrait)
            index = dossier_data_docs / "index.html"
            chemin_data_docs = index if index.is_file() else None

    succes = not erreurs
    if succes and dossier_historique is not None:
        ecrire_historique(Path(dossier_historique), historique, nb_lignes, date_extraction)
    resultat = ResultatValidation(succes, erreurs, avertissements, chemin_data_docs, nb_lignes)
    dossier_rapport.mkdir(parents=True, exist_ok=True)
    resume = asdict(resultat) | {
        "chemin_data_docs": str(chemin_data_docs) if chemin_data_docs else None,
        "date_extraction": date_extraction.isoformat(),
        "dossier_extraits": str(dossier_extraits),
        "tolerance_volume": TOLERANCE_VOLUME,
        "tolerance_volume_souple": TOLERANCE_VOLUME_SOUPLE,
    }
    (dossier_rapport / "validation_extraits.json").write_text(
        json.dumps(resume, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
    )
    ecrire_synthese(
        dossier_rapport / "synthese_validation.html", resultat, extraits, date_extraction,
        dossier_rapport / "data_docs",
    )
    return resultat
