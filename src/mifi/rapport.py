"""Rapport de la nuit (Markdown et graphiques PNG), en français.

Contenu : pour chaque indicateur, la dernière valeur et la cible, et la courbe du cumul de la
période en cours comparée à la période précédente; les tests en avertissement ou en échec;
les lignes en quarantaine de chaque extrait (modèles ``base_`` trouvés dans le manifeste, par
motif); les révisions détectées; le lien vers les Data Docs de la validation des extraits.

Le rapport se lit dans l'entrepôt de travail de la nuit (connexion DuckDB ouverte par
l'appelant, catalogue donné) : il décrit ce qui est publié, ou ce qui a échoué.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Protocol, Sequence

MOIS = ["janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.",
        "nov.", "déc."]
# Libellé de l'axe des valeurs selon l'unité de dim_indicateurs (1.1.1 compte des DI).
_LIBELLES_UNITES = {"personnes": "personnes", "declarations": "déclarations d'intérêt", "proportion": "proportion"}


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
    indicateur_id: str
    nom_abrege: str
    est_proportion: bool
    periode_courante: str | None
    derniere: LigneResultat | None
    derniere_annee_terminee: LigneResultat | None
    courbe_courante: list[LigneResultat] = field(default_factory=list)
    periode_precedente: str | None = None
    courbe_precedente: list[LigneResultat] = field(default_factory=list)
    graphique: str | None = None
    unite: str | None = None


@dataclass
class Quarantaine:
    modele: str
    fichier: str
    nb_lignes: int
    nb_doublons: int | None
    motifs: list[tuple[str, int]]


@dataclass
class TestSignale:
    statut: str
    libelle: str
    chemin: str
    message: str
    details: list[str]


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


# --- Mise en forme des nombres ----------------------------------------------------------

def formater_nombre(valeur: float | None, proportion: bool = False) -> str:
    if valeur is None:
        return "—"
    if proportion:
        return f"{valeur * 100:.1f}".replace(".", ",") + "\u00a0%"
    if float(valeur).is_integer():
        return f"{int(valeur):,}".replace(",", "\u00a0")
    return f"{valeur:,.2f}".replace(",", "\u00a0").replace(".", ",")


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


def collecter_indicateurs(connexion: Any, catalogue: str, date_extraction: str) -> list[SyntheseIndicateur]:
    """Dernière valeur, dernière année terminée et courbes de cumul, par indicateur."""
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
    unites: dict[str, str] = {}
    if _relation_existe(connexion, catalogue, "marts", "dim_indicateurs"):
        unites = dict(connexion.execute(
            f"select indicateur_id, unite from {_q(catalogue)}.marts.dim_indicateurs"
        ).fetchall())
    date_ref = dt.date.fromisoformat(date_extraction)
    syntheses: list[SyntheseIndicateur] = []
    for indicateur_id in sorted({ligne.indicateur_id for ligne in lignes}):
        propres = [ligne for ligne in lignes if ligne.indicateur_id == indicateur_id]
        annuelles = sorted((l for l in propres if l.granularite == "annuelle"), key=lambda l: l.date_debut)
        commencees = [l for l in annuelles if l.date_debut <= date_ref]
        courante = commencees[-1] if commencees else (annuelles[-1] if annuelles else None)
        precedente = None
        if courante is not None:
            avant = [l for l in annuelles if l.date_debut < courante.date_debut]
            precedente = avant[-1] if avant else None
        terminees = [l for l in annuelles if l.periode_complete and l.est_produite is not False]

        def cumuls(periode: str | None) -> list[LigneResultat]:
            if periode is None:
                return []
            return sorted(
                (l for l in propres if l.periode == periode and l.granularite != "annuelle"),
                key=lambda l: l.date_fin,
            )

        courbe = cumuls(courante.periode if courante else None)
        avec_valeur = [l for l in courbe if l.valeur is not None]
        derniere = avec_valeur[-1] if avec_valeur else (courbe[-1] if courbe else courante)
        syntheses.append(
            SyntheseIndicateur(
                indicateur_id=indicateur_id,
                nom_abrege=propres[0].nom_abrege or "",
                est_proportion=unites.get(indicateur_id) == "proportion",
                periode_courante=courante.periode if courante else None,
                derniere=derniere,
                derniere_annee_terminee=terminees[-1] if terminees else None,
                courbe_courante=courbe,
                periode_precedente=precedente.periode if precedente else None,
                courbe_precedente=cumuls(precedente.periode if precedente else None),
                unite=unites.get(indicateur_id),
            )
        )
    return syntheses


def collecter_quarantaines(connexion: Any, catalogue: str, manifeste: dict[str, Any]) -> list[Quarantaine]:
    """Lignes en quarantaine de chaque modèle base_ du manifeste, par motif."""
    noeuds = manifeste.get("nodes", {})
    fichiers: dict[str, str] = {}
    for noeud in noeuds.values():
        meta = noeud.get("test_metadata") or {}
        fichier = (meta.get("kwargs") or {}).get("fichier")
        if noeud.get("resource_type") == "test" and fichier and noeud.get("attached_node"):
            if meta.get("name") == "quarantaine_sous_seuil" or noeud["attached_node"] not in fichiers:
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
        f"select indicateur_id, periode, granularite, date_fin, ancienne_valeur, nouvelle_valeur, "
        f"ancien_numerateur, nouveau_numerateur, ancien_denominateur, nouveau_denominateur, "
        f"date_publication_precedente from {relation} "
        f"where date_revision = cast(? as date) order by indicateur_id, date_fin, granularite",
        [date_extraction],
    )
    noms = [d[0] for d in curseur.description]
    revisions = [dict(zip(noms, ligne)) for ligne in curseur.fetchall()]
    total = connexion.execute(f"select count(*) from {relation}").fetchone()[0]
    return revisions, int(total)


# --- Graphiques -------------------------------------------------------------------------

def _rang(ligne: LigneResultat) -> int:
    """Rang de la fenêtre cumulée dans l'année : mois (1-12) ou trimestre (1-4)."""
    mois = (ligne.date_fin.year - ligne.date_debut.year) * 12 + ligne.date_fin.month - ligne.date_debut.month + 1
    return mois if ligne.granularite == "cumul_mensuel" else (mois + 2) // 3


def _etiquettes(courbe: list[LigneResultat]) -> tuple[list[int], list[str]]:
    if not courbe:
        return [], []
    debut = courbe[0].date_debut
    if courbe[0].granularite == "cumul_mensuel":
        rangs = list(range(1, 13))
        return rangs, [MOIS[(debut.month - 1 + r - 1) % 12] for r in rangs]
    return [1, 2, 3, 4], ["T1", "T2", "T3", "T4"]


def tracer_indicateur(synthese: SyntheseIndicateur, chemin: Path) -> None:
    """Courbe du cumul de la période en cours et de la précédente, avec la cible."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib.ticker import FuncFormatter

    figure, axe = plt.subplots(figsize=(7.5, 4.2), dpi=100)
    echelle = 100.0 if synthese.est_proportion else 1.0
    for courbe, periode, style in (
        (synthese.courbe_precedente, synthese.periode_precedente, {"linestyle": "--", "color": "#8c8c8c"}),
        (synthese.courbe_courante, synthese.periode_courante, {"linestyle": "-", "color": "#1f5fa8"}),
    ):
        points = [(_rang(l), l.valeur * echelle) for l in courbe if l.valeur is not None]
        if points:
            axe.plot([p[0] for p in points], [p[1] for p in points], marker="o", label=periode, **style)
    cibles = [l.cible for l in synthese.courbe_courante if l.cible is not None]
    if cibles:
        axe.axhline(cibles[-1] * echelle, color="#c0392b", linestyle=":",
                    label=f"cible {synthese.periode_courante}")
    rangs, etiquettes = _etiquettes(synthese.courbe_courante or synthese.courbe_precedente)
    if rangs:
        axe.set_xticks(rangs)
        axe.set_xticklabels(etiquettes)
    if synthese.est_proportion:
        axe.yaxis.set_major_formatter(FuncFormatter(lambda v, _: f"{v:.0f} %"))
    else:
        axe.yaxis.set_major_formatter(FuncFormatter(lambda v, _: f"{v:,.0f}".replace(",", "\u00a0")))
    axe.set_title(f"{synthese.indicateur_id} — {synthese.nom_abrege} : cumul depuis le début de l'année")
    axe.set_ylabel(_LIBELLES_UNITES.get(synthese.unite or "", "proportion" if synthese.est_proportion else "personnes"))
    axe.grid(True, alpha=0.3)
    if axe.get_legend_handles_labels()[0]:
        axe.legend(loc="best")
    figure.tight_layout()
    figure.savefig(chemin, metadata={"Software": None})
    plt.close(figure)


def tracer_cibles(syntheses: list[SyntheseIndicateur], chemin: Path) -> bool:
    """Barres : dernière valeur de l'année en cours en pourcentage de sa cible annuelle."""
    points = [
        (f"{s.indicateur_id} {s.nom_abrege}", s.derniere.valeur / s.derniere.cible * 100)
        for s in syntheses
        if s.derniere and s.derniere.valeur is not None and s.derniere.cible
    ]
    if not points:
        return False
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    figure, axe = plt.subplots(figsize=(7.5, 0.6 * len(points) + 1.2), dpi=100)
    noms = [p[0] for p in points][::-1]
    valeurs = [p[1] for p in points][::-1]
    axe.barh(noms, valeurs, color=["#2e8b57" if v >= 100 else "#1f5fa8" for v in valeurs])
    axe.axvline(100, color="#c0392b", linestyle=":")
    axe.set_xlabel("dernière valeur de l'année en cours, en % de la cible annuelle")
    axe.grid(True, axis="x", alpha=0.3)
    figure.tight_layout()
    figure.savefig(chemin, metadata={"Software": None})
    plt.close(figure)
    return True


# --- Rédaction --------------------------------------------------------------------------

def _section_indicateurs(contenu: ContenuRapport, lignes: list[str]) -> None:
    lignes += ["## Indicateurs", ""]
    if not contenu.indicateurs:
        lignes += ["Aucun résultat d'indicateur dans `marts.fct_resultats_indicateurs`.", ""]
        return
    tableau = []
    for s in contenu.indicateurs:
        d, a = s.derniere, s.derniere_annee_terminee
        pourcentage = (
            formater_nombre(d.valeur / d.cible, proportion=True)
            if d and d.valeur is not None and d.cible else "—"
        )
        atteinte = "—"
        if a is not None and a.cible_atteinte is not None:
            atteinte = "oui" if a.cible_atteinte else "non"
        tableau.append([
            s.indicateur_id,
            s.nom_abrege,
            s.periode_courante or "—",
            f"{d.date_fin.isoformat()}{'' if d.periode_complete else ' (en cours)'}" if d else "—",
            formater_nombre(d.valeur if d else None, s.est_proportion),
            formater_nombre(d.cible if d else None, s.est_proportion),
            pourcentage,
            f"{a.periode} : {formater_nombre(a.valeur, s.est_proportion)} / "
            f"{formater_nombre(a.cible, s.est_proportion)}, atteinte : {atteinte}" if a else "—",
        ])
    lignes += _tableau(
        ["Indicateur", "Nom abrégé", "Période en cours", "Dernière fenêtre (fin)", "Valeur",
         "Cible annuelle", "Valeur / cible", "Dernière année terminée"],
        tableau,
    )
    lignes.append("")
    for s in contenu.indicateurs:
        if s.graphique:
            lignes += [
                f"### {s.indicateur_id} — {s.nom_abrege}", "",
                f"Cumul de la période {s.periode_courante or '—'} comparé à "
                f"{s.periode_precedente or 'aucune période précédente'}.", "",
                f"![{s.indicateur_id} : cumul de la période en cours et de la précédente]({s.graphique})", "",
            ]


def rediger(contenu: ContenuRapport, dossier: Path, graphique_cibles: bool) -> Path:
    """Écrit ``rapport.md`` dans ``dossier`` (les PNG y sont déjà)."""
    etat = "publiée" if contenu.publie else "en échec — rien n'a été publié"
    lignes: list[str] = [
        f"# Rapport de la nuit — extraits du {contenu.date_extraction}", "",
        f"**État : nuit {etat}.**", "",
    ]
    if contenu.comptes_dbt:
        libelles = {"success": "construits", "pass": "tests réussis", "warn": "avertissements",
                    "fail": "tests en échec", "error": "erreurs", "skipped": "ignorés",
                    "no-op": "sans action (exposures)"}
        comptes = ", ".join(
            f"{libelles.get(statut, statut)} : {nombre}" for statut, nombre in sorted(contenu.comptes_dbt.items())
        )
        lignes += [f"Bilan de `dbt build` : {comptes}.", ""]
    if contenu.erreurs_nuit:
        lignes += ["## Ce qui a échoué", ""] + [f"- {_cellule(e)}" for e in contenu.erreurs_nuit] + [""]
    if contenu.avertissements_nuit:
        lignes += ["## Avertissements de la nuit", ""]
        lignes += [f"- {_cellule(a)}" for a in contenu.avertissements_nuit] + [""]

    _section_indicateurs(contenu, lignes)
    if graphique_cibles:
        lignes += ["### Avancement vers les cibles", "",
                   "![Dernière valeur en pourcentage de la cible annuelle](cibles.png)", ""]

    lignes += ["## Tests en avertissement ou en échec", ""]
    if contenu.tests:
        lignes += _tableau(
            ["Statut", "Test ou modèle", "Fichier", "Message", "Détail"],
            [[t.statut, t.libelle, t.chemin, t.message, " / ".join(t.details) or "—"] for t in contenu.tests],
        )
    else:
        lignes.append("Aucun : tous les tests sont passés.")
    lignes.append("")

    lignes += ["## Lignes en quarantaine par extrait", ""]
    if contenu.quarantaines:
        lignes += _tableau(
            ["Extrait", "Modèle", "Lignes", "Doublons exacts", "En quarantaine", "Motifs"],
            [[q.fichier, q.modele, formater_nombre(q.nb_lignes),
              "—" if q.nb_doublons is None else formater_nombre(q.nb_doublons),
              formater_nombre(sum(n for _, n in q.motifs)),
              "; ".join(f"{m} : {n}" for m, n in q.motifs) or "aucune"]
             for q in contenu.quarantaines],
        )
    else:
        lignes.append("Aucun modèle `base_` construit.")
    lignes.append("")

    lignes += ["## Révisions de valeurs déjà publiées", ""]
    if contenu.nb_revisions_total is None:
        lignes.append("Révisions non disponibles (modèle non construit).")
    elif contenu.revisions:
        lignes.append(
            f"{len(contenu.revisions)} révision(s) cette nuit ({contenu.nb_revisions_total} depuis le début "
            f"de l'historique) :"
        )
        lignes.append("")
        lignes += _tableau(
            ["Indicateur", "Période", "Granularité", "Fin de la fenêtre", "Ancienne valeur",
             "Nouvelle valeur", "Numérateur", "Dénominateur", "Publiée le"],
            [[r["indicateur_id"], r["periode"], r["granularite"], r["date_fin"],
              formater_nombre(r["ancienne_valeur"]), formater_nombre(r["nouvelle_valeur"]),
              f"{formater_nombre(r['ancien_numerateur'])} → {formater_nombre(r['nouveau_numerateur'])}",
              f"{formater_nombre(r['ancien_denominateur'])} → {formater_nombre(r['nouveau_denominateur'])}",
              r["date_publication_precedente"]] for r in contenu.revisions],
        )
    else:
        lignes.append(
            f"Aucune révision cette nuit ({contenu.nb_revisions_total} depuis le début de l'historique)."
        )
    lignes.append("")

    lignes += ["## Validation des extraits", ""]
    validation = contenu.validation
    if validation is None:
        lignes.append("Validation non exécutée.")
    else:
        lignes.append("Extraits conformes." if validation.succes else "Extraits **non conformes**.")
        if contenu.lien_data_docs:
            lignes += ["", f"[Data Docs de la validation (Great Expectations)]({contenu.lien_data_docs})"]
            synthese = Path(contenu.lien_data_docs).parent.parent / "synthese_validation.html"
            if (dossier / synthese).is_file():
                lignes.append(f" — [synthèse de la validation]({synthese.as_posix()})")
            lignes.append("")
        lignes += [f"- Erreur : {_cellule(e)}" for e in validation.erreurs]
        lignes += [f"- Avertissement : {_cellule(a)}" for a in validation.avertissements]
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
) -> Path:
    """Rassemble le contenu, trace les graphiques et écrit ``dossier/rapport.md``.

    ``bilan`` : ``mifi.nuit.execution_dbt.BilanDbt`` (ou None si dbt n'a pas tourné).
    Chaque section qui ne peut être calculée (relation absente après un échec) est signalée
    plutôt que de faire échouer le rapport.
    """
    dossier.mkdir(parents=True, exist_ok=True)
    contenu = ContenuRapport(
        date_extraction=date_extraction,
        publie=publie,
        erreurs_nuit=list(erreurs_nuit or []),
        avertissements_nuit=list(avertissements_nuit or []),
        validation=validation,
        lien_data_docs=lien_data_docs,
    )
    if bilan is not None:
        contenu.comptes_dbt = bilan.comptes()
        for noeud in bilan.bloquants + bilan.avertissements:
            contenu.tests.append(
                TestSignale(noeud.statut, noeud.libelle(), noeud.chemin, noeud.message, noeud.details)
            )
    if connexion is not None:
        for nom_section, action in (
            ("indicateurs", lambda: setattr(contenu, "indicateurs",
                                            collecter_indicateurs(connexion, catalogue, date_extraction))),
            ("quarantaine", lambda: setattr(contenu, "quarantaines",
                                            collecter_quarantaines(connexion, catalogue, manifeste))),
            ("révisions", lambda: _revisions(contenu, connexion, catalogue, date_extraction)),
        ):
            try:
                action()
            except Exception as erreur:  # noqa: BLE001 — section signalée, rapport produit
                contenu.sections_indisponibles.append(f"Section {nom_section} : {erreur}")
    for synthese in contenu.indicateurs:
        if synthese.courbe_courante or synthese.courbe_precedente:
            nom = f"indicateur_{synthese.indicateur_id.replace('.', '')}.png"
            tracer_indicateur(synthese, dossier / nom)
            synthese.graphique = nom
    graphique_cibles = tracer_cibles(contenu.indicateurs, dossier / "cibles.png")
    return rediger(contenu, dossier, graphique_cibles)


def _revisions(contenu: ContenuRapport, connexion: Any, catalogue: str, date_extraction: str) -> None:
    contenu.revisions, contenu.nb_revisions_total = collecter_revisions(connexion, catalogue, date_extraction)
