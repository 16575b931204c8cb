"""Rapport de la nuit : une page HTML autonome (``rapport.html``) et sa version Markdown.

La page s'ouvre d'un double-clic, sans réseau : CSS en ligne, graphiques en SVG en ligne.
Contenu, pour chaque indicateur : la dernière fenêtre cumulée **complète** comparée à la même
fenêtre l'an dernier et à la cible annuelle, la fenêtre en cours marquée partielle (jamais
tracée comme terminée), les fenêtres non produites laissées en trou avec une note, et la
dernière année terminée (cible atteinte ou non). Puis les tests en échec et en avertissement,
traduits en phrases (erreurs d'abord), les lignes en quarantaine par extrait et par motif, les
révisions de la nuit et la validation des extraits.

Le rapport **publié** ne cite aucune valeur lue dans un extrait : la validation y est réduite à
des comptes et des règles par fichier (sans exemples de valeurs ni numéros de lignes), et les
tests n'y gardent que les messages français du projet (jamais les lignes fautives brutes). Le
rapport d'une nuit en échec, écrit dans l'espace de travail, garde le détail (Data Docs de la
validation, lignes fautives) et nomme l'étape qui a échoué.

Le rapport se lit dans l'entrepôt de travail de la nuit (connexion DuckDB ouverte par
l'appelant, catalogue donné) : il décrit ce qui est publié, ou ce qui a échoué. Il ne dépend
que des colonnes ``periode, granularite, date_debut, date_fin, valeur, numerateur,
denominateur, cible, cible_atteinte, periode_complete, est_produite`` de
``marts.fct_resultats_indicateurs`` et de ``marts.dim_indicateurs``.
"""

from __future__ import annotations

import datetime as dt
import html
import math
import re
from collections.abc import Callable, Iterable, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from mifi.validation.contrat_extraits import EXTRAITS

MOIS = ["janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.",
        "nov.", "déc."]
MOIS_LONGS = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
              "septembre", "octobre", "novembre", "décembre"]
ESPACE = "\u00a0"  # espace insécable : milliers, avant « % »
MOINS = "\u2212"
# Libellé de l'axe des valeurs selon l'unité de dim_indicateurs (1.1.1 compte des DI).
_LIBELLES_UNITES = {"personnes": "personnes", "declarations": "déclarations d'intérêt", "proportion": "proportion"}
NOTE_NON_PRODUITE = "fenêtre non produite : la fiche l'exclut de la production"


class Validation(Protocol):
    succes: bool
    erreurs: list[str]
    avertissements: list[str]
    chemin_data_docs: Path | None


@dataclass
class LigneResultat:
    indicateur_id: str
    nom_abrege: str
    periode: str
    granularite: str
    date_debut: dt.date
    date_fin: dt.date
    valeur: float | None
    numerateur: float | None
    denominateur: float | None
    cible: float | None
    cible_atteinte: bool | None
    periode_complete: bool | None
    est_produite: bool | None


@dataclass
class SyntheseIndicateur:
    """Ce que le rapport dit d'un indicateur, fenêtres choisies par rapport à ``date_extraction``."""

    indicateur_id: str
    nom_abrege: str
    est_proportion: bool
    unite: str | None = None
    nom_complet: str | None = None
    periode_courante: str | None = None
    # Fenêtres cumulées (mensuelles ou trimestrielles) de toutes les périodes, par date de fin.
    fenetres: list[LigneResultat] = field(default_factory=list)
    fenetre_complete: LigneResultat | None = None
    meme_fenetre_an_passe: LigneResultat | None = None
    fenetre_partielle: LigneResultat | None = None
    cible_courante: float | None = None
    annee_terminee: LigneResultat | None = None
    non_produites: list[LigneResultat] = field(default_factory=list)
    graphique_svg: str | None = None
    fichier_graphique: str | None = None


@dataclass
class Quarantaine:
    modele: str
    fichier: str
    nb_lignes: int
    nb_doublons: int | None
    motifs: list[tuple[str, int]]


@dataclass
class TestSignale:
    """Un test (ou un modèle) en échec ou en avertissement, déjà traduit en français."""

    gravite: str  # « Erreur », « Échec » ou « Avertissement »
    libelle: str
    constat: str
    details: list[str] = field(default_factory=list)

    @property
    def est_erreur(self) -> bool:
        return self.gravite != "Avertissement"


@dataclass
class ContenuRapport:
    """Tout ce que le rapport affiche, rassemblé avant la mise en forme."""

    date_extraction: str
    publie: bool
    erreurs_nuit: list[str] = field(default_factory=list)
    avertissements_nuit: list[str] = field(default_factory=list)
    indicateurs: list[SyntheseIndicateur] = field(default_factory=list)
    tests: list[TestSignale] = field(default_factory=list)
    comptes_dbt: dict[str, int] = field(default_factory=dict)
    quarantaines: list[Quarantaine] = field(default_factory=list)
    revisions: list[dict[str, Any]] = field(default_factory=list)
    nb_revisions_total: int | None = None
    validation: Validation | None = None
    lien_data_docs: str | None = None
    sections_indisponibles: list[str] = field(default_factory=list)
    # Étape en échec (nuit en échec), en mots lisibles; None pour une nuit publiée.
    etape_echec: str | None = None
    # dbt build a tourné et son bilan a été lu (sinon : pas de « tous les tests sont passés »).
    tests_executes: bool = False

    @property
    def date(self) -> dt.date:
        return dt.date.fromisoformat(self.date_extraction)


# --- Mise en forme des nombres et des dates ---------------------------------------------

def _milliers(entier: int) -> str:
    texte = f"{abs(entier):,}".replace(",", ESPACE)
    return (MOINS if entier < 0 else "") + texte


def formater_nombre(valeur: float | None, proportion: bool = False, decimales: int = 1) -> str:
    """« 17 003 », « 70,8 % » (espaces insécables), « — » pour une valeur vide."""
    if valeur is None:
        return "—"
    if proportion:
        texte = f"{abs(valeur) * 100:.{decimales}f}".replace(".", ",")
        return (MOINS if valeur < 0 and texte.strip("0,") else "") + texte + ESPACE + "%"
    if float(valeur).is_integer():
        return _milliers(int(valeur))
    texte = f"{abs(valeur):,.2f}".replace(",", ESPACE).replace(".", ",")
    return (MOINS if valeur < 0 else "") + texte


def formater_ecart(ecart: float | None, proportion: bool = False) -> str:
    """Écart signé : « +1 344 », « −0,2 point » (proportions : en points de pourcentage)."""
    if ecart is None:
        return "—"
    if proportion:
        decimales = 2 if 0.00005 <= abs(ecart) < 0.01 else 1  # moins d'un point : deux décimales
        points = round(abs(ecart) * 100, decimales)
        signe = "" if points == 0 else ("+" if ecart > 0 else MOINS)
        return f"{signe}{points:.{decimales}f}".replace(".", ",") + f"{ESPACE}point" + ("s" if points >= 2 else "")
    arrondi = round(ecart)
    return ("+" if arrondi > 0 else "") + _milliers(arrondi)


def formater_variation(relative: float | None) -> str:
    """Variation relative signée : « +2,5 % »."""
    if relative is None:
        return "—"
    texte = f"{abs(relative) * 100:.1f}".replace(".", ",")
    signe = "" if texte == "0,0" else ("+" if relative > 0 else MOINS)
    return f"{signe}{texte}{ESPACE}%"


def compter(nombre: int, nom: str, pluriel: str | None = None) -> str:
    """« 1 ligne », « 8 lignes », « 2 253 lignes » (singulier pour 0 et 1)."""
    return f"{_milliers(int(nombre))}{ESPACE}{nom if abs(nombre) < 2 else (pluriel or nom + 's')}"


def _jour(date: dt.date) -> str:
    return "1er" if date.day == 1 else str(date.day)


def date_longue(date: dt.date) -> str:
    """« 30 septembre 2026 »."""
    return f"{_jour(date)} {MOIS_LONGS[date.month - 1]} {date.year}"


def date_courte(date: dt.date) -> str:
    """« 31 oct. »."""
    return f"{_jour(date)} {MOIS[date.month - 1]}"


def rang_fenetre(ligne: LigneResultat) -> int:
    """Rang de la fenêtre cumulée dans sa période : mois (1-12) ou trimestre (1-4)."""
    mois = (ligne.date_fin.year - ligne.date_debut.year) * 12 + ligne.date_fin.month - ligne.date_debut.month + 1
    return mois if ligne.granularite == "cumul_mensuel" else (mois + 2) // 3


def libelle_rang(rang: int, granularite: str, mois_debut: int) -> str:
    """Étiquette de l'axe : « T1 avr.–juin » (trimestres), « avr. » ou « janv. » (mois)."""
    if granularite == "cumul_trimestriel":
        premier = (mois_debut - 1 + (rang - 1) * 3) % 12
        return f"T{rang} {MOIS[premier]}–{MOIS[(premier + 2) % 12]}"
    return MOIS[(mois_debut - 1 + rang - 1) % 12]


def libelle_fenetre(ligne: LigneResultat) -> str:
    """« cumul au 30 septembre 2026 (T2) », « cumul au 31 octobre 2026 », « année 2025-2026 »."""
    if ligne.granularite == "annuelle":
        return f"année {ligne.periode}"
    texte = f"cumul au {date_longue(ligne.date_fin)}"
    if ligne.granularite == "cumul_trimestriel":
        texte += f" (T{rang_fenetre(ligne)})"
    return texte


def libelle_partiel(date_extraction: dt.date) -> str:
    return f"en cours (partiel au {date_courte(date_extraction)})"


def _un_an_avant(date: dt.date) -> dt.date:
    """Même date l'an dernier; une fin de mois reste une fin de mois (29 févr. → 28 févr.)."""
    lendemain = date + dt.timedelta(days=1)
    if lendemain.day == 1:  # fin de mois
        debut_mois_suivant = lendemain.replace(year=lendemain.year - 1)
        return debut_mois_suivant - dt.timedelta(days=1)
    try:
        return date.replace(year=date.year - 1)
    except ValueError:
        return date.replace(year=date.year - 1, day=28)


def _cellule(texte: object) -> str:
    return str(texte).replace("|", "\\|").replace("\n", " ")


def _tableau(entetes: Sequence[str], lignes: Iterable[Sequence[object]]) -> list[str]:
    sortie = ["| " + " | ".join(entetes) + " |", "|" + "---|" * len(entetes)]
    for ligne in lignes:
        sortie.append("| " + " | ".join(_cellule(c) for c in ligne) + " |")
    return sortie


# --- Collecte dans l'entrepôt -----------------------------------------------------------

def _relation_existe(connexion: Any, catalogue: str, schema: str, nom: str) -> bool:
    return bool(
        connexion.execute(
            "select count(*) from information_schema.tables "
            "where table_catalog = ? and table_schema = ? and table_name = ?",
            [catalogue, schema, nom],
        ).fetchone()[0]
    )


def _colonnes(connexion: Any, catalogue: str, schema: str, nom: str) -> set[str]:
    lignes = connexion.execute(
        "select column_name from information_schema.columns "
        "where table_catalog = ? and table_schema = ? and table_name = ?",
        [catalogue, schema, nom],
    ).fetchall()
    return {ligne[0] for ligne in lignes}


def _q(nom: str) -> str:
    return '"' + nom.replace('"', '""') + '"'


def synthetiser(
    indicateur_id: str,
    lignes: list[LigneResultat],
    date_extraction: dt.date,
    *,
    unite: str | None = None,
    nom_abrege: str | None = None,
    nom_complet: str | None = None,
) -> SyntheseIndicateur:
    """Choisit les fenêtres d'un indicateur par rapport à la date d'extraction.

    - fenêtre complète : la dernière fenêtre cumulée terminée (``periode_complete``) et produite;
    - même fenêtre l'an dernier : mêmes bornes décalées d'un an (fins de mois comprises);
    - fenêtre partielle : la fenêtre cumulée non terminée qui contient la date d'extraction;
    - année terminée : la dernière ligne annuelle terminée et produite.
    """
    propres = [l for l in lignes if l.indicateur_id == indicateur_id]
    annuelles = sorted((l for l in propres if l.granularite == "annuelle"), key=lambda l: l.date_debut)
    fenetres = sorted(
        (l for l in propres if l.granularite != "annuelle"), key=lambda l: (l.date_fin, l.date_debut)
    ) or list(annuelles)
    contenant = [l for l in annuelles if l.date_debut <= date_extraction <= l.date_fin]
    if contenant:
        periode_courante: str | None = contenant[-1].periode
    else:
        commencees = [l for l in propres if l.date_debut <= date_extraction]
        periode_courante = max(commencees, key=lambda l: l.date_debut).periode if commencees else None
    completes = [l for l in fenetres if l.periode_complete and l.est_produite is not False]
    fenetre_complete = completes[-1] if completes else None
    meme = None
    if fenetre_complete is not None:
        debut, fin = _un_an_avant(fenetre_complete.date_debut), _un_an_avant(fenetre_complete.date_fin)
        meme = next(
            (l for l in fenetres if l.granularite == fenetre_complete.granularite
             and l.date_debut == debut and l.date_fin == fin),
            None,
        )
    partielles = [l for l in fenetres if l.periode_complete is False and l.date_debut <= date_extraction]
    en_cours = [l for l in partielles if l.date_fin >= date_extraction] or partielles
    cibles = [l.cible for l in propres if l.periode == periode_courante and l.cible is not None]
    terminees = [l for l in annuelles if l.periode_complete and l.est_produite is not False]
    return SyntheseIndicateur(
        indicateur_id=indicateur_id,
        nom_abrege=nom_abrege or (propres[0].nom_abrege if propres else "") or "",
        est_proportion=unite == "proportion",
        unite=unite,
        nom_complet=nom_complet,
        periode_courante=periode_courante,
        fenetres=fenetres,
        fenetre_complete=fenetre_complete,
        meme_fenetre_an_passe=meme,
        fenetre_partielle=en_cours[-1] if en_cours else None,
        cible_courante=cibles[0] if cibles else None,
        annee_terminee=terminees[-1] if terminees else None,
        non_produites=[l for l in fenetres if l.est_produite is False],
    )


def collecter_indicateurs(connexion: Any, catalogue: str, date_extraction: str) -> list[SyntheseIndicateur]:
    """Synthèse de chaque indicateur de ``marts.fct_resultats_indicateurs``."""
    if not _relation_existe(connexion, catalogue, "marts", "fct_resultats_indicateurs"):
        raise LookupError("marts.fct_resultats_indicateurs n'existe pas dans l'entrepôt de travail")
    colonnes = ("indicateur_id, nom_abrege, periode, granularite, date_debut, date_fin, valeur, "
                "numerateur, denominateur, cible, cible_atteinte, periode_complete, est_produite")
    lignes = [
        LigneResultat(*ligne)
        for ligne in connexion.execute(
            f"select {colonnes} from {_q(catalogue)}.marts.fct_resultats_indicateurs "
            f"order by indicateur_id, date_debut, granularite, date_fin"
        ).fetchall()
    ]
    fiches: dict[str, dict[str, Any]] = {}
    if _relation_existe(connexion, catalogue, "marts", "dim_indicateurs"):
        presentes = _colonnes(connexion, catalogue, "marts", "dim_indicateurs")
        voulues = [c for c in ("indicateur_id", "nom_abrege", "nom_complet", "unite") if c in presentes]
        if "indicateur_id" in voulues:
            curseur = connexion.execute(
                f"select {', '.join(voulues)} from {_q(catalogue)}.marts.dim_indicateurs"
            )
            for ligne in curseur.fetchall():
                fiche = dict(zip(voulues, ligne))
                fiches[str(fiche["indicateur_id"])] = fiche
    date_ref = dt.date.fromisoformat(date_extraction)
    return [
        synthetiser(
            indicateur_id, lignes, date_ref,
            unite=fiches.get(indicateur_id, {}).get("unite"),
            nom_abrege=fiches.get(indicateur_id, {}).get("nom_abrege"),
            nom_complet=fiches.get(indicateur_id, {}).get("nom_complet"),
        )
        for indicateur_id in sorted({l.indicateur_id for l in lignes})
    ]


def collecter_quarantaines(connexion: Any, catalogue: str, manifeste: dict[str, Any]) -> list[Quarantaine]:
    """Lignes en quarantaine de chaque modèle base_ du manifeste, par motif."""
    noeuds = manifeste.get("nodes", {})
    fichiers: dict[str, str] = {}
    for noeud in noeuds.values():
        meta = noeud.get("test_metadata") or {}
        fichier = fichier_du_test(noeud)
        if (
            noeud.get("resource_type") == "test"
            and fichier
            and noeud.get("attached_node")
            and (meta.get("name") == "quarantaine_sous_seuil" or noeud["attached_node"] not in fichiers)
        ):
            fichiers[noeud["attached_node"]] = str(fichier)
    quarantaines: list[Quarantaine] = []
    modeles = sorted(
        (n for n in noeuds.values()
         if n.get("resource_type") == "model" and str(n.get("name", "")).startswith("base_")),
        key=lambda n: n["name"],
    )
    for noeud in modeles:
        schema, nom = noeud.get("schema"), noeud.get("alias") or noeud["name"]
        if not _relation_existe(connexion, catalogue, schema, nom):
            continue
        colonnes = _colonnes(connexion, catalogue, schema, nom)
        if "motif_quarantaine" not in colonnes:
            continue
        relation = f"{_q(catalogue)}.{_q(schema)}.{_q(nom)}"
        nb_lignes = connexion.execute(f"select count(*) from {relation}").fetchone()[0]
        nb_doublons = None
        if "est_doublon" in colonnes:
            nb_doublons = connexion.execute(
                f"select count(*) from {relation} where est_doublon"
            ).fetchone()[0]
        motifs = connexion.execute(
            f"select motif_quarantaine, count(*) from {relation} "
            f"where motif_quarantaine is not null group by motif_quarantaine "
            f"order by count(*) desc, motif_quarantaine"
        ).fetchall()
        quarantaines.append(
            Quarantaine(
                modele=noeud["name"],
                fichier=fichiers.get(noeud["unique_id"], noeud["name"].removeprefix("base_").replace("__", "_")),
                nb_lignes=int(nb_lignes),
                nb_doublons=None if nb_doublons is None else int(nb_doublons),
                motifs=[(str(m), int(n)) for m, n in motifs],
            )
        )
    return quarantaines


def collecter_revisions(connexion: Any, catalogue: str, date_extraction: str) -> tuple[list[dict[str, Any]], int]:
    """Révisions publiées par la nuit (date_revision = date_extraction), et leur total."""
    if not _relation_existe(connexion, catalogue, "marts", "fct_revisions_indicateurs"):
        raise LookupError("marts.fct_revisions_indicateurs n'existe pas dans l'entrepôt de travail")
    relation = f"{_q(catalogue)}.marts.fct_revisions_indicateurs"
    curseur = connexion.execute(
        f"select indicateur_id, periode, granularite, date_debut, date_fin, ancienne_valeur, nouvelle_valeur, "
        f"ancien_numerateur, nouveau_numerateur, ancien_denominateur, nouveau_denominateur, "
        f"date_publication_precedente from {relation} "
        f"where date_revision = cast(? as date) order by indicateur_id, date_fin, granularite",
        [date_extraction],
    )
    noms = [d[0] for d in curseur.description]
    revisions = [dict(zip(noms, ligne)) for ligne in curseur.fetchall()]
    total = connexion.execute(f"select count(*) from {relation}").fetchone()[0]
    return revisions, int(total)


# --- Tests et quarantaine en français ---------------------------------------------------

# Mots des noms de tests et des motifs de quarantaine (écrits sans accents dans le code).
_MOTS = {
    "a": "à", "anterieure": "antérieure", "annee": "année", "annees": "années", "arrivee": "arrivée",
    "categorie": "catégorie", "cnp": "CNP", "coherentes": "cohérentes", "compte": "compté", "debut": "début",
    "decision": "décision", "denominateur": "dénominateur", "depot": "dépôt", "diplome": "diplôme",
    "egal": "égal", "eleve": "élevé", "evaluation": "évaluation", "francais": "français",
    "immigree": "immigrée", "intimm": "Intimm", "modalite": "modalité", "negative": "négative",
    "numerateur": "numérateur", "numerique": "numérique", "pasi": "PASI", "periode": "période",
    "periodes": "périodes", "present": "présent", "presente": "présente", "publie": "publié",
    "quebec": "Québec", "reference": "référence", "scolarite": "scolarité", "signale": "signalé",
    "signalee": "signalée", "signalees": "signalées", "signales": "signalés", "systeme": "système",
    "t1": "T1", "t2": "T2", "t3": "T3", "t4": "T4", "ddrc": "DDRC", "arrima": "ARRIMA",
    "gsi": "GSI", "ceriges": "CERIGES", "bdi": "BDI", "aq": "AQ", "feer": "FÉER",
}
_EXPRESSIONS = {"ref cours": "référentiel des cours", "cumul au 31 mars": "cumul au 31 mars"}
_GRAVITES = {"error": "Erreur", "runtime error": "Erreur", "fail": "Échec", "warn": "Avertissement"}


def phrase_depuis_nom(nom: str) -> str:
    """``assert_312_volets_hors_pasi_signales`` → « 3.1.2 : volets hors PASI signalés »."""
    mots = [m for m in re.split(r"[_\s]+", nom.removeprefix("assert_")) if m]
    indicateurs: list[str] = []
    while mots and re.fullmatch(r"[1-6]\d\d", mots[0]):
        indicateurs.append(".".join(mots.pop(0)))
    while mots and re.fullmatch(r"[1-6]\d\d", mots[-1]):  # « ..._compte_313_521 »
        indicateurs.append(".".join(mots.pop()))
    indicateurs.sort()
    texte = " ".join(
        ".".join(m) if re.fullmatch(r"[1-6]\d\d", m) else _MOTS.get(m.lower(), m) for m in mots
    )
    for expression, remplacement in _EXPRESSIONS.items():
        texte = texte.replace(expression, remplacement)
    texte = re.sub(r"\b(\d{4}) (\d{4})\b", r"\1-\2", texte)
    texte = re.sub(r"\b(jusqu|[ldnc]) (?=[aeiouyhàâéèêîôû])", r"\1'", texte)
    if indicateurs:
        return f"{', '.join(indicateurs)} : {texte}".strip(" :")
    return texte[:1].upper() + texte[1:]


def libelle_motif(motif: str) -> str:
    """« hors periode du systeme » → « Hors période du système »."""
    texte = phrase_depuis_nom(motif.replace("_", " "))
    return texte[:1].upper() + texte[1:]


def _nom_relation(identifiant: str | None) -> str:
    return identifiant.split(".")[-1] if identifiant else ""


# Tests génériques d'un extrait : le fichier qu'ils nomment est lu dans le contrat d'après la
# relation testée (macro dbt fichier_extrait), sauf argument fichier explicite.
TESTS_D_EXTRAIT = frozenset({
    "volume_minimal", "fraicheur_extrait", "dates_evenements_futures", "quarantaine_sous_seuil",
    "references_connues", "reconciliation_lignes", "cle_declaree_unique",
})


def fichier_du_test(noeud: dict[str, Any]) -> str | None:
    """Fichier de l'extrait d'un test du manifeste : son argument fichier, sinon, pour un test
    d'extrait, le fichier du contrat dont la table source ou le modèle base_/stg_ est testé."""
    meta = noeud.get("test_metadata") or {}
    fichier = (meta.get("kwargs") or {}).get("fichier")
    if fichier or meta.get("name") not in TESTS_D_EXTRAIT:
        return str(fichier) if fichier else None
    noms = {_nom_relation(noeud.get("attached_node"))} | {str(source[-1]) for source in noeud.get("sources") or []}
    for extrait in EXTRAITS:
        if noms & {extrait.nom, f"base_{extrait.modele}", f"stg_{extrait.modele}"}:
            return extrait.fichier
    return None


def _nom_reference(reference: object) -> str:
    """« ref('indicateurs') » → « indicateurs »."""
    trouve = re.search(r"""ref\(\s*['"](.+?)['"]""", str(reference or ""))
    return trouve.group(1) if trouve else str(reference or "")


def libelle_test(noeud: dict[str, Any], nom: str) -> str:
    """Libellé lisible d'un test : description ou meta du manifeste, sinon tiré de son nom."""
    config = noeud.get("config") or {}
    for meta in (noeud.get("meta") or {}, config.get("meta") or {}):
        for cle in ("libelle", "description"):
            if meta.get(cle):
                return str(meta[cle]).strip()
    if (noeud.get("description") or "").strip():
        return str(noeud["description"]).strip()
    generique = noeud.get("test_metadata") or {}
    if not generique:
        return phrase_depuis_nom(nom)
    parametres = generique.get("kwargs") or {}
    colonne = parametres.get("column_name") or noeud.get("column_name")
    modele = _nom_relation(noeud.get("attached_node"))
    if not modele and noeud.get("sources"):
        modele = ".".join(noeud["sources"][0])
    fichier = fichier_du_test(noeud)
    colonnes = parametres.get("colonnes")
    modeles = {
        "accepted_values": f"valeurs acceptées de {colonne} dans {modele}",
        "not_null": f"{colonne} toujours renseignée dans {modele}",
        "unique": f"unicité de {colonne} dans {modele}",
        "relationships": f"{colonne} de {modele} présente dans {_nom_reference(parametres.get('to'))}",
        "cle_unique": f"clé unique ({', '.join(colonnes) if isinstance(colonnes, list) else colonnes}) "
                      f"dans {modele}",
        "quarantaine_sous_seuil": f"lignes en quarantaine sous le seuil toléré pour {fichier}",
        "reconciliation_lignes": f"réconciliation des lignes lues et retenues pour {fichier}",
        "volume_minimal": f"volume minimal de l'extrait {fichier}",
        "fraicheur_extrait": f"fraîcheur de l'extrait {fichier}"
                             + (f" ({colonne})" if colonne else ""),
    }
    if generique.get("name") in modeles:
        return modeles[generique["name"]]
    cible = fichier or modele
    return f"{phrase_depuis_nom(str(generique.get('name', nom)))}" + (
        f" de {colonne}" if colonne else "") + (f" dans {cible}" if cible else "")


def _detail_lisible(detail: str) -> str:
    """« value_field = 2, n_records = 1 » (accepted_values) → « valeur « 2 » : 1 ligne »."""
    trouve = re.fullmatch(r"value_field = (.*), n_records = (\d+)", detail)
    if trouve:
        return f"valeur «{ESPACE}{trouve.group(1)}{ESPACE}» : {compter(int(trouve.group(2)), 'ligne')}"
    return detail


def _nombre_de_lignes(noeud: Any) -> int | None:
    if isinstance(getattr(noeud, "nb_echecs", None), int):
        return int(noeud.nb_echecs)
    trouve = re.search(r"Got (\d+) results?", str(getattr(noeud, "message", "")))
    return int(trouve.group(1)) if trouve else None


def traduire_noeud(noeud: Any, manifeste: dict[str, Any], avec_valeurs: bool = False) -> TestSignale:
    """Un ``ResultatNoeud`` en échec ou en avertissement, en phrase française.

    ``avec_valeurs`` : ajoute les lignes fautives brutes (``details_bruts``, qui peuvent citer
    des valeurs des extraits); jamais pour un rapport publié.
    """
    noeuds = {**manifeste.get("nodes", {}), **manifeste.get("unit_tests", {})}
    info = noeuds.get(getattr(noeud, "unique_id", ""), {})
    gravite = _GRAVITES.get(noeud.statut, "Erreur")
    type_noeud = getattr(noeud, "type_noeud", "test")
    nombre = _nombre_de_lignes(noeud)
    message = str(getattr(noeud, "message", "") or "")
    if type_noeud == "test":
        libelle = libelle_test(info, noeud.nom)
        if noeud.statut in ("warn", "fail") and nombre is not None:
            constat = compter(nombre, "ligne") + (" signalée" if nombre < 2 else " signalées") \
                if noeud.statut == "warn" else compter(nombre, "ligne") + " en défaut"
        else:
            constat = "le test n'a pas pu s'exécuter" + (f" : {message}" if message else "")
    else:
        types = {"model": "construction du modèle", "snapshot": "instantané", "seed": "chargement du seed",
                 "unit_test": "test unitaire", "source": "source"}
        libelle = f"{types.get(type_noeud, type_noeud)} {noeud.nom}"
        constat = message or "en erreur"
    if re.search(r"\bGot \d+ results?", constat):
        constat = "en défaut"
    details = [_detail_lisible(d) for d in getattr(noeud, "details", []) or []]
    if avec_valeurs:
        details += [_detail_lisible(d) for d in getattr(noeud, "details_bruts", []) or []]
    return TestSignale(gravite, libelle, constat, details)


def trier_tests(tests: list[TestSignale]) -> list[TestSignale]:
    """Erreurs et échecs d'abord, puis avertissements; ordre alphabétique ensuite."""
    return sorted(tests, key=lambda t: (not t.est_erreur, t.libelle.casefold()))


# --- Graphiques (SVG en ligne) ----------------------------------------------------------

def _e(texte: object) -> str:
    """Échappe pour le HTML (texte et attributs entre guillemets doubles); l'apostrophe reste lisible."""
    return html.escape(str(texte), quote=False).replace('"', "&quot;")


def _bornes_comptes(maximum: float) -> tuple[float, float, float]:
    """Axe d'un dénombrement : de zéro à un multiple « rond » au-dessus du maximum."""
    maximum = max(maximum, 1.0)
    brut = maximum / 5
    puissance = 10 ** math.floor(math.log10(brut))
    pas = next(p * puissance for p in (1, 2, 2.5, 5, 10) if p * puissance >= brut)
    return 0.0, math.ceil(maximum * 1.04 / pas) * pas, pas


def _bornes_proportion(minimum: float, maximum: float) -> tuple[float, float, float]:
    """Axe d'une proportion (en points de %) resserré autour des valeurs et de la cible."""
    etendue = max(maximum - minimum, 0.5)
    pas = next((p for p in (0.1, 0.2, 0.5, 1, 2, 5, 10, 20, 25) if etendue / p <= 6), 25)
    bas = max(0.0, math.floor((minimum - etendue * 0.1) / pas) * pas)
    haut = min(100.0, math.ceil((maximum + etendue * 0.1) / pas) * pas)
    if haut <= bas:
        haut = bas + pas
    return bas, haut, pas


def _format_axe(valeur: float, proportion: bool, pas: float) -> str:
    if proportion:
        decimales = 0 if float(pas).is_integer() else 1
        return f"{valeur:.{decimales}f}".replace(".", ",") + ESPACE + "%"
    return _milliers(round(valeur))


def graphique_svg(synthese: SyntheseIndicateur, date_extraction: dt.date) -> str | None:
    """Cumul de chaque période (année en cours en bleu, l'an dernier en gris, les autres pâles).

    Les fenêtres terminées sont reliées; la fenêtre partielle est une bande hachurée, un trait
    pointillé et un point creux étiqueté « en cours (partiel au ...) »; une fenêtre non
    produite (ou vide) interrompt la courbe et porte une marque « non produite ».
    """
    if not synthese.fenetres:
        return None
    granularite = synthese.fenetres[-1].granularite
    fenetres = [l for l in synthese.fenetres if l.granularite == granularite]
    if granularite == "annuelle":
        return None
    mois_debut = fenetres[-1].date_debut.month
    nb = 12 if granularite == "cumul_mensuel" else 4
    debuts: dict[str, dt.date] = {}
    for l in fenetres:
        debuts[l.periode] = min(debuts.get(l.periode, l.date_debut), l.date_debut)
    periodes = sorted(debuts, key=debuts.__getitem__)
    courante = synthese.periode_courante if synthese.periode_courante in debuts else periodes[-1]
    avant = [p for p in periodes if debuts[p] < debuts[courante]]
    precedente = avant[-1] if avant else None
    proportion = synthese.est_proportion
    echelle = 100.0 if proportion else 1.0
    valeurs = [l.valeur * echelle for l in fenetres if l.valeur is not None]
    if synthese.cible_courante is not None:
        valeurs.append(synthese.cible_courante * echelle)
    if not valeurs:
        return None
    if proportion:
        bas, haut, pas = _bornes_proportion(min(valeurs), max(valeurs))
    else:
        bas, haut, pas = _bornes_comptes(max(valeurs))
    largeur_totale, hauteur_totale = 780, 350
    gauche, droite, haut_marge, bas_marge = 78, 190, 40, 96
    largeur = largeur_totale - gauche - droite
    hauteur = hauteur_totale - haut_marge - bas_marge
    colonne = largeur / nb

    def x(rang: int) -> float:
        return gauche + (rang - 0.5) * colonne

    def y(valeur: float) -> float:
        return haut_marge + hauteur * (1 - (valeur * echelle - bas) / (haut - bas))

    sid = synthese.indicateur_id.replace(".", "")
    titre = f"{synthese.indicateur_id} — {synthese.nom_abrege} : cumul depuis le début de la période"
    morceaux: list[str] = [
        f'<svg class="graphique" role="img" '
        f'viewBox="0 0 {largeur_totale} {hauteur_totale}" width="{largeur_totale}" '
        f'height="{hauteur_totale}" aria-label="{_e(titre)}" font-family="Segoe UI, Arial, sans-serif" '
        f'font-size="12">',
        f"<title>{_e(titre)}</title>",
        f'<defs><pattern id="hachures-{sid}" width="8" height="8" patternUnits="userSpaceOnUse" '
        f'patternTransform="rotate(45)"><rect width="8" height="8" fill="#f3f6fb"/>'
        f'<line x1="0" y1="0" x2="0" y2="8" stroke="#9db4d6" stroke-width="3"/></pattern></defs>',
    ]
    # Bande hachurée de la fenêtre partielle (derrière tout le reste).
    partielle = synthese.fenetre_partielle
    if partielle is not None and partielle.granularite == granularite:
        r = rang_fenetre(partielle)
        morceaux.append(
            f'<rect class="fenetre-partielle" x="{x(r) - colonne / 2:.1f}" y="{haut_marge}" '
            f'width="{colonne:.1f}" height="{hauteur}" fill="url(#hachures-{sid})" opacity="0.8"/>'
        )
    # Grille et axe des valeurs.
    nb_pas = round((haut - bas) / pas)
    for i in range(nb_pas + 1):
        v = bas + i * pas
        py = haut_marge + hauteur * (1 - (v - bas) / (haut - bas))
        morceaux.append(
            f'<line x1="{gauche}" x2="{gauche + largeur}" y1="{py:.1f}" y2="{py:.1f}" '
            f'stroke="{"#555" if i == 0 else "#e3e3e3"}"/>'
            f'<text x="{gauche - 8}" y="{py + 4:.1f}" text-anchor="end" fill="#333">'
            f"{_e(_format_axe(v, proportion, pas))}</text>"
        )
    unite = _LIBELLES_UNITES.get(synthese.unite or "", "proportion" if proportion else "nombre")
    if proportion and bas > 0:
        unite += " (axe à partir de " + _format_axe(bas, True, pas) + ")"
    morceaux.append(
        f'<text transform="translate(16 {haut_marge + hauteur / 2:.0f}) rotate(-90)" '
        f'text-anchor="middle" fill="#333">{_e(unite)}</text>'
    )
    # Axe du temps : mois ou trimestres nommés.
    for r in range(1, nb + 1):
        morceaux.append(
            f'<text class="etiquette-axe" x="{x(r):.1f}" y="{haut_marge + hauteur + 18}" '
            f'text-anchor="middle" fill="#333">{_e(libelle_rang(r, granularite, mois_debut))}</text>'
        )
    # Cible annuelle de la période en cours.
    if synthese.cible_courante is not None:
        py = y(synthese.cible_courante)
        morceaux.append(
            f'<line class="cible" x1="{gauche}" x2="{gauche + largeur}" y1="{py:.1f}" y2="{py:.1f}" '
            f'stroke="#c0392b" stroke-width="1.5" stroke-dasharray="2 3"/>'
            f'<text x="{gauche + largeur + 8}" y="{py - 2:.1f}" fill="#c0392b">cible {_e(courante)}</text>'
            f'<text x="{gauche + largeur + 8}" y="{py + 13:.1f}" fill="#c0392b">'
            f"{_e(formater_nombre(synthese.cible_courante, proportion))}</text>"
        )
    styles = {courante: ("#1f5fa8", 2.6, 3.5), precedente: ("#6b6b6b", 1.8, 3.0)}
    trous: list[int] = []  # rangs déjà annotés (étiquettes empilées)
    marques: list[str] = []  # dessinées par-dessus les courbes
    for periode in periodes:
        couleur, epaisseur, rayon = styles.get(periode, ("#c4c4c4", 1.2, 2.0))
        propres = {rang_fenetre(l): l for l in fenetres if l.periode == periode}
        suite: list[tuple[float, float]] = []
        traits: list[list[tuple[float, float]]] = []
        for r in range(1, nb + 1):
            propre = propres.get(r)
            if (propre is not None and propre.valeur is not None and propre.est_produite is not False
                    and propre.periode_complete):
                suite.append((x(r), y(propre.valeur)))
            else:
                if suite:
                    traits.append(suite)
                suite = []
        if suite:
            traits.append(suite)
        classe = "courante" if periode == courante else ("precedente" if periode == precedente else "anterieure")
        for trait in traits:
            if len(trait) > 1:
                points = " ".join(f"{px:.1f},{py:.1f}" for px, py in trait)
                morceaux.append(
                    f'<polyline class="serie {classe}" points="{points}" fill="none" stroke="{couleur}" '
                    f'stroke-width="{epaisseur}"/>'
                )
            for px, py in trait:
                morceaux.append(f'<circle cx="{px:.1f}" cy="{py:.1f}" r="{rayon}" fill="{couleur}"/>')
        # Fenêtres non produites ou vides : un trou, marqué.
        for r, l in sorted(propres.items()):
            if l.est_produite is not False and l.valeur is not None:
                continue
            voisins = [valeur for v in (r - 1, r + 1)
                       if v in propres and (valeur := propres[v].valeur) is not None]
            py = y(sum(voisins) / len(voisins)) if voisins else haut_marge + hauteur / 2
            texte = "non produite" if l.est_produite is False else "vide"
            # Croix sur la courbe interrompue, reliée à l'explication en bas de la zone de tracé.
            ty = haut_marge + hauteur - 8 - 14 * trous.count(r)
            marques.append(
                f'<g class="trou"><line x1="{x(r):.1f}" y1="{py + 6:.1f}" x2="{x(r):.1f}" y2="{ty - 12:.1f}" '
                f'stroke="#888" stroke-dasharray="1 3"/><line x1="{x(r) - 5:.1f}" y1="{py - 5:.1f}" '
                f'x2="{x(r) + 5:.1f}" y2="{py + 5:.1f}" stroke="#444" stroke-width="1.6"/><line '
                f'x1="{x(r) - 5:.1f}" y1="{py + 5:.1f}" x2="{x(r) + 5:.1f}" y2="{py - 5:.1f}" stroke="#444" '
                f'stroke-width="1.6"/><text x="{x(r):.1f}" y="{ty:.1f}" text-anchor="middle" '
                f'font-style="italic" fill="#444">{_e(_rang_court(l))} : {texte}</text></g>'
            )
            trous.append(r)
    morceaux += marques
    # Fenêtre partielle : pointillé depuis la dernière fenêtre terminée, point creux, étiquette.
    if partielle is not None and partielle.granularite == granularite and partielle.valeur is not None:
        r = rang_fenetre(partielle)
        px, py = x(r), y(partielle.valeur)
        anterieure = next(
            (l for l in fenetres if l.periode == partielle.periode and rang_fenetre(l) == r - 1
             and l.valeur is not None and l.periode_complete), None)
        if anterieure is not None:
            assert anterieure.valeur is not None  # filtré ci-dessus (pour mypy)
            morceaux.append(
                f'<line class="partielle" x1="{x(r - 1):.1f}" y1="{y(anterieure.valeur):.1f}" '
                f'x2="{px:.1f}" y2="{py:.1f}" stroke="#1f5fa8" stroke-width="2" stroke-dasharray="5 4" '
                f'opacity="0.7"/>'
            )
        ancre, decalage = ("end", -9) if r == nb else ("start", 9)
        morceaux.append(
            f'<circle class="partielle" cx="{px:.1f}" cy="{py:.1f}" r="4.5" fill="#fff" stroke="#1f5fa8" '
            f'stroke-width="2"/>'
            f'<text class="partielle" x="{px + decalage:.1f}" y="{py + 4:.1f}" text-anchor="{ancre}" '
            f'fill="#1f5fa8" font-style="italic">{_e(formater_nombre(partielle.valeur, proportion))} — '
            f"{_e(libelle_partiel(date_extraction))}</text>"
        )
    # Valeurs comparées : dernière fenêtre complète et même fenêtre l'an dernier.
    complete, meme = synthese.fenetre_complete, synthese.meme_fenetre_an_passe
    if complete is not None and complete.valeur is not None and complete.granularite == granularite:
        px, py = x(rang_fenetre(complete)), y(complete.valeur)
        dessus = meme is None or meme.valeur is None or complete.valeur >= meme.valeur
        morceaux.append(
            f'<circle cx="{px:.1f}" cy="{py:.1f}" r="5.5" fill="none" stroke="#1f5fa8" stroke-width="1.5"/>'
            f'<text x="{px:.1f}" y="{py + (-11 if dessus else 21):.1f}" text-anchor="middle" '
            f'font-weight="bold" fill="#1f5fa8">{_e(formater_nombre(complete.valeur, proportion))}</text>'
        )
        if meme is not None and meme.valeur is not None:
            py2 = y(meme.valeur)
            morceaux.append(
                f'<text x="{px:.1f}" y="{py2 + (21 if dessus else -11):.1f}" text-anchor="middle" '
                f'fill="#555">{_e(formater_nombre(meme.valeur, proportion))}</text>'
            )
    # Légende.
    legende = [("ligne", "#1f5fa8", f"{courante} (fenêtres terminées)")]
    if partielle is not None and partielle.granularite == granularite:
        legende.append(("partiel", "#1f5fa8", libelle_partiel(date_extraction)))
    if precedente:
        legende.append(("ligne", "#6b6b6b", precedente))
    if len(avant) > 1:
        legende.append(("ligne", "#c4c4c4", f"{avant[0]} à {avant[-2]}" if len(avant) > 2 else avant[0]))
    if synthese.cible_courante is not None:
        legende.append(("cible", "#c0392b", f"cible {courante}"))
    lx: float = gauche
    ly = hauteur_totale - 42
    for genre, couleur, texte in legende:
        if lx + 27 + 6.2 * len(texte) > largeur_totale - 4:
            lx, ly = gauche, ly + 20
        if genre == "partiel":
            morceaux.append(
                f'<rect x="{lx}" y="{ly - 9}" width="22" height="12" fill="url(#hachures-{sid})"/>'
                f'<circle cx="{lx + 11}" cy="{ly - 3}" r="3.5" fill="#fff" stroke="{couleur}" stroke-width="2"/>'
            )
        else:
            tirets = ' stroke-dasharray="2 3"' if genre == "cible" else ""
            morceaux.append(
                f'<line x1="{lx}" x2="{lx + 22}" y1="{ly - 3}" y2="{ly - 3}" stroke="{couleur}" '
                f'stroke-width="2.5"{tirets}/>'
            )
        morceaux.append(f'<text x="{lx + 27}" y="{ly + 1}" fill="#333">{_e(texte)}</text>')
        lx += 27 + 6.2 * len(texte) + 18
    morceaux.append("</svg>")
    return "".join(morceaux)


# --- Rédaction : contenu commun aux deux formats ------------------------------------------

def _rang_court(ligne: LigneResultat) -> str:
    if ligne.granularite == "cumul_trimestriel":
        return f"T{rang_fenetre(ligne)} {ligne.periode}"
    if ligne.granularite == "cumul_mensuel":
        return f"{MOIS_LONGS[ligne.date_fin.month - 1]} {ligne.periode}"
    return ligne.periode


def _valeur(ligne: LigneResultat | None, proportion: bool) -> str:
    if ligne is None:
        return "—"
    if ligne.est_produite is False:
        return "non produite"
    if ligne.valeur is None:
        return "vide" + (" (dénominateur nul)" if ligne.denominateur == 0 else "")
    return formater_nombre(ligne.valeur, proportion)


@dataclass
class ChiffresIndicateur:
    """Les phrases affichées pour un indicateur (tableau de synthèse et fiche détaillée)."""

    fenetre: str
    valeur: str
    an_passe: str
    ecart: str
    cible: str
    avancement: str
    en_cours: str
    annee_terminee: str
    atteinte: bool | None
    notes: list[str]


def chiffres(s: SyntheseIndicateur, date_extraction: dt.date) -> ChiffresIndicateur:
    p = s.est_proportion
    c, m, partielle = s.fenetre_complete, s.meme_fenetre_an_passe, s.fenetre_partielle
    an_passe, ecart = "—", "—"
    if m is not None:
        an_passe = f"{_valeur(m, p)} au {date_longue(m.date_fin)}"
        if c is not None and c.valeur is not None and m.valeur is not None and m.est_produite is not False:
            ecart = formater_ecart(c.valeur - m.valeur, p)
            if not p and m.valeur:
                ecart += f" ({formater_variation((c.valeur - m.valeur) / m.valeur)})"
    elif c is not None:
        an_passe = "aucune fenêtre comparable l'an dernier"
    cible, avancement = "—", "—"
    cible_fenetre = c.cible if c is not None else None
    if cible_fenetre is not None and c is not None:
        cible = f"{formater_nombre(cible_fenetre, p)} ({c.periode})"
        if c.valeur is not None:
            avancement = (
                f"{formater_ecart(c.valeur - cible_fenetre, True)} par rapport à la cible" if p
                else f"{formater_nombre(c.valeur / cible_fenetre, True)} de la cible annuelle"
            )
    elif c is not None:
        cible = f"aucune cible pour {c.periode}"
    en_cours = "aucune : la dernière fenêtre publiée est terminée"
    if partielle is not None:
        fenetre = libelle_rang(rang_fenetre(partielle), partielle.granularite, partielle.date_debut.month)
        en_cours = f"{_valeur(partielle, p)} — {libelle_partiel(date_extraction)}, fenêtre {fenetre}"
    a = s.annee_terminee
    annee, atteinte = "—", None
    if a is not None:
        annee = f"{a.periode} : {_valeur(a, p)}"
        if a.cible is None:
            annee += " (pas de cible : année de référence)"
        else:
            atteinte = a.cible_atteinte
            verdict = {True: "cible atteinte", False: "cible non atteinte", None: "atteinte non établie"}[atteinte]
            annee += f" pour une cible de {formater_nombre(a.cible, p)} — {verdict}"
    notes: list[str] = []
    if partielle is not None:
        notes.append(
            f"La fenêtre {_rang_court(partielle)} n'est pas terminée : sa valeur est un cumul partiel au "
            f"{date_longue(date_extraction)}, tracée en pointillé sur fond hachuré; elle ne se compare pas à "
            f"une fenêtre terminée."
        )
    for l in s.non_produites:
        notes.append(
            f"{_rang_court(l)} (cumul au {date_longue(l.date_fin)}) : {NOTE_NON_PRODUITE}; la courbe {l.periode} est "
            f"interrompue à cet endroit."
        )
    vides = [l for l in s.fenetres if l.valeur is None and l.est_produite is not False]
    if vides:
        notes.append(
            "Valeur vide (rien à mesurer dans la fenêtre, jamais 0) : "
            + ", ".join(_rang_court(l) for l in vides) + "."
        )
    if c is not None and c.periode != s.periode_courante and s.periode_courante:
        notes.append(f"Aucune fenêtre de {s.periode_courante} n'est encore terminée.")
    return ChiffresIndicateur(
        fenetre=libelle_fenetre(c) if c is not None else "aucune fenêtre terminée",
        valeur=_valeur(c, p), an_passe=an_passe, ecart=ecart, cible=cible, avancement=avancement,
        en_cours=en_cours, annee_terminee=annee, atteinte=atteinte, notes=notes,
    )


_ORDRE_COMPTES = [("success", "construit", "construits"), ("pass", "test réussi", "tests réussis"),
                  ("warn", "avertissement", "avertissements"), ("fail", "test en échec", "tests en échec"),
                  ("error", "erreur", "erreurs"), ("skipped", "ignoré", "ignorés"),
                  ("no-op", "sans action (exposure)", "sans action (exposures)")]


def phrase_comptes(comptes: dict[str, int]) -> str:
    """« Bilan de la construction (dbt build) : 81 construits, 264 tests réussis, 1 avertissement. »"""
    connus = {statut for statut, _, _ in _ORDRE_COMPTES}
    morceaux = [
        f"{_milliers(comptes[statut])} {un if comptes[statut] < 2 else plusieurs}"
        for statut, un, plusieurs in _ORDRE_COMPTES if comptes.get(statut)
    ]
    morceaux += [f"{_milliers(n)} {s}" for s, n in sorted(comptes.items()) if s not in connus and n]
    return "Bilan de la construction (dbt build) : " + ", ".join(morceaux) + "."


def _message_validation(message: str) -> str:
    """Retire le nom technique de l'attente Great Expectations (« [expect_...] »)."""
    return re.sub(r"\s*\[expect_[a-z_]+\]", "", message)


def _lignes_quarantaine(q: Quarantaine) -> list[tuple[str, int]]:
    return [(libelle_motif(m), n) for m, n in q.motifs]


def _fenetre_revision(r: dict[str, Any]) -> str:
    ligne = LigneResultat(r["indicateur_id"], "", r["periode"], r["granularite"],
                          r.get("date_debut") or r["date_fin"], r["date_fin"],
                          None, None, None, None, None, None, None)
    if ligne.granularite != "annuelle" and r.get("date_debut") is None:
        return f"{r['periode']}, cumul au {date_longue(r['date_fin'])}"
    return f"{r['periode']}, {libelle_fenetre(ligne)}"


def _lignes_revisions(contenu: ContenuRapport) -> list[list[str]]:
    proportions = {s.indicateur_id for s in contenu.indicateurs if s.est_proportion}
    lignes = []
    for r in contenu.revisions:
        p = r["indicateur_id"] in proportions
        publiee = r["date_publication_precedente"]
        lignes.append([
            r["indicateur_id"], _fenetre_revision(r),
            formater_nombre(r["ancienne_valeur"], p), formater_nombre(r["nouvelle_valeur"], p),
            f"{formater_nombre(r['ancien_numerateur'])} → {formater_nombre(r['nouveau_numerateur'])}",
            f"{formater_nombre(r['ancien_denominateur'])} → {formater_nombre(r['nouveau_denominateur'])}",
            date_longue(publiee) if isinstance(publiee, dt.date) else str(publiee or "—"),
        ])
    return lignes


_ENTETES_SYNTHESE = ["Indicateur", "Dernière fenêtre complète", "Valeur", "Même fenêtre l'an dernier",
                     "Écart", "Cible annuelle", "Avancement", "Fenêtre en cours (partielle)",
                     "Dernière année terminée"]
_ENTETES_REVISIONS = ["Indicateur", "Fenêtre", "Ancienne valeur", "Nouvelle valeur", "Numérateur",
                      "Dénominateur", "Publiée le"]


def _phrase_revisions(contenu: ContenuRapport) -> str:
    if contenu.nb_revisions_total is None:
        return "Révisions non disponibles (modèle non construit)."
    total = compter(contenu.nb_revisions_total, "révision")
    if contenu.revisions:
        return f"{compter(len(contenu.revisions), 'révision')} cette nuit ({total} depuis le début de l'historique) :"
    return f"Aucune révision cette nuit ({total} depuis le début de l'historique)."


def _etat(contenu: ContenuRapport) -> str:
    if contenu.publie:
        return "nuit publiée"
    etape = f" à l'étape « {contenu.etape_echec} »" if contenu.etape_echec else ""
    return f"nuit en échec{etape} — rien n'a été publié"


def _phrase_sans_tests(contenu: ContenuRapport) -> str:
    """Section des tests quand dbt build n'a pas tourné (ou sans bilan) : jamais « tous passés »."""
    if contenu.etape_echec:
        return (f"Tests non exécutés : la nuit s'est arrêtée à l'étape « {contenu.etape_echec} », "
                "avant la fin de la construction dbt.")
    return "Tests non exécutés (bilan de dbt build indisponible)."


def _validation_publiee(validation: Validation) -> tuple[str, list[tuple[str, str, str]]]:
    """Validation d'une nuit publiée : une phrase et (fichier, règle, lignes en défaut).

    Seuls les noms de fichiers, les règles (textes du contrat) et les comptes sont gardés : ni
    exemples de valeurs, ni numéros de lignes (le détail reste dans l'espace de travail).
    """
    regles: list[tuple[str, str, str]] = []
    for message in validation.avertissements:
        texte = re.sub(r"\s*\[expect_[a-z_]+\]", "", message)
        fichier, _, reste = texte.partition(" : ")
        if not reste:
            fichier, reste = "—", texte
        reste = reste.removeprefix("défaut toléré — ")
        compte = "—"
        if " — " in reste:  # « règle — constat » : la règle est un texte du contrat (suites GX)
            regle, _, constat = reste.partition(" — ")
            trouve = re.match(r"(\d+) (?:valeur|ligne)\S* .*?\bsur (\d+)", constat)
            if trouve:
                compte = f"{formater_nombre(int(trouve.group(1)))} sur {formater_nombre(int(trouve.group(2)))}"
        else:  # message de lecture : coupé avant tout détail (« ; ... », « (lignes ...) »)
            regle = re.split(r";|\(lignes?\b|\blignes? n°", reste)[0].rstrip(".")
        regles.append((fichier.strip(), regle.strip() or "avertissement", compte))
    phrase = ("Extraits conformes" if validation.succes else "Extraits non conformes") + (
        f" : {compter(len(validation.avertissements), 'avertissement')} de validation (défauts tolérés : "
        "lignes mises en quarantaine ou signalées), par extrait et par règle. Le détail (exemples de "
        "valeurs, Data Docs) reste dans l'espace de travail, d'accès restreint."
        if validation.avertissements else "."
    )
    return phrase, sorted(regles)


# --- Rédaction HTML ---------------------------------------------------------------------

_CSS = """
body{font-family:"Segoe UI",Arial,sans-serif;color:#1d1d1d;margin:0;background:#f6f7f9;line-height:1.4}
main{max-width:1220px;margin:0 auto;padding:20px 28px 40px;background:#fff}
h1{font-size:1.6em;margin:0 0 6px}h2{font-size:1.3em;border-bottom:2px solid #1f5fa8;padding-bottom:3px;margin-top:34px}
h3{font-size:1.1em;margin:0 0 2px}
.etat{display:inline-block;padding:4px 12px;border-radius:4px;font-weight:bold}
.publie{background:#e3f2e6;color:#1b5e20}.echec{background:#fde4e1;color:#8e1b10}
table{border-collapse:collapse;width:100%;font-size:.9em;margin:8px 0}
th,td{border:1px solid #d6d9de;padding:5px 7px;vertical-align:top;text-align:left}
th{background:#eef2f7}td.nombre{text-align:right;white-space:nowrap}
.partiel{font-style:italic;color:#1f5fa8;background:repeating-linear-gradient(45deg,#f3f6fb,#f3f6fb 5px,#dfe8f5 5px,#dfe8f5 9px)}
.atteinte{color:#1b5e20;font-weight:bold}.non-atteinte{color:#8e1b10;font-weight:bold}
.indicateur{border:1px solid #d6d9de;border-radius:6px;padding:14px 16px;margin:16px 0;display:flex;flex-wrap:wrap;gap:18px}
.indicateur .texte{flex:1 1 330px;min-width:300px}.indicateur .nom-complet{color:#555;font-size:.9em;margin:0 0 10px}
.indicateur dl{margin:0;display:grid;grid-template-columns:auto 1fr;gap:4px 10px;font-size:.92em}
.indicateur dt{color:#555}.indicateur dd{margin:0}.grand{font-size:1.5em;font-weight:bold;color:#1f5fa8}
.notes{font-size:.85em;color:#444;margin:10px 0 0;padding-left:18px}
svg.graphique{max-width:100%;height:auto}
.gravite-erreur{color:#8e1b10;font-weight:bold}.gravite-avertissement{color:#8a5a00;font-weight:bold}
details{margin:6px 0}summary{cursor:pointer}
.discret{color:#555;font-size:.9em}
"""  # noqa: E501 — feuille de style recopiée telle quelle dans la page


def _li(elements: Iterable[str]) -> str:
    return "<ul>" + "".join(f"<li>{_e(x)}</li>" for x in elements) + "</ul>"


def _table_html(
    entetes: Sequence[str], lignes: Iterable[Sequence[str]], nombres: AbstractSet[int] = frozenset()
) -> str:
    corps = "".join(
        "<tr>" + "".join(
            f'<td class="nombre">{_e(c)}</td>' if i in nombres else f"<td>{_e(c)}</td>"
            for i, c in enumerate(ligne)
        ) + "</tr>"
        for ligne in lignes
    )
    return (
        "<table><thead><tr>"
        + "".join(f"<th>{_e(h)}</th>" for h in entetes)
        + f"</tr></thead><tbody>{corps}</tbody></table>"
    )


def rediger_html(contenu: ContenuRapport, dossier: Path) -> Path:
    """Écrit ``dossier/rapport.html`` : page autonome (CSS et SVG en ligne, aucune ressource externe)."""
    date = contenu.date
    p: list[str] = [
        '<!DOCTYPE html>\n<html lang="fr">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>Rapport de la nuit — extraits du {_e(date_longue(date))}</title>\n"
        f"<style>{_CSS}</style>\n</head>\n<body>\n<main>\n",
        f"<h1>Rapport de la nuit — extraits du {_e(date_longue(date))}</h1>",
        f'<p><span class="etat {"publie" if contenu.publie else "echec"}">État : {_e(_etat(contenu))}.</span></p>',
    ]
    if contenu.comptes_dbt:
        p.append(f"<p>{_e(phrase_comptes(contenu.comptes_dbt))}</p>")
    if contenu.erreurs_nuit:
        p.append("<h2>Ce qui a échoué</h2>" + _li(contenu.erreurs_nuit))
    if contenu.avertissements_nuit:
        p.append("<h2>Avertissements de la nuit</h2>" + _li(contenu.avertissements_nuit))

    p.append("<h2>Indicateurs en un coup d'œil</h2>")
    if not contenu.indicateurs:
        p.append("<p>Aucun résultat d'indicateur dans marts.fct_resultats_indicateurs.</p>")
    else:
        p.append(
            f'<p class="discret">Valeurs en date du {_e(date_longue(date))}. La dernière fenêtre complète est '
            f"comparée à la même fenêtre l'an dernier et à la cible annuelle; la fenêtre en cours n'est qu'un "
            f"cumul partiel.</p>"
        )
        lignes = []
        for s in contenu.indicateurs:
            ch = chiffres(s, date)
            lignes.append((s, ch))
        corps = []
        for s, ch in lignes:
            classe = {True: "atteinte", False: "non-atteinte"}.get(ch.atteinte, "")  # type: ignore[arg-type]
            corps.append(
                "<tr>"
                f"<td><b>{_e(s.indicateur_id)}</b> {_e(s.nom_abrege)}</td><td>{_e(ch.fenetre)}</td>"
                f'<td class="nombre"><b>{_e(ch.valeur)}</b></td><td>{_e(ch.an_passe)}</td>'
                f'<td class="nombre">{_e(ch.ecart)}</td><td>{_e(ch.cible)}</td><td>{_e(ch.avancement)}</td>'
                f'<td class="{"partiel" if s.fenetre_partielle else ""}">{_e(ch.en_cours)}</td>'
                f'<td class="{classe}">{_e(ch.annee_terminee)}</td></tr>'
            )
        p.append("<table><thead><tr>" + "".join(f"<th>{_e(h)}</th>" for h in _ENTETES_SYNTHESE)
                 + "</tr></thead><tbody>" + "".join(corps) + "</tbody></table>")
        for s, ch in lignes:
            classe = {True: "atteinte", False: "non-atteinte"}.get(ch.atteinte, "")  # type: ignore[arg-type]
            p.append(
                f'<section class="indicateur" id="indicateur-{_e(s.indicateur_id)}"><div class="texte">'
                f"<h3>{_e(s.indicateur_id)} — {_e(s.nom_abrege)}</h3>"
                + (f'<p class="nom-complet">{_e(s.nom_complet)}</p>' if s.nom_complet else "")
                + f'<dl><dt>Dernière fenêtre complète</dt><dd>{_e(ch.fenetre)}<br><span class="grand">'
                f"{_e(ch.valeur)}</span></dd>"
                f"<dt>Même fenêtre l'an dernier</dt><dd>{_e(ch.an_passe)}</dd>"
                f"<dt>Écart</dt><dd>{_e(ch.ecart)}</dd>"
                f"<dt>Cible annuelle</dt><dd>{_e(ch.cible)}<br>{_e(ch.avancement)}</dd>"
                f'<dt>Fenêtre en cours</dt><dd class="{"partiel" if s.fenetre_partielle else ""}">'
                f"{_e(ch.en_cours)}</dd>"
                f'<dt>Dernière année terminée</dt><dd class="{classe}">{_e(ch.annee_terminee)}</dd></dl>'
                + (f'<ul class="notes">{"".join(f"<li>{_e(n)}</li>" for n in ch.notes)}</ul>' if ch.notes else "")
                + f'</div><div class="figure">{s.graphique_svg or ""}</div></section>'
            )

    p.append("<h2>Tests en échec ou en avertissement</h2>")
    if contenu.tests:
        nb_erreurs = sum(t.est_erreur for t in contenu.tests)
        phrase_erreurs = (
            f"{compter(nb_erreurs, 'erreur ou échec', 'erreurs ou échecs')}" if nb_erreurs else "Aucune erreur"
        )
        p.append(f"<p>{_e(phrase_erreurs)}, {_e(compter(len(contenu.tests) - nb_erreurs, 'avertissement'))}.</p>")
        corps_tests = "".join(
            f'<tr><td class="gravite-{"erreur" if t.est_erreur else "avertissement"}">{_e(t.gravite)}</td>'
            f"<td>{_e(t.libelle)}</td><td>{_e(t.constat)}</td>"
            f"<td>{_li(t.details) if t.details else '—'}</td></tr>"
            for t in trier_tests(contenu.tests)
        )
        p.append("<table><thead><tr><th>Gravité</th><th>Contrôle</th><th>Constat</th><th>Détail</th></tr>"
                 f"</thead><tbody>{corps_tests}</tbody></table>")
    elif contenu.tests_executes:
        p.append("<p>Aucun : tous les tests sont passés.</p>")
    else:
        p.append(f"<p><b>{_e(_phrase_sans_tests(contenu))}</b></p>")

    p.append("<h2>Lignes en quarantaine par extrait</h2>")
    if contenu.quarantaines:
        avec = [q for q in contenu.quarantaines if q.motifs]
        sans = [q for q in contenu.quarantaines if not q.motifs]
        corps = []
        for q in avec:
            motifs = _lignes_quarantaine(q)
            for i, (motif, nombre) in enumerate(motifs):
                tete = ""
                if i == 0:
                    span = f' rowspan="{len(motifs)}"' if len(motifs) > 1 else ""
                    doublons = "—" if q.nb_doublons is None else formater_nombre(q.nb_doublons)
                    tete = (f"<td{span}>{_e(q.fichier)}</td><td{span} class=\"nombre\">"
                            f"{_e(formater_nombre(q.nb_lignes))}</td><td{span} class=\"nombre\">{_e(doublons)}</td>")
                corps.append(
                    f'<tr>{tete}<td>{_e(motif)}</td><td class="nombre">{_e(compter(nombre, "ligne"))}</td></tr>'
                )
        if corps:
            p.append("<table><thead><tr><th>Extrait</th><th>Lignes lues</th><th>Doublons exacts</th>"
                     "<th>Motif de mise en quarantaine</th><th>Lignes en quarantaine</th></tr></thead>"
                     f"<tbody>{''.join(corps)}</tbody></table>")
        if sans:
            p.append(f"<p>Aucune ligne en quarantaine : {_e(', '.join(q.fichier for q in sans))}.</p>")
    else:
        p.append("<p>Aucun extrait lu (modèles de base non construits).</p>")

    p.append("<h2>Révisions de valeurs déjà publiées</h2>")
    p.append(f"<p>{_e(_phrase_revisions(contenu))}</p>")
    if contenu.revisions:
        p.append(_table_html(_ENTETES_REVISIONS, _lignes_revisions(contenu), {2, 3}))

    p.append("<h2>Validation des extraits</h2>")
    validation = contenu.validation
    if validation is None:
        p.append("<p>Validation non exécutée.</p>")
    elif contenu.publie:
        phrase, regles = _validation_publiee(validation)
        p.append(f"<p>{_e(phrase)}</p>")
        if regles:
            p.append(_table_html(["Extrait", "Règle", "Lignes en défaut"],
                                 [list(regle) for regle in regles], {2}))
    else:
        p.append("<p>Extraits conformes.</p>" if validation.succes else "<p><b>Extraits non conformes.</b></p>")
        if contenu.lien_data_docs:
            liens = f'<a href="{_e(contenu.lien_data_docs)}">Data Docs de la validation (Great Expectations)</a>'
            synthese = Path(contenu.lien_data_docs).parent.parent / "synthese_validation.html"
            if (dossier / synthese).is_file():
                liens += f' — <a href="{_e(synthese.as_posix())}">synthèse de la validation</a>'
            p.append(f"<p>{liens}</p>")
        if validation.erreurs:
            p.append("<p>Erreurs :</p>" + _li(_message_validation(e) for e in validation.erreurs))
        if validation.avertissements:
            p.append(f"<details><summary>{_e(compter(len(validation.avertissements), 'avertissement'))} de "
                     f"validation (défauts tolérés)</summary>"
                     + _li(_message_validation(a) for a in validation.avertissements) + "</details>")
    if contenu.sections_indisponibles:
        p.append("<h2>Sections incomplètes</h2>" + _li(contenu.sections_indisponibles))
    p.append('<p class="discret">Version Markdown : rapport.md (même contenu).</p>')
    p.append("\n</main>\n</body>\n</html>\n")
    chemin = dossier / "rapport.html"
    chemin.write_text("".join(p), encoding="utf-8")
    return chemin


# --- Rédaction Markdown (même contenu) --------------------------------------------------

def rediger(contenu: ContenuRapport, dossier: Path) -> Path:
    """Écrit ``dossier/rapport.md`` (les graphiques SVG y sont déjà), qui renvoie à la page HTML."""
    date = contenu.date
    lignes: list[str] = [
        f"# Rapport de la nuit — extraits du {date_longue(date)}", "",
        "Version lisible, à ouvrir d'un double-clic : [rapport.html](rapport.html) (page autonome, même contenu).",
        "", f"**État : {_etat(contenu)}.**", "",
    ]
    if contenu.comptes_dbt:
        lignes += [phrase_comptes(contenu.comptes_dbt), ""]
    if contenu.erreurs_nuit:
        lignes += ["## Ce qui a échoué", ""] + [f"- {_cellule(e)}" for e in contenu.erreurs_nuit] + [""]
    if contenu.avertissements_nuit:
        lignes += ["## Avertissements de la nuit", ""]
        lignes += [f"- {_cellule(a)}" for a in contenu.avertissements_nuit] + [""]

    lignes += ["## Indicateurs en un coup d'œil", ""]
    if not contenu.indicateurs:
        lignes += ["Aucun résultat d'indicateur dans `marts.fct_resultats_indicateurs`.", ""]
    else:
        tous = [(s, chiffres(s, date)) for s in contenu.indicateurs]
        lignes += _tableau(
            _ENTETES_SYNTHESE,
            [[f"{s.indicateur_id} {s.nom_abrege}", ch.fenetre, ch.valeur, ch.an_passe, ch.ecart, ch.cible,
              ch.avancement, ch.en_cours, ch.annee_terminee] for s, ch in tous],
        )
        lignes.append("")
        for s, ch in tous:
            lignes += [f"### {s.indicateur_id} — {s.nom_abrege}", ""]
            if s.nom_complet:
                lignes += [f"*{s.nom_complet}*", ""]
            lignes += [
                f"- Dernière fenêtre complète : {ch.fenetre} — **{ch.valeur}**",
                f"- Même fenêtre l'an dernier : {ch.an_passe}; écart : {ch.ecart}",
                f"- Cible annuelle : {ch.cible}; {ch.avancement}",
                f"- Fenêtre en cours : {ch.en_cours}",
                f"- Dernière année terminée : {ch.annee_terminee}",
            ]
            lignes += [f"- Note : {n}" for n in ch.notes] + [""]
            if s.fichier_graphique:
                lignes += [f"![{s.indicateur_id} : cumul de chaque période]({s.fichier_graphique})", ""]

    lignes += ["## Tests en échec ou en avertissement", ""]
    if contenu.tests:
        lignes += _tableau(
            ["Gravité", "Contrôle", "Constat", "Détail"],
            [[t.gravite, t.libelle, t.constat, " / ".join(t.details) or "—"] for t in trier_tests(contenu.tests)],
        )
    elif contenu.tests_executes:
        lignes.append("Aucun : tous les tests sont passés.")
    else:
        lignes.append(f"**{_phrase_sans_tests(contenu)}**")
    lignes.append("")

    lignes += ["## Lignes en quarantaine par extrait", ""]
    if contenu.quarantaines:
        avec = [q for q in contenu.quarantaines if q.motifs]
        sans = [q for q in contenu.quarantaines if not q.motifs]
        if avec:
            lignes += _tableau(
                ["Extrait", "Lignes lues", "Doublons exacts", "Motif de mise en quarantaine", "Lignes en quarantaine"],
                [[q.fichier, formater_nombre(q.nb_lignes),
                  "—" if q.nb_doublons is None else formater_nombre(q.nb_doublons), motif, compter(nombre, "ligne")]
                 for q in avec for motif, nombre in _lignes_quarantaine(q)],
            )
        if sans:
            lignes += ["", f"Aucune ligne en quarantaine : {', '.join(q.fichier for q in sans)}."]
    else:
        lignes.append("Aucun extrait lu (modèles de base non construits).")
    lignes.append("")

    lignes += ["## Révisions de valeurs déjà publiées", "", _phrase_revisions(contenu)]
    if contenu.revisions:
        lignes += ["", *_tableau(_ENTETES_REVISIONS, _lignes_revisions(contenu))]
    lignes.append("")

    lignes += ["## Validation des extraits", ""]
    validation = contenu.validation
    if validation is None:
        lignes.append("Validation non exécutée.")
    elif contenu.publie:
        phrase, regles = _validation_publiee(validation)
        lignes.append(phrase)
        if regles:
            lignes += ["", *_tableau(["Extrait", "Règle", "Lignes en défaut"], [list(regle) for regle in regles])]
    else:
        lignes.append("Extraits conformes." if validation.succes else "Extraits **non conformes**.")
        if contenu.lien_data_docs:
            lignes += ["", f"[Data Docs de la validation (Great Expectations)]({contenu.lien_data_docs})"]
            synthese = Path(contenu.lien_data_docs).parent.parent / "synthese_validation.html"
            if (dossier / synthese).is_file():
                lignes.append(f" — [synthèse de la validation]({synthese.as_posix()})")
            lignes.append("")
        lignes += [f"- Erreur : {_cellule(_message_validation(e))}" for e in validation.erreurs]
        lignes += [f"- Avertissement : {_cellule(_message_validation(a))}" for a in validation.avertissements]
    lignes.append("")
    if contenu.sections_indisponibles:
        lignes += ["## Sections incomplètes", ""]
        lignes += [f"- {_cellule(s)}" for s in contenu.sections_indisponibles] + [""]

    chemin = dossier / "rapport.md"
    chemin.write_text("\n".join(lignes), encoding="utf-8")
    return chemin


def produire_rapport(
    dossier: Path,
    *,
    date_extraction: str,
    publie: bool,
    connexion: Any | None,
    catalogue: str,
    manifeste: dict[str, Any],
    bilan: Any | None = None,
    validation: Validation | None = None,
    lien_data_docs: str | None = None,
    erreurs_nuit: list[str] | None = None,
    avertissements_nuit: list[str] | None = None,
    etape_echec: str | None = None,
) -> Path:
    """Rassemble le contenu, trace les graphiques, écrit ``rapport.html`` et ``rapport.md``.

    Rend le chemin de ``rapport.html`` (la page à ouvrir). ``bilan`` :
    ``mifi.nuit.execution_dbt.BilanDbt`` (ou None si dbt n'a pas tourné). Chaque section qui ne
    peut être calculée (relation absente après un échec) est signalée plutôt que de faire
    échouer le rapport.
    """
    dossier.mkdir(parents=True, exist_ok=True)
    contenu = ContenuRapport(
        date_extraction=date_extraction,
        publie=publie,
        erreurs_nuit=list(erreurs_nuit or []),
        avertissements_nuit=list(avertissements_nuit or []),
        validation=validation,
        lien_data_docs=None if publie else lien_data_docs,
        etape_echec=None if publie else etape_echec,
    )
    if bilan is not None:
        contenu.tests_executes = bool(getattr(bilan, "resultats_trouves", True))
        contenu.comptes_dbt = bilan.comptes()
        contenu.tests = [traduire_noeud(n, manifeste, avec_valeurs=not publie)
                         for n in bilan.bloquants + bilan.avertissements]
    if connexion is not None:
        sections: tuple[tuple[str, Callable[[], object]], ...] = (
            ("indicateurs", lambda: setattr(contenu, "indicateurs",
                                            collecter_indicateurs(connexion, catalogue, date_extraction))),
            ("quarantaine", lambda: setattr(contenu, "quarantaines",
                                            collecter_quarantaines(connexion, catalogue, manifeste))),
            ("révisions", lambda: _revisions(contenu, connexion, catalogue, date_extraction)),
        )
        for nom_section, action in sections:
            try:
                action()
            except Exception as erreur:  # noqa: BLE001 — section signalée, rapport produit
                contenu.sections_indisponibles.append(f"Section {nom_section} : {erreur}")
    for synthese in contenu.indicateurs:
        svg = graphique_svg(synthese, contenu.date)
        if svg:
            synthese.graphique_svg = svg
            synthese.fichier_graphique = f"indicateur_{synthese.indicateur_id.replace('.', '')}.svg"
            autonome = svg.replace("<svg ", '<svg xmlns="http://www.w3.org/2000/svg" ', 1)
            (dossier / synthese.fichier_graphique).write_text(autonome, encoding="utf-8")
    rediger(contenu, dossier)
    return rediger_html(contenu, dossier)


def _revisions(contenu: ContenuRapport, connexion: Any, catalogue: str, date_extraction: str) -> None:
    contenu.revisions, contenu.nb_revisions_total = collecter_revisions(connexion, catalogue, date_extraction)
