"""Intimm, banques thématiques de la francisation (3.1.3 et 5.2.1).

Une personne suit plusieurs sessions (temps complet, temps partiel, en ligne; réseaux MIFI
et MEQ) et progresse de niveau quand elle atteint les cibles du cours. Statuts : annulations
avant le début, désistements (absente au premier cours; parfois réactivée, l'extrait montre
alors le statut courant), abandons après au moins une journée, sessions en cours ou à venir
(``INSCRITE``). Évaluations sommatives finales CO/PO/CE/PE (``NE`` possible) et formatives.

Cas des règles « personne immigrante » et « programme normé » : pays de naissance vide (chez
des personnes de tout statut, y compris des citoyennes canadiennes nées au Canada ou
naturalisées), cours non normés (milieu de travail, ateliers) et quelques inscriptions à un
sigle absent de ``ref_cours`` (lignes ajoutées, que la vérité exclut). Ces deux derniers cas
tirent d'un générateur aléatoire à part, pour ne pas décaler les autres tirages.
"""

from __future__ import annotations

from datetime import date, timedelta

from .aleatoire import Tirage, choix, entier
from .contexte import Contexte, emettre, sous_generateur
from .contrat import entete_contrat
from .ecriture import Ligne, iso
from .modele import Evaluation, InscriptionCours
from .parametres import DEBUT_COUVERTURE
from .population import LANGUE_PAR_PAYS, FabriquePersonnes, Personne
from .referentiels import COURS_PAR_SIGLE, Cours

COLONNES_PERSONNES = entete_contrat("intimm_personnes.csv")
COLONNES_INSCRIPTIONS = entete_contrat("intimm_inscriptions.csv")
COLONNES_EVALUATIONS = entete_contrat("intimm_evaluations.csv")

STATUT_INTIMM = {
    "RESIDENT_PERMANENT": "RESIDENT_PERMANENT", "RESIDENT_TEMPORAIRE": "RESIDENT_TEMPORAIRE",
    "DEMANDEUR_ASILE": "DEMANDEUR_ASILE", "REFUGIE": "REFUGIE", "CITOYEN_CANADIEN": "CITOYEN_CANADIEN",
    "AUTRE": "RESIDENT_TEMPORAIRE",
}
CATEGORIE_INTIMM = {
    "TRAVAILLEUR_QUALIFIE": "Travailleur qualifié", "REGROUPEMENT_FAMILIAL": "Regroupement familial",
    "REFUGIE": "Réfugié pris en charge par l'État", "DEMANDEUR_ASILE": "Demandeur d'asile",
    "TRAVAILLEUR_TEMPORAIRE": "Travailleur étranger temporaire", "ETUDIANT_ETRANGER": "Étudiant étranger",
    "AUTRE": "Autre",
}
# (durée en jours du premier au dernier jour, journées de présence possibles, sessions max)
RYTHMES = {"TC": (74, 55), "TP": (75, 22), "EL": (68, 30)}
PROBA_REUSSITE = 0.715
MOTIF_INVALIDE = "date impossible"
# Sigles d'inscriptions absents de ref_cours.csv (cours retirés ou pas encore au référentiel).
SIGLES_HORS_REFERENTIEL = ("FIA-TC8", "FRT-INF", "ATL-FAM")
TAUX_HORS_REFERENTIEL = 0.004  # part des personnes avec une inscription à un tel sigle
TAUX_PAYS_INCONNU_NES_AU_CANADA = 0.08  # pays de naissance vide chez les personnes nées au Canada
_TIRAGE_PRESTATAIRE = Tirage(("OBNL", "CEGEP", "UNIVERSITE", "AUTRE"), (40, 30, 20, 10))


class DomaineFrancisation:
    def __init__(self, ctx: Contexte, fabrique_fictifs: FabriquePersonnes) -> None:
        self.ctx = ctx
        self.rng = sous_generateur(ctx.parametres.graine, "francisation")
        self.rng_regles = sous_generateur(ctx.parametres.graine, "francisation:regles")
        self.defauts = ctx.defauts("francisation")
        e = ctx.ecrivains
        self.personnes = e["intimm_personnes.csv"]
        self.inscriptions = e["intimm_inscriptions.csv"]
        self.evaluations = e["intimm_evaluations.csv"]
        self.fictifs = fabrique_fictifs
        self.fin = ctx.parametres.date_extraction

    def _cours(self, filiere: str, niveau: int, scol9: bool) -> Cours:
        rng = self.rng
        if filiere == "EL":
            return COURS_PAR_SIGLE[f"FEL-{min(niveau, 4)}"]
        if not scol9:
            return COURS_PAR_SIGLE[f"FIPA-{min(niveau, 4)}"]
        if filiere == "TC":
            return COURS_PAR_SIGLE[f"FIA-TC{min(niveau, 7)}"]
        r = rng.random()
        if r < 0.08:
            return COURS_PAR_SIGLE["FMT-01" if niveau <= 3 else "FMT-02"]
        if r < 0.13:
            return COURS_PAR_SIGLE[choix(rng, ("AUT-CONV", "AUT-PREP"))]
        if niveau >= 5 and r < 0.25:
            return COURS_PAR_SIGLE[choix(rng, ("FRT-SAN", "FRT-GEN", "FRT-ADM", "FRT-EDU"))]
        return COURS_PAR_SIGLE[f"FIA-TP{min(niveau, 5)}"]

    def _resultat(self, cible: int, reussi: bool) -> int:
        if reussi:
            return min(12, cible + choix(self.rng, (0, 0, 0, 1)))
        return max(1, cible - choix(self.rng, (1, 1, 2)))

    def _evaluations(
        self, cours: Cours, debut: date, fin: date, statut: str, jours: int
    ) -> tuple[list[Evaluation], bool]:
        """Évaluations d'une session et réussite (cibles CO et PO atteintes)."""
        rng, taux = self.rng, self.defauts.taux
        evaluations: list[Evaluation] = []
        reussi = False
        if jours >= 1 and rng.random() < 0.22:
            jour = debut + timedelta(days=entier(rng, 20, 50))
            if jour <= self.fin:
                comp = choix(rng, ("CO", "PO"))
                evaluations.append(Evaluation(comp, "FORMATIVE", max(1, cours.niveau + entier(rng, -1, 1)), jour))
        if statut != "TERMINEE" or not cours.evaluation_sommative_finale:
            return evaluations, statut == "TERMINEE" and rng.random() < 0.75
        jour = fin - timedelta(days=entier(rng, 0, 4))
        cible_co = cours.niveau_cible_co or cours.niveau
        cible_po = cours.niveau_cible_po or cours.niveau
        reussi = rng.random() < PROBA_REUSSITE
        if reussi:
            co, po = self._resultat(cible_co, True), self._resultat(cible_po, True)
        else:
            r = rng.random()  # échec : CO seule, PO seule, ou les deux sous la cible
            co = self._resultat(cible_co, 0.4 <= r < 0.8)
            po = self._resultat(cible_po, r < 0.4)
        resultats: dict[str, int | None] = {"CO": co, "PO": po}
        if rng.random() < 0.025:
            resultats[choix(rng, ("CO", "PO"))] = None  # NE
        for comp in ("CE", "PE"):
            if rng.random() < 0.75:
                resultats[comp] = None if rng.random() < 0.03 else max(1, min(12, cours.niveau + entier(rng, -1, 1)))
        if rng.random() < 0.01:
            del resultats["PO"]  # sommative de PO jamais saisie
        for comp, valeur in resultats.items():
            evaluations.append(Evaluation(comp, "SOMMATIVE_FINALE", valeur, jour))
        if taux.reevaluation and rng.random() < taux.reevaluation:
            jour2 = jour + timedelta(days=entier(rng, 5, 20))
            if jour2 <= self.fin:
                comp = choix(rng, ("CO", "PO"))
                cible = cible_co if comp == "CO" else cible_po
                evaluations.append(
                    Evaluation(comp, "SOMMATIVE_FINALE", self._resultat(cible, rng.random() < 0.6), jour2)
                )
        return evaluations, reussi

    def _sessions(self, p: Personne) -> list[tuple[InscriptionCours, Cours, str, str]]:
        rng = self.rng
        r = rng.random()
        filiere = "TC" if r < 0.45 else ("TP" if r < 0.85 else "EL")
        scol9 = p.scolarite >= 9
        niveau = 1 if rng.random() < 0.55 else entier(rng, 2, 4)
        nb = choix(
            rng, {"TC": (1, 2, 2, 3, 3, 4, 4, 5, 6, 7), "TP": (1, 1, 2, 2, 3, 3, 4, 5), "EL": (1, 1, 2, 3)}[filiere]
        )
        debut = p.debut_au_quebec + timedelta(days=entier(rng, 0, 150))
        parallele = filiere == "TC" and rng.random() < 0.08
        sessions: list[tuple[InscriptionCours, Cours, str, str]] = []
        k = 0
        while k < nb:
            k += 1
            debut = debut + timedelta(days=(7 - debut.weekday()) % 7)  # un lundi
            cours = self._cours(filiere, niveau, scol9)
            duree, plein = RYTHMES[cours.intensite if cours.intensite in RYTHMES else filiere]
            fin = debut + timedelta(days=duree)
            statut, jours = self._statut(debut, fin, duree, plein)
            evaluations, reussi = self._evaluations(cours, debut, fin, statut, jours)
            intensite = "TC" if cours.intensite == "TC" else "TP"
            formule = "EN_LIGNE" if cours.intensite == "EL" else (
                "PRESENCE" if rng.random() < (0.8 if intensite == "TC" else 0.55) else "DISTANCE")
            ins = InscriptionCours("", cours.sigle, statut, debut, fin, jours, False, evaluations)
            sessions.append((ins, cours, intensite, formule))
            if parallele and k == 1:
                fel = COURS_PAR_SIGLE[f"FEL-{min(niveau, 4)}"]
                d2 = debut + timedelta(days=7)
                f2 = d2 + timedelta(days=RYTHMES["EL"][0])
                s2, j2 = self._statut(d2, f2, RYTHMES["EL"][0], RYTHMES["EL"][1])
                sessions.append((InscriptionCours("", fel.sigle, s2, d2, f2, j2, False, []), fel, "TP", "EN_LIGNE"))
            if debut > self.fin:
                break  # une seule inscription à venir
            if statut == "ABANDON" and rng.random() < 0.6:
                break
            if statut == "DESISTEMENT" and rng.random() < 0.5:
                break
            if reussi:
                niveau += 1
            debut = fin + timedelta(days=entier(rng, 7, 25))
        return sessions

    def _statut(self, debut: date, fin: date, duree: int, plein: int) -> tuple[str, int]:
        rng = self.rng
        if debut > self.fin:
            return ("ANNULEE" if rng.random() < 0.08 else "INSCRITE"), 0
        r = rng.random()
        ecoule = (self.fin - debut).days
        if r < 0.035:
            return "ANNULEE", 0
        if r < 0.075:
            return "DESISTEMENT", 0
        fraction = min(1.0, ecoule / duree)
        if r < 0.155 and ecoule >= 1:
            return "ABANDON", max(1, int(plein * fraction * rng.uniform(0.05, 0.6)))
        # r < 0.17 : désistement puis réactivation; l'extrait montre le statut courant.
        if fin < self.fin:
            return "TERMINEE", entier(rng, int(plein * 0.7), plein) - (1 if r < 0.17 else 0)
        return "EN_COURS", int(plein * fraction * rng.uniform(0.8, 1.0))

    def traiter(self, p: Personne) -> None:
        if "fr" not in p.services:
            return
        rng, d = self.rng, self.defauts
        sessions = [s for s in self._sessions(p) if s[0].date_debut >= DEBUT_COUVERTURE]
        if not sessions:
            return
        for ecrivain in (self.personnes, self.inscriptions, self.evaluations):
            ecrivain.nouvelle_entite()
        no_client = f"{self.ctx.prochain('no_client'):07d}"
        pays: str | None = p.pays_naissance if rng.random() > 0.005 else None  # pays inconnu
        if pays == "CAN" and self.rng_regles.random() < TAUX_PAYS_INCONNU_NES_AU_CANADA:
            pays = None  # née au Canada, pays vide : son statut CITOYEN_CANADIEN l'exclut
        statut = STATUT_INTIMM[p.statut]
        emettre(self.personnes, [(
            no_client, iso(p.date_naissance), "H" if p.sexe == "M" else p.sexe, pays or "",
            LANGUE_PAR_PAYS.get(p.pays_naissance, "Français" if rng.random() < 0.5 else "Anglais"),
            statut, CATEGORIE_INTIMM[p.categorie] if p.pays_naissance != "CAN" else "",
            str(p.scolarite) if rng.random() > 0.08 else "",
        )], d)
        meq = rng.random() < 0.28
        if meq:
            reseau, type_prest, code_prest, mifi = "MEQ", "CSS", f"CSS{entier(rng, 1, 72):03d}", False
        else:
            reseau = "MIFI"
            type_prest = _TIRAGE_PRESTATAIRE(rng)
            code_prest, mifi = f"MIFI{entier(rng, 1, 350):04d}", rng.random() < 0.88
        lignes_i: list[Ligne] = []
        lignes_e: list[Ligne] = []
        inscriptions: list[InscriptionCours] = []
        for ins, cours, intensite, formule in sessions:
            ins.no_inscription = f"{self.ctx.prochain('no_inscription'):09d}"
            r_type, t_prest, c_prest, ens, t_ins = reseau, type_prest, code_prest, mifi, "INDIVIDU"
            if cours.type_programme == "FEL":
                r_type, t_prest, c_prest, ens = "MIFI", "AUTRE", "FQ-EL", True
            elif cours.type_programme == "FMT":
                r_type, t_prest, c_prest, ens, t_ins = (
                    "MIFI", "MILIEU_TRAVAIL", f"ENT{entier(rng, 1, 500):04d}", rng.random() < 0.4, "EMPLOYEUR"
                )
            elif rng.random() < 0.03:
                t_ins = "EMPLOYEUR"
            ins.enseignant_mifi = ens
            inscriptions.append(ins)
            lignes_i.append((
                ins.no_inscription, no_client, ins.sigle_cours, r_type, d.code(intensite), d.code(formule), t_prest,
                c_prest, p.region if rng.random() < 0.95 else choix(rng, ("03", "06", "13", "16")), t_ins,
                iso(ins.date_debut), iso(ins.date_fin), ins.statut, str(ins.jours_presence), "O" if ens else "N",
            ))
            for ev in ins.evaluations:
                lignes_e.append((
                    ins.no_inscription, ev.competence, ev.type_evaluation,
                    "NE" if ev.resultat is None else str(ev.resultat), iso(ev.date_evaluation),
                ))
        emettre(self.inscriptions, lignes_i, d)
        emettre(self.evaluations, lignes_e, d)
        hors_referentiel = self._inscription_hors_referentiel(no_client, inscriptions, lignes_i[-1])
        self.ctx.verite.ajouter_eleve(pays, statut, inscriptions + hors_referentiel)
        self._lignes_invalides(no_client, inscriptions)

    def _inscription_hors_referentiel(
        self, no_client: str, inscriptions: list[InscriptionCours], modele: Ligne
    ) -> list[InscriptionCours]:
        """Parfois, une inscription de plus à un sigle absent de ref_cours (ligne ajoutée, sans
        évaluation), après une session de la personne : le projet l'exclut de 5.2.1 et de 3.1.3
        et la signale; la vérité l'exclut aussi (``participation_5_2_1``)."""
        rng = self.rng_regles
        if rng.random() >= TAUX_HORS_REFERENTIEL:
            return []
        sigle = choix(rng, SIGLES_HORS_REFERENTIEL)
        precedente = choix(rng, inscriptions)
        debut = precedente.date_fin + timedelta(days=entier(rng, 7, 30))
        debut = debut + timedelta(days=(7 - debut.weekday()) % 7)  # un lundi
        if debut > self.fin:
            return []
        duree, plein = RYTHMES["TP"]
        fin = debut + timedelta(days=duree)
        if fin < self.fin:
            statut, jours = "TERMINEE", entier(rng, int(plein * 0.7), plein)
        else:
            statut, jours = "EN_COURS", max(1, int(plein * min(1.0, (self.fin - debut).days / duree)))
        ins = InscriptionCours(f"{self.ctx.prochain('no_inscription'):09d}", sigle, statut, debut, fin, jours,
                               modele[14] == "O", [])
        # Même prestataire que la dernière session; codes écrits sans défaut (pas de tirage).
        self.inscriptions.ecrire((
            ins.no_inscription, no_client, sigle, modele[3], "TP", "PRESENCE", modele[6], modele[7], modele[8],
            "INDIVIDU", iso(debut), iso(fin), statut, str(jours), modele[14],
        ))
        return [ins]

    def _lignes_invalides(self, no_client: str, inscriptions: list[InscriptionCours]) -> None:
        d, rng = self.defauts, self.rng
        if d.invalide() and self.personnes.quarantaine_possible():
            fictif = self.fictifs.creer(date(2023, 1, 1), frozenset({"fr"}), nominative=False)
            self.personnes.ecrire_invalide((
                f"{self.ctx.prochain('no_client'):07d}", d.date_impossible_iso(1970 + entier(rng, 0, 30)),
                "F" if fictif.sexe == "F" else "H", fictif.pays_naissance, LANGUE_PAR_PAYS[fictif.pays_naissance],
                "RESIDENT_PERMANENT", "Travailleur qualifié", "14",
            ), MOTIF_INVALIDE)
        for ins in inscriptions:
            if d.invalide() and self.inscriptions.quarantaine_possible():
                annee = ins.date_debut.year
                self.inscriptions.ecrire_invalide((
                    f"{self.ctx.prochain('no_inscription'):09d}", no_client, ins.sigle_cours, "MIFI", "TC", "PRESENCE",
                    "OBNL", "MIFI0001", "06", "INDIVIDU", d.date_impossible_iso(annee), d.date_impossible_iso(annee),
                    "TERMINEE", "40", "O",
                ), MOTIF_INVALIDE)
            for _ in ins.evaluations:
                if d.invalide() and self.evaluations.quarantaine_possible():
                    self.evaluations.ecrire_invalide((
                        ins.no_inscription, "CE", "FORMATIVE", "5", d.date_impossible_iso(ins.date_debut.year),
                    ), MOTIF_INVALIDE)
