"""Contre-calcul des 7 indicateurs À PARTIR DES FICHIERS, comme le fera le projet dbt
(nettoyage des codes, doublons exacts retirés, lignes invalides écartées, règles et décisions
de docs/decisions_methodologiques.md). Écrit indépendamment de mifi.generateur.verite :
en mode ``aucun``, il doit retrouver verite.json au chiffre près.
"""

from __future__ import annotations

import calendar
from collections import Counter, defaultdict
from datetime import date
from pathlib import Path
from typing import Any

from mifi.generateur.normalisation import normaliser_nom

from .lecture import cellule_date, code, date_iso, date_jma, lire, lire_ddrc, lire_dgtnri

BASCULE = date(2023, 7, 1)


# --- fenêtres (écrites d'après le calendrier dbt, sans le code du générateur) -----------------
def fenetres(indicateur: str, d: date) -> list[tuple[str, str, date, date]]:
    civile = indicateur == "1.1.1"
    mensuel = indicateur in ("1.1.1", "3.1.1")
    res = []
    annee = 2022
    while True:
        debut = date(annee, 1 if civile else 4, 1)
        if debut > d:
            break
        periode = str(annee) if civile else f"{annee}-{annee + 1}"
        mois = [(debut.year + (debut.month - 1 + k) // 12, (debut.month - 1 + k) % 12 + 1) for k in range(12)]
        pas = 1 if mensuel else 3
        for k in range(pas - 1, 12, pas):
            a0, m0 = mois[k - pas + 1]
            if date(a0, m0, 1) <= d:
                a, m = mois[k]
                res.append((periode, "cumul_mensuel" if mensuel else "cumul_trimestriel", debut,
                            date(a, m, calendar.monthrange(a, m)[1])))
        a, m = mois[11]
        res.append((periode, "annuelle", debut, date(a, m, calendar.monthrange(a, m)[1])))
        annee += 1
    return res


def _dedoublonner(lignes: list[dict[str, Any]]) -> list[dict[str, Any]]:
    vus: set[tuple[Any, ...]] = set()
    res = []
    for l in lignes:
        cle = tuple(l.values())
        if cle not in vus:
            vus.add(cle)
            res.append(l)
    return res


def _compter(ind: str, d: date, activites: dict[Any, list[tuple[date, date]]]) -> dict[tuple[str, str, date], float]:
    res = {}
    for periode, gran, debut, fin in fenetres(ind, d):
        n = sum(1 for acts in activites.values() if any(a <= fin and b >= debut for a, b in acts))
        res[(periode, gran, fin)] = float(n)
    return res


def _proportion(ind: str, d: date, unites: list[tuple[date, bool]]) -> dict[tuple[str, str, date], tuple[float, float]]:
    res = {}
    for periode, gran, debut, fin in fenetres(ind, d):
        dans = [r for j, r in unites if debut <= j <= fin]
        res[(periode, gran, fin)] = (float(sum(dans)), float(len(dans)))
    return res


def cle(nom: str | None, prenom: str | None, naissance: date | None) -> tuple[str, str, date | None]:
    return (normaliser_nom(nom or ""), normaliser_nom(prenom or ""), naissance)


def immigrante(pays: str | None, statut: str | None = None) -> bool:
    """Pays connu : né hors Canada; pays inconnu : compté, sauf statut CITOYEN_CANADIEN."""
    if pays is not None:
        return pays != "CAN"
    return statut != "CITOYEN_CANADIEN"


# --- 1.1.1 --------------------------------------------------------------------------------
def recalcul_111(dossier: Path, d: date, methode_reference: bool = False,
                 par_candidat: bool = False) -> dict[tuple[str, str, date], float]:
    """DI admissibles distinctes (ou candidats distincts, ``par_candidat``) par fenêtre.
    ``methode_reference`` : méthode de la donnée de référence 2022, un niveau oral déclaré
    (TEST ou AUTODECLARATION avec CO et PO au seuil); DIPLOME ne compte pas."""
    diag = {}
    for l in _dedoublonner(lire(dossier, "ref_diagnostics_professions.csv")):
        if code(l["diagnostic"]) not in ("DEFICIT", "LEGER_DEFICIT", "EQUILIBRE", "SURPLUS"):
            continue
        v = code(l["version_cnp"])
        diag[(int(l["annee"]), v, l["code_profession"].strip())] = (
            code(l["diagnostic"]), code(l["niveau_competence"] if v == "2016" else l["feer"]))
    exps = defaultdict(list)
    for l in _dedoublonner(lire(dossier, "bdi_experiences.csv")):
        if code(l["version_cnp"]) in ("2016", "2021"):
            exps[l["no_declaration"]].append(
                (l["code_profession"].strip(), code(l["version_cnp"]), int(l["mois_experience"]))
            )
    preuves = defaultdict(list)
    for l in _dedoublonner(lire(dossier, "bdi_francais.csv")):
        t = code(l["type_preuve"])
        if t in ("TEST", "DIPLOME", "AUTODECLARATION"):
            co = int(l["niveau_comprehension_orale"]) if l["niveau_comprehension_orale"] else None
            po = int(l["niveau_production_orale"]) if l["niveau_production_orale"] else None
            preuves[l["no_declaration"]].append((t, co, po))
    activites = defaultdict(list)
    for l in _dedoublonner(lire(dossier, "bdi_declarations.csv")):
        depot = date_iso(l["date_depot"])
        if depot is None or l["en_emploi"] != "O":
            continue
        ok = False
        for cp, version, mois in exps[l["no_declaration"]]:
            dg = diag.get((depot.year, version, cp))
            if mois < 12 or dg is None or dg[0] not in ("DEFICIT", "LEGER_DEFICIT"):
                continue
            haut = dg[1] in (("0", "A", "B") if version == "2016" else ("0", "1", "2", "3"))
            seuil = 7 if haut else 5
            for t, co, po in preuves[l["no_declaration"]]:
                niveau_oral = t == "TEST" or (methode_reference and t == "AUTODECLARATION")
                diplome = t == "DIPLOME" and not methode_reference
                if diplome or (niveau_oral and co is not None and po is not None and co >= seuil and po >= seuil):
                    ok = True
        if ok:
            activites[l["no_candidat"] if par_candidat else l["no_declaration"]].append((depot, depot))
    return _compter("1.1.1", d, activites)


# --- 2.2.1 --------------------------------------------------------------------------------
def recalcul_221(dossier: Path, d: date) -> dict[tuple[str, str, date], float]:
    par_cle = {}
    pays: dict[Any, str | None] = {}  # personne -> pays de naissance qui fait foi
    for l in _dedoublonner(lire(dossier, "arrima_clients.csv")):
        n = date_iso(l["date_naissance"])
        if n is None:
            continue
        par_cle[cle(l["nom"], l["prenom"], n)] = l["id_arrima"]
        pays[l["id_arrima"]] = code(l["pays_naissance"])
    pays_ddrc: dict[Any, set[str | None]] = defaultdict(set)
    activites: dict[Any, list[tuple[date, date]]] = defaultdict(list)
    for l in _dedoublonner(lire(dossier, "arrima_rc_accompagnements.csv")):
        debut = date_iso(l["date_debut"])
        if debut is None or code(l["prestataire"]) != "CRRC":
            continue
        fin = date_iso(l["date_fin"]) if l["date_fin"] else d
        activites[l["id_arrima"]].append((debut, fin))
    for l in _dedoublonner(lire(dossier, "arrima_paffarc_aides.csv")):
        jour = date_iso(l["date_decision"])
        if jour is not None and code(l["statut_aide"]) == "ACCORDEE":
            activites[l["id_arrima"]].append((jour, jour))
    for _feuille, lignes in lire_ddrc(dossier).items():
        vus = set()
        for l in lignes[1:]:
            if l in vus:
                continue
            vus.add(l)
            nom, prenom, naissance, _, _, debut, fin = l
            debut_d = cellule_date(debut)
            naissance_d = cellule_date(naissance)
            if debut_d is None or naissance_d is None:
                continue
            k = cle(nom, prenom, naissance_d)
            personne = par_cle.get(k, ("DDRC", *k))
            activites[personne].append((debut_d, cellule_date(fin) or d))
            if personne not in pays:
                pays_ddrc[personne].add(code(l[3]))
    for personne, valeurs in pays_ddrc.items():
        # Personne DDRC sans dossier ARRIMA : pays hors Canada, sinon CAN, sinon inconnu.
        connus = sorted(v for v in valeurs if v is not None)
        hors_canada = [v for v in connus if v != "CAN"]
        pays[personne] = hors_canada[0] if hors_canada else (connus[0] if connus else None)
    immigrantes = {p: a for p, a in activites.items() if p in pays and immigrante(pays[p])}
    return _compter("2.2.1", d, immigrantes)


# --- 3.1.1 --------------------------------------------------------------------------------
def recalcul_311(dossier: Path, d: date) -> dict[tuple[str, str, date], float]:
    inscriptions = defaultdict(list)
    for l in _dedoublonner(lire(dossier, "arrima_aq_inscriptions.csv")):
        j = date_iso(l["date_inscription"])
        if j is not None and l["admissible"] == "O" and code(l["statut_inscription"]) != "ANNULEE":
            inscriptions[l["id_arrima"]].append(j)
    activites = defaultdict(list)
    for l in _dedoublonner(lire(dossier, "powerapp_aq_rencontres.csv")):
        j = date_iso(l["date_rencontre"])
        if j is None or code(l["type_rencontre"]) != "EVALUATION_BESOINS" or code(l["statut_rencontre"]) != "TENUE":
            continue
        if any(i <= j for i in inscriptions[l["id_arrima"]]):
            activites[l["id_arrima"]].append((j, j))
    return _compter("3.1.1", d, activites)


# --- 3.1.2 --------------------------------------------------------------------------------
def recalcul_312(dossier: Path, d: date) -> dict[tuple[str, str, date], float | None]:
    dossiers: dict[tuple[str, str], list[tuple[Any, ...]]] = defaultdict(list)
    services = []
    for systeme, nom, ident, lire_date, volets in (
        ("C", "ceriges_services.csv", "no_dossier", date_jma, {"V1", "V1A", "V2", "V3", "V4"}),
        ("G", "gsi_services.csv", "id_personne", date_iso, {"1", "2", "3", "4"}),
    ):
        for l in _dedoublonner(lire(dossier, nom)):
            jour = lire_date(l["date_service"])
            k = cle(l["nom"], l["prenom"], lire_date(l["date_naissance"]))
            if jour is None or code(l["volet"]) not in volets:
                continue
            if (systeme == "C" and jour >= BASCULE) or (systeme == "G" and jour < BASCULE):
                continue
            dossiers[(systeme, l[ident])].append(k)
            services.append(((systeme, l[ident]), jour))
    cle_dossier = {}
    for dossier_id, cles in dossiers.items():
        comptes = Counter(cles)
        cle_dossier[dossier_id] = min(comptes, key=lambda k: (-comptes[k], k))
    activites = defaultdict(list)
    for dossier_id, jour in services:
        activites[cle_dossier[dossier_id]].append((jour, jour))
    res: dict[tuple[str, str, date], float | None] = dict(_compter("3.1.2", d, activites))
    res[("2023-2024", "cumul_trimestriel", date(2023, 9, 30))] = None
    return res


# --- 3.1.3 et 5.2.1 -----------------------------------------------------------------------
def recalcul_intimm(
    dossier: Path, d: date
) -> tuple[dict[tuple[str, str, date], float], dict[tuple[str, str, date], tuple[float, float]]]:
    pays = {}
    statuts = {}
    for l in _dedoublonner(lire(dossier, "intimm_personnes.csv")):
        if date_iso(l["date_naissance"]) is None:
            continue
        pays[l["no_client"]] = code(l["pays_naissance"])
        statuts[l["no_client"]] = code(l["statut_immigration"])
    cours = {l["sigle_cours"]: l for l in lire(dossier, "ref_cours.csv")}
    evals: dict[tuple[str, str], list[tuple[date, int]]] = defaultdict(list)
    for l in _dedoublonner(lire(dossier, "intimm_evaluations.csv")):
        j = date_iso(l["date_evaluation"])
        if j is None or code(l["type_evaluation"]) != "SOMMATIVE_FINALE":
            continue
        r = l["resultat"].strip()
        evals[(l["no_inscription"], code(l["competence"]))].append((j, -1 if r == "NE" else int(r)))
    participations = defaultdict(list)
    unites = []
    for l in _dedoublonner(lire(dossier, "intimm_inscriptions.csv")):
        debut, fin = date_iso(l["date_debut_cours"]), date_iso(l["date_fin_cours"])
        if debut is None or fin is None or l["no_client"] not in pays:
            continue
        immigrant = immigrante(pays[l["no_client"]], statuts[l["no_client"]])
        statut = code(l["statut_inscription"])
        c = cours.get(code(l["sigle_cours"]))
        norme = c is not None and c["programme_norme"] == "O"
        if immigrant and norme and statut not in ("ANNULEE", "DESISTEMENT") and int(l["jours_presence"]) >= 1:
            participations[l["no_client"]].append((debut, fin))
        if (c is None or statut != "TERMINEE" or not immigrant or l["enseignant_mifi"] != "O"
                or c["programme_norme"] != "O" or c["scolarite_9_ans_plus"] != "O"
                or c["evaluation_sommative_finale"] != "O" or not c["niveau_cible_co"] or not c["niveau_cible_po"]):
            continue
        niveaux = []
        for comp in ("CO", "PO"):
            ev = evals.get((l["no_inscription"], comp))
            niveaux.append(max(ev)[1] if ev else -1)
        if min(niveaux) < 0:
            continue
        unites.append((fin, niveaux[0] >= int(c["niveau_cible_co"]) and niveaux[1] >= int(c["niveau_cible_po"])))
    return _compter("5.2.1", d, participations), _proportion("3.1.3", d, unites)


# --- 6.1.1 --------------------------------------------------------------------------------
def recalcul_611(dossier: Path, d: date) -> dict[tuple[str, str, date], tuple[float, float]]:
    lignes = lire_dgtnri(dossier)[4:]
    vus = set()
    unites = []
    for l in lignes:
        if l in vus:
            continue
        vus.add(l)
        jour = cellule_date(l[2])
        if jour is not None and l[3] == "Oui":
            unites.append((jour, l[4] == "Oui"))
    return _proportion("6.1.1", d, unites)


def recalcul_complet(
    dossier: Path, d: date
) -> dict[tuple[str, str, str, date], tuple[float | None, float | None, float | None]]:
    """(indicateur, periode, granularite, date_fin) -> (valeur, numerateur, denominateur)."""
    res: dict[tuple[str, str, str, date], tuple[float | None, float | None, float | None]] = {}

    def comptes(ind: str, valeurs: dict[tuple[str, str, date], Any]) -> None:
        for (periode, gran, fin), v in valeurs.items():
            res[(ind, periode, gran, fin)] = (v, None, None)

    def proportions(ind: str, valeurs: dict[tuple[str, str, date], tuple[float, float]]) -> None:
        for (periode, gran, fin), (n, den) in valeurs.items():
            res[(ind, periode, gran, fin)] = ((n / den) if den else None, n, den)

    comptes("1.1.1", recalcul_111(dossier, d))
    comptes("2.2.1", recalcul_221(dossier, d))
    comptes("3.1.1", recalcul_311(dossier, d))
    comptes("3.1.2", recalcul_312(dossier, d))
    c521, p313 = recalcul_intimm(dossier, d)
    comptes("5.2.1", c521)
    proportions("3.1.3", p313)
    proportions("6.1.1", recalcul_611(dossier, d))
    return res


def resultats_verite(verite: dict[str, Any]) -> dict[tuple[str, str, str, date], tuple[Any, Any, Any]]:
    return {
        (r["indicateur_id"], r["periode"], r["granularite"], date.fromisoformat(r["date_fin"])):
            (r["valeur"], r["numerateur"], r["denominateur"])
        for r in verite["resultats"]
    }


def ecarts(attendu: dict[Any, tuple[Any, Any, Any]], obtenu: dict[Any, tuple[Any, Any, Any]]) -> list[str]:
    messages = []
    for k in sorted(set(attendu) | set(obtenu), key=str):
        a, o = attendu.get(k), obtenu.get(k)
        if a is None or o is None:
            messages.append(f"{k}: fenêtre présente d'un seul côté ({a} / {o})")
            continue
        va, vo = a[0], o[0]
        if (va is None) != (vo is None) or (va is not None and abs(va - vo) > 1e-12) or a[1:] != o[1:]:
            messages.append(f"{k}: vérité {a} / recalcul {o}")
    return messages
