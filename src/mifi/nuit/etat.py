"""État de la dernière nuit : ``etat_nuit.json`` et ``etat_nuit.html`` à la racine du dossier de
publication.

Réécrits (fichier temporaire, puis rename) à chaque tentative, publiée ou en échec : date et
heure de la tentative, ``date_extraction``, statut (« publiée » / « en échec »), étape en échec
(validation des extraits, construction dbt, documentation, publication...), raison en français,
quoi faire (qui doit réextraire quel fichier), et la publication en place (sa date
d'extraction et sa version). Ce sont les seuls fichiers qu'une nuit en échec change dans le
dossier de publication : données, documentation et rapports publiés restent identiques octet
pour octet. La page HTML est autonome (CSS en ligne) et s'ouvre d'un double-clic.

Ces fichiers ne contiennent que des noms de fichiers, d'étapes et de règles : jamais une valeur
lue dans un extrait (les messages qui citent des exemples de valeurs sont coupés, voir
:func:`sans_valeurs`).
"""

from __future__ import annotations

import datetime as dt
import html
import json
import os
import re
from dataclasses import asdict, dataclass, field
from pathlib import Path

from mifi.contrat import EXTRAITS

NOM_JSON = "etat_nuit.json"
NOM_HTML = "etat_nuit.html"
PUBLIEE = "publiée"
EN_ECHEC = "en échec"

# Équipe qui produit chaque famille d'extraits (système source du contrat, mifi.contrat).
EQUIPES: dict[str, str] = {
    "BDI": "BDI",
    "ARRIMA": "ARRIMA",
    "Power App AQ": "ARRIMA / Power App AQ",
    "DDRC": "DDRC",
    "CERIGES": "CERIGES/GSI (PASI)",
    "GSI": "CERIGES/GSI (PASI)",
    "Intimm": "Intimm",
    "DGTNRI": "DGTNRI",
}
EQUIPE_DONNEES = "l'équipe de données (Direction de l'intelligence d'affaires)"

# Étapes de la nuit (EchecNuit.etape) en mots lisibles.
ETAPES: dict[str, str] = {
    "date d'extraction": "contrôle de la date d'extraction",
    "extraits figés": "copie figée des extraits",
    "validation": "validation des extraits",
    "dbt parse": "construction dbt (analyse du projet)",
    "dbt build": "construction dbt",
    "documentation": "documentation",
    "publication": "publication",
}

_MOTIF_FICHIER = re.compile(
    "|".join(re.escape(e.nom) for e in sorted(EXTRAITS, key=lambda e: -len(e.nom)))
)
_SYSTEMES = {e.nom: e.systeme for e in EXTRAITS}


def equipe(fichier: str) -> str:
    return EQUIPES.get(_SYSTEMES.get(fichier, ""), _SYSTEMES.get(fichier, "source"))


def fichiers_cites(textes: list[str]) -> list[str]:
    """Extraits du contrat nommés dans ``textes``, dans l'ordre du contrat."""
    cites = {m.group(0) for texte in textes for m in _MOTIF_FICHIER.finditer(texte)}
    return [e.nom for e in EXTRAITS if e.nom in cites]


def sans_valeurs(message: str) -> str:
    """Le message sans ce qui pourrait citer une valeur ou une ligne d'un extrait.

    Coupé au premier « ; » qui suit la règle (« ; exemples : ... », « ; copies aux lignes de
    données n° ... »); numéros de lignes retirés; nom technique de l'attente GX retiré.
    """
    texte = re.sub(r"\s*\[expect_[a-z_]+\]", "", message)
    texte = re.split(r";\s*(?:exemples|copies|premier|\d+ ligne\(s\) en cause)", texte)[0]
    texte = re.sub(r"\s*\((?:[^()]*\blignes?\b[^()]*\d[^()]*)\)", "", texte)
    texte = re.sub(r",?\s*\blignes?\s+(?:n°\s*)?\d[\d, ]*", "", texte)
    return texte.strip()


def que_faire(etape: str, erreurs: list[str]) -> list[str]:
    """Actions en français, selon l'étape en échec et les fichiers nommés par les erreurs."""
    actions: list[str] = []
    if etape in ("validation", "dbt build"):
        revisions = [e for e in erreurs if "Révision au-delà du seuil" in e or "--accepter-revisions" in e]
        for fichier in fichiers_cites([e for e in erreurs if e not in revisions]):
            actions.append(
                f"Demander à l'équipe {equipe(fichier)} de réextraire {fichier} (voir la raison ci-dessus), "
                "puis relancer la nuit."
            )
        if revisions:
            actions.append(
                "Vérifier la révision signalée auprès de l'équipe qui fournit l'extrait; si elle est attendue "
                "(extraits corrigés), relancer la nuit avec --accepter-revisions."
            )
        if not actions:
            actions.append(
                f"Signaler l'échec à {EQUIPE_DONNEES} : le rapport d'échec et les journaux dbt du dossier de "
                "travail donnent le détail."
            )
    elif etape == "date d'extraction":
        actions.append(
            "Vérifier la date d'extraction de la nuit; pour republier volontairement une date antérieure, "
            "relancer avec --republier."
        )
    elif etape == "extraits figés":
        actions.append(
            "Vérifier l'espace disque et les droits du dossier de travail (et que rien n'y écrit pendant la "
            "nuit), puis relancer la nuit."
        )
    elif etape == "dbt parse":
        actions.append(f"Signaler l'échec à {EQUIPE_DONNEES} : le projet dbt ne s'analyse plus.")
    elif etape == "publication":
        for erreur in erreurs:
            trouve = re.search(r"Que faire : (.+?\.)(?: |$)", erreur)
            if trouve:
                actions.append(trouve.group(1)[:1].upper() + trouve.group(1)[1:])
        if not actions:
            actions.append(f"Signaler l'échec à {EQUIPE_DONNEES}, puis relancer la nuit.")
    else:
        actions.append(f"Signaler l'échec à {EQUIPE_DONNEES} (journaux de la nuit), puis relancer la nuit.")
    return actions


@dataclass
class EtatDerniereNuit:
    """Contenu de ``etat_nuit.json`` (mêmes clés)."""

    tentative: str                      # date et heure de la tentative (ISO 8601, heure locale)
    date_extraction: str
    statut: str                         # « publiée » ou « en échec »
    etape_en_echec: str | None = None   # en mots lisibles (ETAPES)
    raisons: list[str] = field(default_factory=list)
    que_faire: list[str] = field(default_factory=list)
    avertissements: list[str] = field(default_factory=list)
    publication_en_place: dict[str, str | None] = field(default_factory=dict)


def _ecrire_atomiquement(chemin: Path, texte: str) -> None:
    temporaire = chemin.with_name(f".{chemin.name}.nouveau-{os.getpid()}")
    try:
        with open(temporaire, "w", encoding="utf-8") as fichier:
            fichier.write(texte)
            fichier.flush()
            os.fsync(fichier.fileno())
        os.replace(temporaire, chemin)
    except BaseException:
        temporaire.unlink(missing_ok=True)
        raise


def _e(texte: object) -> str:
    return html.escape(str(texte), quote=True)


def rediger_html(etat: EtatDerniereNuit) -> str:
    publiee = etat.statut == PUBLIEE
    en_place = etat.publication_en_place
    if en_place.get("date_extraction"):
        place = (f"extraits du {_e(en_place['date_extraction'])} (version {_e(en_place.get('version') or '—')})"
                 + (f", publiée le {_e(str(en_place['publiee_le']).replace('T', ' à '))}"
                    if en_place.get("publiee_le") else ""))
    else:
        place = "aucune (rien n'a encore été publié dans ce dossier)"
    lignes = [
        '<!DOCTYPE html>\n<html lang="fr">\n<head>\n<meta charset="utf-8">\n',
        f"<title>État de la dernière nuit — {_e(etat.statut)}</title>\n",
        "<style>body{font-family:\"Segoe UI\",Arial,sans-serif;margin:0;background:#f6f7f9;color:#1d1d1d;"
        "line-height:1.45}main{max-width:900px;margin:0 auto;padding:20px 28px;background:#fff}"
        ".statut{display:inline-block;padding:6px 14px;border-radius:4px;font-weight:bold;font-size:1.2em}"
        ".publiee{background:#e3f2e6;color:#1b5e20}.echec{background:#fde4e1;color:#8e1b10}"
        "dl{display:grid;grid-template-columns:auto 1fr;gap:6px 14px}dt{color:#555}dd{margin:0}"
        "h2{font-size:1.1em;border-bottom:2px solid #1f5fa8;padding-bottom:3px;margin-top:26px}</style>\n",
        "</head>\n<body>\n<main>\n",
        "<h1>État de la dernière nuit</h1>\n",
        f'<p><span class="statut {"publiee" if publiee else "echec"}">Nuit {_e(etat.statut)}</span></p>\n',
        "<dl>",
        f"<dt>Tentative</dt><dd>{_e(etat.tentative.replace('T', ' à '))}</dd>",
        f"<dt>Date d'extraction</dt><dd>{_e(etat.date_extraction)}</dd>",
    ]
    if not publiee:
        lignes.append(f"<dt>Étape en échec</dt><dd><b>{_e(etat.etape_en_echec or 'inconnue')}</b></dd>")
    lignes.append(f"<dt>Publication en place</dt><dd>{place}</dd></dl>\n")
    if not publiee:
        lignes.append("<p>Rien n'a été publié cette nuit : Power BI lit toujours la publication en place, "
                      "intacte.</p>\n")
        lignes.append("<h2>Raison</h2>\n<ul>" + "".join(f"<li>{_e(r)}</li>" for r in etat.raisons) + "</ul>\n")
        lignes.append("<h2>Que faire</h2>\n<ul>" + "".join(f"<li>{_e(a)}</li>" for a in etat.que_faire)
                      + "</ul>\n")
    else:
        lignes.append('<p>Rapport de la nuit : <a href="rapports/dernier/rapport.html">rapports/dernier/'
                      'rapport.html</a>; documentation : <a href="documentation/index.html">'
                      "documentation/index.html</a>.</p>\n")
    if etat.avertissements:
        lignes.append("<h2>Avertissements</h2>\n<ul>"
                      + "".join(f"<li>{_e(a)}</li>" for a in etat.avertissements) + "</ul>\n")
    lignes.append("</main>\n</body>\n</html>\n")
    return "".join(lignes)


def ecrire(publication: Path, etat: EtatDerniereNuit) -> None:
    """Écrit ``etat_nuit.json`` puis ``etat_nuit.html`` (chacun d'un rename)."""
    _ecrire_atomiquement(publication / NOM_JSON, json.dumps(asdict(etat), ensure_ascii=False, indent=2) + "\n")
    _ecrire_atomiquement(publication / NOM_HTML, rediger_html(etat))


def maintenant() -> str:
    return dt.datetime.now().astimezone().replace(microsecond=0).isoformat()
