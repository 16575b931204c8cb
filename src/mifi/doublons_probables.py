"""Doublons probables de l'indicateur 2.2.1 que la règle nominative ne voit pas.

La règle officielle (docs/decisions_methodologiques.md) rapproche un participant DDRC d'un client
ARRIMA quand la clé nominative normalisée (nom, prénom, date de naissance) est *identique*. Une
coquille (« Berrnier » pour « Bernier », « Depa » pour « Deepa »), une date mal saisie ou deux
dossiers ARRIMA d'une même personne lui échappent : la personne est alors comptée deux fois.

Ce module ne change jamais le chiffre officiel. Il produit, pour revue par les analystes :

* ``revue.doublons_probables_221`` : les paires de « personnes » comptées séparément par la règle
  (une personne = un ``id_arrima``, ou une clé nominative DDRC sans dossier ARRIMA) qu'un modèle
  probabiliste de couplage d'enregistrements (Fellegi-Sunter, bibliothèque **splink**, moteur
  DuckDB) juge probablement identiques, avec la probabilité et les années financières où les
  deux sont comptées;
* ``revue.surcompte_probable_221`` : par année financière, le nombre publié et le surcompte
  estimé (au seuil de revue, et en espérance).

Paramètres du modèle : les probabilités *u* (concordance fortuite entre deux personnes
différentes) sont estimées par échantillonnage aléatoire sur les données; les probabilités *m*
(concordance entre deux saisies d'une même personne) sont fixées a priori (voir ``M_A_PRIORI``)
plutôt qu'apprises par EM : la règle a déjà fusionné les concordances exactes, les vrais doublons
restants sont trop rares pour que l'EM converge vers autre chose que du bruit.

Usage (l'entrepôt ne doit pas être ouvert par dbt au même moment) ::

    python -m mifi.doublons_probables --entrepot donnees/entrepot/mifi.duckdb [--csv DOSSIER]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import logging
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd
import splink.comparison_library as cl
from splink import DuckDBAPI, Linker, SettingsCreator, block_on

SEUIL_REVUE = 0.9
SEUIL_LISTE = 0.5

# Probabilités m a priori, par niveau de comparaison non nul (ordre des niveaux splink) :
# une saisie d'une même personne concorde exactement le plus souvent, sinon à une coquille près.
M_A_PRIORI: dict[str, list[float]] = {
    "nom": [0.88, 0.06, 0.04, 0.02],  # exact, Jaro-Winkler >= 0,95, >= 0,88, autre
    "prenom": [0.88, 0.06, 0.04, 0.02],
    # exact, Levenshtein <= 1, <= 1 mois, <= 1 an, <= 10 ans, autre
    "date_naissance": [0.90, 0.05, 0.02, 0.015, 0.01, 0.005],
    "pays_naissance": [0.95, 0.05],  # exact, autre
}

_SQL_ENREGISTREMENTS = """
with services as (
    select * from intermediate.int_reconnaissance_competences__services
),
annees as (
    select periode, date_debut, date_fin
    from marts.fct_resultats_221
    where granularite = 'annuelle'
),
personnes_annees as (
    select services.cle_personne, string_agg(distinct annees.periode, ',' order by annees.periode) as annees
    from services
    inner join annees
        on services.date_debut <= annees.date_fin and services.date_fin_effective >= annees.date_debut
    group by services.cle_personne
),
arrima as (
    select distinct 'arrima:' || clients.id_arrima as cle_personne, 'arrima' as source,
        clients.id_arrima as references_source, clients.cle_nominative, clients.pays_naissance
    from staging.stg_arrima__clients as clients
    inner join services on services.cle_personne = 'arrima:' || clients.id_arrima
),
ddrc as (
    select cle_personne, 'ddrc' as source,
        string_agg(id_ligne_ddrc, ' ; ' order by id_ligne_ddrc) as references_source,
        min(cle_nominative) as cle_nominative, min(pays_naissance) as pays_naissance
    from intermediate.int_reconnaissance_competences__participants_ddrc
    where not est_rapproche_arrima
        -- Personnes comptées seulement (une personne née au Canada n'est pas dans les services).
        and cle_personne in (select cle_personne from services)
    group by cle_personne
),
unis as (
    select * from arrima
    union all
    select * from ddrc
)
select unis.cle_personne as id_enregistrement, unis.source, unis.references_source,
    split_part(unis.cle_nominative, '|', 1) as nom,
    split_part(unis.cle_nominative, '|', 2) as prenom,
    split_part(unis.cle_nominative, '|', 3) as date_naissance,
    unis.pays_naissance,
    coalesce(personnes_annees.annees, '') as annees
from unis
left join personnes_annees on unis.cle_personne = personnes_annees.cle_personne
order by 1
"""


def lire_enregistrements(connexion: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Une ligne par personne comptée séparément par la règle de 2.2.1 (nom et prénom déjà
    normalisés par la macro normaliser_nom, date AAAA-MM-JJ, années financières où elle compte)."""
    return connexion.execute(_SQL_ENREGISTREMENTS).df()


def scorer_paires(enregistrements: pd.DataFrame, graine: int = 42, seuil_liste: float = SEUIL_LISTE) -> pd.DataFrame:
    """Paires d'enregistrements probablement identiques (probabilité >= seuil_liste), par splink."""
    colonnes = ["id_enregistrement_1", "id_enregistrement_2", "probabilite", "poids"]
    if len(enregistrements) < 2:
        return pd.DataFrame(columns=colonnes)
    logging.getLogger("splink").setLevel(logging.WARNING)
    n = len(enregistrements)
    # Environ 1 % des personnes auraient un doublon résiduel : a priori sur les paires.
    a_priori = min(0.5, max(1e-9, (0.01 * n) / (n * (n - 1) / 2)))
    parametres = SettingsCreator(
        link_type="dedupe_only",
        unique_id_column_name="id_enregistrement",
        probability_two_random_records_match=a_priori,
        comparisons=[
            cl.JaroWinklerAtThresholds("nom", [0.95, 0.88]).configure(m_probabilities=M_A_PRIORI["nom"]),
            cl.JaroWinklerAtThresholds("prenom", [0.95, 0.88]).configure(m_probabilities=M_A_PRIORI["prenom"]),
            cl.DateOfBirthComparison("date_naissance", input_is_string=True).configure(
                m_probabilities=M_A_PRIORI["date_naissance"]
            ),
            cl.ExactMatch("pays_naissance").configure(m_probabilities=M_A_PRIORI["pays_naissance"]),
        ],
        blocking_rules_to_generate_predictions=[
            block_on("date_naissance"),
            block_on("nom", "prenom"),
            block_on("nom", "substr(date_naissance, 1, 4)"),
            block_on("prenom", "substr(date_naissance, 1, 4)"),
        ],
        retain_matching_columns=False,
    )
    donnees = enregistrements[["id_enregistrement", "nom", "prenom", "date_naissance", "pays_naissance"]].copy()
    api = DuckDBAPI(duckdb.connect())
    linker = Linker(api.register(donnees), parametres, log_level=logging.WARNING)
    linker.training.estimate_u_using_random_sampling(max_pairs=1e6, seed=graine)
    resultats = linker.inference.predict(threshold_match_probability=seuil_liste)
    predictions = resultats.as_pandas_dataframe()  # type: ignore[no-untyped-call]  # splink 5 sans annotation
    if predictions.empty:
        return pd.DataFrame(columns=colonnes)
    paires = pd.DataFrame({
        "id_enregistrement_1": predictions["id_enregistrement_l"],
        "id_enregistrement_2": predictions["id_enregistrement_r"],
        "probabilite": predictions["match_probability"].astype(float),
        "poids": predictions["match_weight"].astype(float),
    })
    return paires.sort_values(["probabilite", "id_enregistrement_1"], ascending=[False, True]).reset_index(drop=True)


def _annees(texte: Any) -> set[str]:
    return {a for a in str(texte or "").split(",") if a}


def estimer_surcompte(enregistrements: pd.DataFrame, paires: pd.DataFrame, seuil: float = SEUIL_REVUE) -> pd.DataFrame:
    """Par année financière : personnes publiées, personnes en doublon probable, surcompte au
    seuil (personnes moins groupes de doublons au seuil, parmi les personnes comptées l'année) et
    surcompte espéré (somme des probabilités des paires dont les deux membres comptent l'année)."""
    annees_par_id = {row.id_enregistrement: _annees(row.annees) for row in enregistrements.itertuples()}
    toutes = sorted(set().union(*annees_par_id.values())) if annees_par_id else []
    parent: dict[str, str] = {}

    def racine(x: str) -> str:
        while parent.get(x, x) != x:
            parent[x] = parent.get(parent[x], parent[x])
            x = parent[x]
        return x

    for paire in paires.itertuples():
        if paire.probabilite >= seuil:
            a, b = racine(paire.id_enregistrement_1), racine(paire.id_enregistrement_2)
            if a != b:
                parent[max(a, b)] = min(a, b)
    lignes = []
    for annee in toutes:
        actifs = [i for i, annees in annees_par_id.items() if annee in annees]
        groupes = defaultdict(list)
        for i in actifs:
            groupes[racine(i)].append(i)
        en_doublon = sum(len(membres) for membres in groupes.values() if len(membres) > 1)
        espere = sum(
            float(p.probabilite) for p in paires.itertuples()
            if annee in annees_par_id.get(p.id_enregistrement_1, set())
            and annee in annees_par_id.get(p.id_enregistrement_2, set())
        )
        lignes.append({
            "periode": annee,
            "nb_personnes_publiees": len(actifs),
            "nb_personnes_en_doublon_probable": en_doublon,
            "surcompte_au_seuil": len(actifs) - len(groupes),
            "surcompte_espere": round(espere, 3),
            "seuil": seuil,
        })
    return pd.DataFrame(lignes, columns=["periode", "nb_personnes_publiees", "nb_personnes_en_doublon_probable",
                                         "surcompte_au_seuil", "surcompte_espere", "seuil"])


def table_revue(enregistrements: pd.DataFrame, paires: pd.DataFrame) -> pd.DataFrame:
    """Paires enrichies pour la revue : les deux enregistrements côte à côte, années communes."""
    fiche = enregistrements.set_index("id_enregistrement")
    lignes = []
    for p in paires.itertuples():
        a, b = fiche.loc[p.id_enregistrement_1], fiche.loc[p.id_enregistrement_2]
        communes = sorted(_annees(a["annees"]) & _annees(b["annees"]))
        ligne: dict[str, Any] = {}
        for suffixe, identifiant, enr in (("1", p.id_enregistrement_1, a), ("2", p.id_enregistrement_2, b)):
            ligne[f"id_enregistrement_{suffixe}"] = identifiant
            for champ in ("source", "references_source", "nom", "prenom", "date_naissance", "pays_naissance"):
                ligne[f"{champ}_{suffixe}"] = enr[champ]
        ligne.update({
            "probabilite": p.probabilite,
            "poids": p.poids,
            "annees_communes": ",".join(communes),
            "est_au_seuil_de_revue": p.probabilite >= SEUIL_REVUE,
        })
        lignes.append(ligne)
    colonnes = [f"{c}_{s}" for s in ("1", "2") for c in (
        "id_enregistrement", "source", "references_source", "nom", "prenom", "date_naissance", "pays_naissance")]
    return pd.DataFrame(lignes, columns=[*colonnes, "probabilite", "poids", "annees_communes", "est_au_seuil_de_revue"])


def produire_revue(entrepot: Path, sortie_csv: Path | None = None, seuil: float = SEUIL_REVUE,
                   graine: int = 42) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Calcule la revue des doublons probables de 2.2.1 et l'écrit dans le schéma ``revue`` de
    l'entrepôt (et en CSV si demandé). Rend (paires, surcompte)."""
    with duckdb.connect(str(entrepot)) as connexion:
        enregistrements = lire_enregistrements(connexion)
        paires = scorer_paires(enregistrements, graine=graine)
        revue = table_revue(enregistrements, paires)
        surcompte = estimer_surcompte(enregistrements, paires, seuil)
        revue["date_calcul"] = dt.date.today()
        surcompte["date_calcul"] = dt.date.today()
        connexion.execute("create schema if not exists revue")
        connexion.register("revue_paires", revue)
        connexion.register("revue_surcompte", surcompte)
        connexion.execute("create or replace table revue.doublons_probables_221 as select * from revue_paires")
        connexion.execute("create or replace table revue.surcompte_probable_221 as select * from revue_surcompte")
    if sortie_csv is not None:
        sortie_csv.mkdir(parents=True, exist_ok=True)
        revue.to_csv(sortie_csv / "doublons_probables_221.csv", index=False)
        surcompte.to_csv(sortie_csv / "surcompte_probable_221.csv", index=False)
    return revue, surcompte


# --- Mesure de la qualité du rapprochement contre la vérité terrain du générateur --------------

@dataclass
class MesureRapprochement:
    """Qualité du rapprochement DDRC -> ARRIMA de la règle, ligne DDRC par ligne DDRC."""

    nb_lignes_ddrc: int
    vrais_positifs: int
    faux_positifs: int
    faux_negatifs: int

    @property
    def precision(self) -> float | None:
        total = self.vrais_positifs + self.faux_positifs
        return self.vrais_positifs / total if total else None

    @property
    def rappel(self) -> float | None:
        total = self.vrais_positifs + self.faux_negatifs
        return self.vrais_positifs / total if total else None


def evaluer_rapprochement(entrepot: Path, verite: dict[str, Any]) -> MesureRapprochement:
    """Compare le rattachement de chaque ligne DDRC à un client ARRIMA (règle nominative) à la
    vérité (``identites`` : id_arrima -> personne, « <onglet>#<ligne> » -> personne).
    Vrai positif : rattachée au dossier ARRIMA de sa personne; faux positif : rattachée à un
    autre; faux négatif : sa personne a un dossier ARRIMA et elle n'y est pas rattachée."""
    identites = verite["identites"]
    ddrc, arrima = identites["ddrc_projets_recrutement"], identites["arrima_clients"]
    personnes_arrima = set(arrima.values())
    with duckdb.connect(str(entrepot), read_only=True) as connexion:
        lignes = connexion.execute(
            "select id_ligne_ddrc, id_arrima from intermediate.int_reconnaissance_competences__participants_ddrc"
        ).fetchall()
    vp = fp = fn = 0
    for id_ligne, id_arrima in lignes:
        personne = ddrc.get(id_ligne)
        juste = id_arrima is not None and arrima.get(id_arrima) == personne
        if juste:
            vp += 1
        elif id_arrima is not None:
            fp += 1
        if personne in personnes_arrima and not juste:
            fn += 1
    return MesureRapprochement(len(lignes), vp, fp, fn)


def evaluer_paires(enregistrements: pd.DataFrame, paires: pd.DataFrame, verite: dict[str, Any],
                   seuil: float = SEUIL_REVUE) -> dict[str, Any]:
    """Précision et rappel des doublons probables (au seuil) contre la vérité : une paire est un
    vrai doublon quand les deux enregistrements désignent une même personne."""
    identites = verite["identites"]
    ddrc, arrima = identites["ddrc_projets_recrutement"], identites["arrima_clients"]
    personnes: dict[str, set[str]] = {}
    for enr in enregistrements.itertuples():
        if enr.source == "arrima":
            personnes[enr.id_enregistrement] = {arrima.get(enr.references_source)} - {None}
        else:
            personnes[enr.id_enregistrement] = {ddrc.get(r) for r in str(enr.references_source).split(" ; ")} - {None}
    par_personne: dict[str, set[str]] = defaultdict(set)
    for identifiant, ensemble in personnes.items():
        for personne in ensemble:
            par_personne[personne].add(identifiant)
    vraies = {tuple(sorted((a, b))) for ids in par_personne.values() for a in ids for b in ids if a < b}
    trouvees = {tuple(sorted((p.id_enregistrement_1, p.id_enregistrement_2)))
                for p in paires.itertuples() if p.probabilite >= seuil}
    justes = len(vraies & trouvees)
    return {
        "paires_vraies": len(vraies),
        "paires_trouvees": len(trouvees),
        "paires_justes": justes,
        "precision": justes / len(trouvees) if trouvees else None,
        "rappel": justes / len(vraies) if vraies else None,
    }


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m mifi.doublons_probables",
        description="Revue des doublons probables de 2.2.1 (n'altère jamais le chiffre officiel).",
    )
    parser.add_argument("--entrepot", type=Path, required=True, help="fichier DuckDB construit par dbt build")
    parser.add_argument("--csv", type=Path, default=None, help="dossier où écrire aussi les CSV")
    parser.add_argument("--seuil", type=float, default=SEUIL_REVUE, help="probabilité de revue (0,9)")
    parser.add_argument("--verite", type=Path, default=None, help="verite.json du générateur (mesure de qualité)")
    args = parser.parse_args(argv)
    revue, surcompte = produire_revue(args.entrepot, args.csv, args.seuil)
    print(f"{len(revue)} paire(s) listée(s) (probabilité >= {SEUIL_LISTE}), "
          f"{int(revue['est_au_seuil_de_revue'].sum()) if len(revue) else 0} au seuil de revue {args.seuil}.")
    print(surcompte.to_string(index=False))
    if args.verite is not None:
        verite = json.loads(args.verite.read_text(encoding="utf-8"))
        mesure = evaluer_rapprochement(args.entrepot, verite)
        print(f"Règle nominative DDRC -> ARRIMA : {mesure.vrais_positifs} justes, {mesure.faux_positifs} faux "
              f"positifs, {mesure.faux_negatifs} faux négatifs; précision {mesure.precision}, rappel {mesure.rappel}.")
        with duckdb.connect(str(args.entrepot), read_only=True) as connexion:
            enregistrements = lire_enregistrements(connexion)
        print("Doublons probables contre la vérité :", evaluer_paires(enregistrements, revue, verite, args.seuil))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
