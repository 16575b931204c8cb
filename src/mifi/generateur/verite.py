"""Vérité terrain : les règles des indicateurs et les décisions méthodologiques du projet
(docs/decisions_methodologiques.md) appliquées au modèle d'événements.

Les personnes sont les *vraies* personnes du générateur (pas des clés nominatives) : en mode
``aucun``, les défauts sont tous résolus exactement par les règles et le projet doit trouver
ces valeurs au chiffre près; en mode ``realiste``, l'écart mesure l'effet des coquilles et
des homonymes sur la règle nominative.

Chaque ``ajouter_*`` reçoit tout ce qui s'est passé pour une personne (ou un candidat, un
service numérique), applique la règle de l'indicateur, puis incrémente les fenêtres
concernées. Seuls des compteurs sont gardés en mémoire.

Chevauchement (décision commune) : une activité [début, fin] compte dans une fenêtre quand
``début <= fenetre.date_fin`` et ``fin >= fenetre.date_debut``; un événement ponctuel a
``début = fin``; une date de fin vide (accompagnement en cours) vaut ``date_extraction``.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from datetime import date
from typing import Any

from .calendrier import INDICATEURS, Fenetre, fenetres_publiees
from .modele import (
    Accompagnement,
    AidePaffarc,
    Declaration,
    Diagnostic,
    InscriptionAQ,
    InscriptionCours,
    ParticipationDdrc,
    Rencontre,
    ServiceNumerique,
    ServicePasi,
)
from .referentiels import COURS_PAR_SIGLE

DATE_BASCULE_GSI = date(2023, 7, 1)
VOLETS_PASI_CERIGES = {"V1": 1, "V1A": 1, "V2": 2, "V3": 3, "V4": 4}
VOLETS_PASI_GSI = {"1": 1, "2": 2, "3": 3, "4": 4}


class CompteurPersonnes:
    """Nombre de personnes distinctes par fenêtre : une personne compte dans une fenêtre dès
    qu'une de ses activités retenues la chevauche (une seule fois par fenêtre)."""

    def __init__(self, fenetres: Sequence[Fenetre]) -> None:
        self.fenetres = list(fenetres)
        self.valeurs = [0] * len(self.fenetres)
        # Les fenêtres d'une même année partagent leur date de début (cumuls depuis le début
        # de l'année) : on les regroupe pour ne tester qu'une fois le chevauchement de l'année.
        annees: dict[date, list[int]] = defaultdict(list)
        for i, f in enumerate(self.fenetres):
            annees[f.date_debut].append(i)
        self._annees = [
            (debut, max(self.fenetres[i].date_fin for i in indices), indices)
            for debut, indices in sorted(annees.items())
        ]

    def ajouter(self, activites: Iterable[tuple[date, date]]) -> None:
        activites = list(activites)
        if not activites:
            return
        for debut_annee, fin_annee, indices in self._annees:
            # Activités qui touchent l'année; la plus précoce décide des cumuls touchés :
            # [a, b] chevauche la fenêtre [debut_annee, f] ssi a <= f et b >= debut_annee.
            debuts = [a for a, b in activites if a <= fin_annee and b >= debut_annee]
            if not debuts:
                continue
            premier = min(debuts)
            for i in indices:
                if premier <= self.fenetres[i].date_fin:
                    self.valeurs[i] += 1


class CompteurProportion:
    """Numérateur et dénominateur par fenêtre, pour des unités ponctuelles datées."""

    def __init__(self, fenetres: Sequence[Fenetre]) -> None:
        self.fenetres = list(fenetres)
        self.numerateurs = [0] * len(self.fenetres)
        self.denominateurs = [0] * len(self.fenetres)

    def ajouter(self, jour: date, reussite: bool) -> None:
        for i, f in enumerate(self.fenetres):
            if f.date_debut <= jour <= f.date_fin:
                self.denominateurs[i] += 1
                if reussite:
                    self.numerateurs[i] += 1


class Verite:
    def __init__(self, date_extraction: date, diagnostics: dict[tuple[int, str, str], Diagnostic]) -> None:
        self.date_extraction = date_extraction
        self.diagnostics = diagnostics
        f = {i: fenetres_publiees(i, date_extraction) for i in INDICATEURS}
        # 1.1.1 compte des DI admissibles distinctes (chaque DI est une « unité » du compteur).
        self.c111 = CompteurPersonnes(f["1.1.1"])
        # Mesures complémentaires de 1.1.1 : candidats distincts ayant au moins une DI
        # admissible, et DI admissibles selon la méthode de la donnée de référence 2022.
        self.c111_candidats = CompteurPersonnes(f["1.1.1"])
        self.c111_reference = CompteurPersonnes(f["1.1.1"])
        self.c221 = CompteurPersonnes(f["2.2.1"])
        self.c311 = CompteurPersonnes(f["3.1.1"])
        self.c312 = CompteurPersonnes(f["3.1.2"])
        self.p313 = CompteurProportion(f["3.1.3"])
        self.c521 = CompteurPersonnes(f["5.2.1"])
        self.p611 = CompteurProportion(f["6.1.1"])

    # ----------------------------------------------------------------------------------
    # 1.1.1 — DI déposées par des candidats répondant aux besoins du Québec
    # ----------------------------------------------------------------------------------
    @staticmethod
    def seuil_oral(version_cnp: str, niveau: str) -> int:
        """Niveau oral exigé : 7 pour 0/A/B (CNP 2016) ou FÉER 0-3 (CNP 2021), sinon 5."""
        if version_cnp == "2016":
            return 7 if niveau in ("0", "A", "B") else 5
        return 7 if niveau in ("0", "1", "2", "3") else 5

    def declaration_admissible(self, di: Declaration, methode_reference: bool = False) -> bool:
        """DI admissible : en emploi, et UNE MÊME expérience qui a 12 mois ou plus dans une
        profession en DEFICIT ou LEGER_DEFICIT au diagnostic de l'année du dépôt (même version,
        même code; profession absente du diagnostic : non admissible) et une preuve de français
        suffisante pour le niveau de CETTE profession.
        Méthode de l'indicateur : TEST CO et PO >= seuil, ou DIPLOME (AUTODECLARATION refusée).
        Méthode de la donnée de référence 2022 (``methode_reference``) : un niveau oral déclaré,
        TEST ou AUTODECLARATION avec CO et PO >= seuil; DIPLOME ne compte pas."""
        if not di.en_emploi:
            return False
        for exp in di.experiences:
            if exp.mois_experience < 12:
                continue
            diag = self.diagnostics.get((di.date_depot.year, exp.version_cnp, exp.code_profession))
            if diag is None or diag.diagnostic not in ("DEFICIT", "LEGER_DEFICIT"):
                continue
            seuil = self.seuil_oral(exp.version_cnp, diag.niveau)
            for preuve in di.preuves:
                if preuve.type_preuve == "DIPLOME" and not methode_reference:
                    return True
                if (
                    (preuve.type_preuve == "TEST" or (methode_reference and preuve.type_preuve == "AUTODECLARATION"))
                    and preuve.niveau_co is not None
                    and preuve.niveau_po is not None
                    and preuve.niveau_co >= seuil
                    and preuve.niveau_po >= seuil
                ):
                    return True
        return False

    def ajouter_candidat_bdi(self, declarations: Sequence[Declaration]) -> None:
        """Chaque DI admissible déposée dans la fenêtre compte (1.1.1); le candidat compte une
        fois par fenêtre dès qu'il a une DI admissible (candidats_distincts); chaque DI
        admissible selon la méthode de la donnée de référence compte (di_methode_reference)."""
        admissibles = [di for di in declarations if self.declaration_admissible(di)]
        for di in admissibles:
            self.c111.ajouter([(di.date_depot, di.date_depot)])
        self.c111_candidats.ajouter((di.date_depot, di.date_depot) for di in admissibles)
        for di in declarations:
            if self.declaration_admissible(di, methode_reference=True):
                self.c111_reference.ajouter([(di.date_depot, di.date_depot)])

    # ----------------------------------------------------------------------------------
    # 2.2.1 — Personnes ayant reçu un service en reconnaissance des compétences
    # ----------------------------------------------------------------------------------
    def ajouter_personne_rc(
        self,
        accompagnements: Sequence[Accompagnement],
        aides: Sequence[AidePaffarc],
        participations_ddrc: Sequence[ParticipationDdrc],
        pays_naissance: str | None,
    ) -> None:
        """Personne immigrante seulement (``est_immigrante`` sans statut : ni ARRIMA ni DDRC n'en
        ont), d'après ``pays_naissance`` tel qu'écrit dans l'extrait : celui du client ARRIMA
        (même vide) si la personne a un dossier ARRIMA, sinon celui du classeur DDRC.
        Accompagnement CRRC (QUALIFICATIONS_QUEBEC exclu) ou DDRC : chaque fenêtre chevauchée
        par [date_debut, date_fin] (fin vide : date_extraction). Aide PAFFARC ACCORDEE :
        ponctuelle à date_decision."""
        if not self.est_immigrante(pays_naissance):
            return
        activites: list[tuple[date, date]] = []
        for acc in accompagnements:
            if acc.prestataire == "CRRC":
                activites.append((acc.date_debut, acc.date_fin or self.date_extraction))
        for part in participations_ddrc:
            activites.append((part.date_debut, part.date_fin or self.date_extraction))
        for aide in aides:
            if aide.statut == "ACCORDEE":
                activites.append((aide.date_decision, aide.date_decision))
        self.c221.ajouter(activites)

    # ----------------------------------------------------------------------------------
    # 3.1.1 — Personnes ayant bénéficié d'une évaluation des besoins (Accompagnement Québec)
    # ----------------------------------------------------------------------------------
    def ajouter_personne_aq(self, inscriptions: Sequence[InscriptionAQ], rencontres: Sequence[Rencontre]) -> None:
        """Rencontre EVALUATION_BESOINS TENUE dans la fenêtre, et une inscription AQ
        admissible, non ANNULEE, avec date_inscription <= date de la rencontre."""
        dates_admissibles = [
            i.date_inscription for i in inscriptions if i.admissible and i.statut != "ANNULEE"
        ]
        activites = []
        for r in rencontres:
            if (
                r.type_rencontre == "EVALUATION_BESOINS"
                and r.statut == "TENUE"
                and any(d <= r.date_rencontre for d in dates_admissibles)
            ):
                activites.append((r.date_rencontre, r.date_rencontre))
        self.c311.ajouter(activites)

    # ----------------------------------------------------------------------------------
    # 3.1.2 — Personnes ayant bénéficié des services du PASI
    # ----------------------------------------------------------------------------------
    @staticmethod
    def service_pasi_retenu(service: ServicePasi) -> bool:
        """CERIGES jusqu'au 2023-06-30 inclus, GSI à partir du 2023-07-01; volets 1 à 4
        (V1A appartient au volet 1), tout autre code exclu."""
        if service.systeme == "CERIGES":
            return service.date_service < DATE_BASCULE_GSI and service.volet in VOLETS_PASI_CERIGES
        return service.date_service >= DATE_BASCULE_GSI and service.volet in VOLETS_PASI_GSI

    def ajouter_personne_pasi(self, services: Sequence[ServicePasi]) -> None:
        """Personne unique (union des volets, CERIGES et GSI confondus) ayant un service retenu
        dans la fenêtre. La fenêtre non produite (T2 2023-2024) est vidée à la publication."""
        self.c312.ajouter((s.date_service, s.date_service) for s in services if self.service_pasi_retenu(s))

    # ----------------------------------------------------------------------------------
    # 5.2.1 et 3.1.3 — cours de français (Intimm)
    # ----------------------------------------------------------------------------------
    @staticmethod
    def est_immigrante(pays_naissance: str | None, statut_immigration: str | None = None) -> bool:
        """Personne immigrante, d'après l'extrait : pays de naissance connu -> immigrante si et
        seulement s'il diffère de CAN; pays inconnu (vide) -> immigrante, sauf si son statut
        d'immigration (Intimm) est CITOYEN_CANADIEN."""
        if pays_naissance:
            return pays_naissance != "CAN"
        return statut_immigration != "CITOYEN_CANADIEN"

    @staticmethod
    def participation_5_2_1(ins: InscriptionCours) -> bool:
        """Inscription ni ANNULEE ni DESISTEMENT, avec au moins une journée de présence
        (un ABANDON après au moins une journée compte), à un cours d'un programme normé du
        Ministère (ref_cours.programme_norme = O; un sigle absent de ref_cours ne compte pas)."""
        cours = COURS_PAR_SIGLE.get(ins.sigle_cours)
        return (
            cours is not None
            and cours.programme_norme
            and ins.statut not in ("ANNULEE", "DESISTEMENT")
            and ins.jours_presence >= 1
        )

    @staticmethod
    def niveau_sommatif(ins: InscriptionCours, competence: str) -> int | None:
        """Résultat SOMMATIVE_FINALE qui fait foi : le plus récent, puis le plus haut niveau en
        cas d'égalité; None si absent ou si celui qui fait foi est NE."""
        candidates = [
            e for e in ins.evaluations if e.type_evaluation == "SOMMATIVE_FINALE" and e.competence == competence
        ]
        if not candidates:
            return None
        retenue = max(candidates, key=lambda e: (e.date_evaluation, -1 if e.resultat is None else e.resultat))
        return retenue.resultat

    def resultat_3_1_3(
        self, pays_naissance: str | None, statut_immigration: str | None, ins: InscriptionCours
    ) -> bool | None:
        """None si la participation n'est pas retenue ou pas évaluée; sinon la réussite.
        Retenue : TERMINEE, cours normé, 9 ans de scolarité ou plus, évaluation sommative
        finale, enseignant du MIFI, personne immigrante, niveaux cibles CO et PO renseignés.
        Évaluée : résultat numérique en CO et en PO. Réussite : CO >= cible CO et PO >= cible PO."""
        cours = COURS_PAR_SIGLE.get(ins.sigle_cours)
        if (
            cours is None
            or ins.statut != "TERMINEE"
            or not cours.programme_norme
            or not cours.scolarite_9_ans_plus
            or not cours.evaluation_sommative_finale
            or not ins.enseignant_mifi
            or not self.est_immigrante(pays_naissance, statut_immigration)
            or cours.niveau_cible_co is None
            or cours.niveau_cible_po is None
        ):
            return None
        co = self.niveau_sommatif(ins, "CO")
        po = self.niveau_sommatif(ins, "PO")
        if co is None or po is None:
            return None
        return co >= cours.niveau_cible_co and po >= cours.niveau_cible_po

    def ajouter_eleve(
        self, pays_naissance: str | None, statut_immigration: str | None, inscriptions: Sequence[InscriptionCours]
    ) -> None:
        """``pays_naissance`` et ``statut_immigration`` tels qu'écrits dans intimm_personnes."""
        if self.est_immigrante(pays_naissance, statut_immigration):
            self.c521.ajouter((i.date_debut, i.date_fin) for i in inscriptions if self.participation_5_2_1(i))
        for ins in inscriptions:
            reussite = self.resultat_3_1_3(pays_naissance, statut_immigration, ins)
            if reussite is not None:
                # Fenêtre de la participation : celle de date_fin_cours (événement ponctuel).
                self.p313.ajouter(ins.date_fin, reussite)

    # ----------------------------------------------------------------------------------
    # 6.1.1 — Nouveaux services numériques conçus avec la participation des clientèles
    # ----------------------------------------------------------------------------------
    def ajouter_service_numerique(self, service: ServiceNumerique) -> None:
        """Dénominateur : Nouveau service = Oui mis en ligne dans la fenêtre; numérateur :
        parmi eux, Participation des clientèles en amont = Oui."""
        if service.nouveau:
            self.p611.ajouter(service.date_mise_en_ligne, service.participation)

    # ----------------------------------------------------------------------------------
    def _compteurs(self) -> dict[str, CompteurPersonnes | CompteurProportion]:
        return {"1.1.1": self.c111, "1.1.1/candidats": self.c111_candidats,
                "1.1.1/reference": self.c111_reference, "2.2.1": self.c221, "3.1.1": self.c311, "3.1.2": self.c312,
                "3.1.3": self.p313, "5.2.1": self.c521, "6.1.1": self.p611}

    def etat(self) -> dict[str, list[list[int]]]:
        """Compteurs bruts (sérialisables), pour fusionner les tâches parallèles."""
        etat: dict[str, list[list[int]]] = {}
        for ind, c in self._compteurs().items():
            etat[ind] = [c.valeurs] if isinstance(c, CompteurPersonnes) else [c.numerateurs, c.denominateurs]
        return etat

    def fusionner(self, etat: dict[str, list[list[int]]]) -> None:
        """Ajoute les compteurs d'une autre tâche (chaque indicateur n'est alimenté que par une
        tâche : la somme redonne ses valeurs)."""
        for ind, c in self._compteurs().items():
            cibles = [c.valeurs] if isinstance(c, CompteurPersonnes) else [c.numerateurs, c.denominateurs]
            for cible, source in zip(cibles, etat[ind]):
                for i, v in enumerate(source):
                    cible[i] += v

    def complements(self) -> dict[str, list[dict[str, Any]]]:
        """Mesures complémentaires (marts.fct_mesures_complementaires), par indicateur :
        1.1.1 ``candidats_distincts`` (chaque fenêtre) et ``di_methode_reference`` (fenêtres
        annuelles seulement)."""
        lignes = []
        for f, n_candidats, n_ref in zip(self.c111.fenetres, self.c111_candidats.valeurs, self.c111_reference.valeurs):
            fenetre = {"periode": f.periode, "granularite": f.granularite, "date_debut": f.date_debut.isoformat(),
                       "date_fin": f.date_fin.isoformat()}
            lignes.append({**fenetre, "mesure": "candidats_distincts", "valeur": float(n_candidats)})
            if f.granularite == "annuelle":
                lignes.append({**fenetre, "mesure": "di_methode_reference", "valeur": float(n_ref)})
        lignes.sort(key=lambda l: (l["mesure"], l["date_debut"], l["granularite"], l["date_fin"]))
        return {"1.1.1": lignes}

    def resultats(self) -> list[dict[str, Any]]:
        lignes: list[dict[str, Any]] = []

        def ligne(f: Fenetre, valeur: float | None, num: float | None, den: float | None) -> dict[str, Any]:
            produite = f.est_produite
            return {
                "indicateur_id": f.indicateur_id,
                "periode": f.periode,
                "granularite": f.granularite,
                "date_debut": f.date_debut.isoformat(),
                "date_fin": f.date_fin.isoformat(),
                "valeur": valeur if produite else None,
                "numerateur": num if produite else None,
                "denominateur": den if produite else None,
                "est_produite": produite,
            }

        for compteur in (self.c111, self.c221, self.c311, self.c312, self.c521):
            for f, v in zip(compteur.fenetres, compteur.valeurs):
                lignes.append(ligne(f, float(v), None, None))
        for prop in (self.p313, self.p611):
            for f, n, d in zip(prop.fenetres, prop.numerateurs, prop.denominateurs):
                lignes.append(ligne(f, (n / d) if d else None, float(n), float(d)))
        lignes.sort(key=lambda l: (l["indicateur_id"], l["date_debut"], l["granularite"], l["date_fin"]))
        return lignes
