"""ARRIMA, Power App AQ et DDRC (indicateurs 2.2.1 et 3.1.1).

- ``arrima_clients`` : une ligne par personne (identifiant ARRIMA unique);
- Accompagnement Québec : inscriptions (admissibles ou non, annulées...) et rencontres avec un
  agent d'aide à l'intégration (évaluation des besoins, suivis; absences, annulations);
- reconnaissance des compétences : accompagnements CRRC et Qualifications Québec, aides
  PAFFARC (accordées, refusées, annulées), projets de recrutement DDRC (classeur Excel, un
  onglet par projet, sans identifiant ARRIMA; une partie des participants n'a pas de dossier
  ARRIMA).

Règle « personne immigrante » (2.2.1) : quelques clients ARRIMA ont un pays de naissance vide;
quelques participants DDRC sont nés au Canada ou ont un pays vide dans le classeur (tirages
d'un générateur aléatoire à part, pour ne pas décaler les autres).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from .aleatoire import choix, entier
from .contexte import Contexte, emettre, sous_generateur
from .contrat import entete_contrat
from .ecriture import Ligne, ajouter_lignes, enregistrer_classeur, iso, nouveau_classeur
from .modele import Accompagnement, AidePaffarc, InscriptionAQ, ParticipationDdrc, Rencontre
from .parametres import DATE_BASCULE_CNP_2021, DEBUT_COUVERTURE, PARTICIPANTS_PAR_PROJET_DDRC
from .population import FabriquePersonnes, Personne
from .referentiels import DIRECTION_REGIONALE, PROFESSIONS, Profession

COLONNES_CLIENTS = entete_contrat("arrima_clients.csv")
COLONNES_AQ = entete_contrat("arrima_aq_inscriptions.csv")
COLONNES_RENCONTRES = entete_contrat("powerapp_aq_rencontres.csv")
COLONNES_RC = entete_contrat("arrima_rc_accompagnements.csv")
COLONNES_PAFFARC = entete_contrat("arrima_paffarc_aides.csv")
ENTETE_DDRC = entete_contrat("ddrc_projets_recrutement.xlsx")
MOTIF_INVALIDE = "date impossible"
TAUX_PAYS_INCONNU_ARRIMA = 0.03  # clients ARRIMA au pays de naissance vide
TAUX_NES_AU_CANADA_DDRC = 0.04  # participants DDRC nés au Canada
TAUX_PAYS_INCONNU_DDRC = 0.04  # participants DDRC au pays de naissance vide dans le classeur

# Professions réglementées fréquentes en reconnaissance des compétences (codes CNP 2016).
_PROFESSIONS_RC = ("3012", "3233", "3413", "2131", "2132", "2133", "3111", "3112", "3131", "3142", "4032",
                   "4214", "7241", "7251", "7237", "7321", "1111", "4152", "3211", "2173")
_PAR_CODE_2016 = {p.code_2016: p for p in PROFESSIONS}

# Projets de recrutement : (métier, code CNP 2016, pays, nom du pays)
_PROJETS = (
    ("Infirmières", "3012", "MAR", "Maroc"), ("Infirmières", "3012", "TUN", "Tunisie"),
    ("Infirmières", "3012", "CMR", "Cameroun"), ("Inf. auxiliaires", "3233", "CIV", "Côte d'Ivoire"),
    ("Préposés", "3413", "MDG", "Madagascar"), ("Soudeurs", "7237", "TUN", "Tunisie"),
    ("Électriciens", "7241", "FRA", "France"), ("Mécaniciens", "7321", "MAR", "Maroc"),
    ("Mécaniciens lourds", "7312", "COL", "Colombie"), ("Éducatrices", "4214", "FRA", "France"),
    ("Éducatrices", "4214", "BEL", "Belgique"), ("Enseignants", "4032", "FRA", "France"),
    ("Technologistes", "3211", "PHL", "Philippines"), ("Bouchers", "9462", "BRA", "Brésil"),
    ("Cuisiniers", "6322", "MEX", "Mexique"), ("Camionneurs", "7511", "UKR", "Ukraine"),
    ("Ingénieurs civils", "2131", "DZA", "Algérie"), ("Charpentiers", "7271", "FRA", "France"),
    ("Infirmières", "3012", "BEN", "Bénin"), ("Préposés", "3413", "SEN", "Sénégal"),
)


def code_cnp(profession: Profession, jour: date) -> tuple[str, str]:
    """Code et version CNP en usage à une date (CNP 2021 depuis la transition)."""
    if jour >= DATE_BASCULE_CNP_2021:
        return profession.code_2021, "2021"
    return profession.code_2016, "2016"


@dataclass
class ProjetDdrc:
    nom: str
    debut: date
    profession: Profession
    pays: str
    taille: int
    lignes: list[list[Any]] = field(default_factory=list)


class DomaineArrima:
    def __init__(self, ctx: Contexte, fabrique_fictifs: FabriquePersonnes) -> None:
        self.ctx = ctx
        self.rng = sous_generateur(ctx.parametres.graine, "arrima")
        self.rng_ddrc = sous_generateur(ctx.parametres.graine, "ddrc")
        self.rng_pays = sous_generateur(ctx.parametres.graine, "arrima:pays")
        self.rng_ddrc_pays = sous_generateur(ctx.parametres.graine, "ddrc:pays")
        self.ddrc_pays_inconnu: set[str] = set()  # personnes au pays vide dans le classeur DDRC
        self.defauts = ctx.defauts("arrima")
        self.defauts_ddrc = ctx.defauts("ddrc")
        e = ctx.ecrivains
        self.clients = e["arrima_clients.csv"]
        self.aq = e["arrima_aq_inscriptions.csv"]
        self.rencontres = e["powerapp_aq_rencontres.csv"]
        self.rc = e["arrima_rc_accompagnements.csv"]
        self.paffarc = e["arrima_paffarc_aides.csv"]
        self.fictifs = fabrique_fictifs
        self.fin = ctx.parametres.date_extraction
        self.projets: list[ProjetDdrc] = []
        self._projets_par_nom: dict[str, ProjetDdrc] = {}
        self.identites_ddrc: list[tuple[str, str]] = []
        self.ddrc_invalides = 0
        self.ddrc_doublons = 0
        self.ddrc_lignes = 0

    # --- DDRC : projets ---------------------------------------------------------------
    def projets_du_mois(self, annee: int, mois: int) -> list[ProjetDdrc]:
        """Projets de recrutement lancés ce mois-ci (environ 8 par an, dès 2022)."""
        rng = self.rng_ddrc
        if date(annee, mois, 1) < DEBUT_COUVERTURE:
            return []
        nouveaux = []
        for _ in range(2):
            if rng.random() < 0.34:
                metier, code, pays, nom_pays = choix(rng, _PROJETS)
                dernier = min(self.fin, date(annee, mois, 28))
                debut = date(annee, mois, entier(rng, 1, dernier.day)) if dernier >= date(annee, mois, 1) else None
                if debut is None:
                    continue
                nom = f"{metier} {nom_pays} {annee}"[:31]
                noms = {p.nom for p in self.projets}
                suffixe = 2
                while nom in noms:
                    base = f"{metier} {nom_pays} {annee}"[:27]
                    nom = f"{base} ({suffixe})"
                    suffixe += 1
                lo, hi = PARTICIPANTS_PAR_PROJET_DDRC
                taille = max(1, round(entier(rng, lo, hi) * self.ctx.parametres.echelle))
                projet = ProjetDdrc(nom, debut, _PAR_CODE_2016[code], pays, taille)
                self.projets.append(projet)
                self._projets_par_nom[nom] = projet
                nouveaux.append(projet)
        return nouveaux

    def participants(self, projet: ProjetDdrc, fabrique: FabriquePersonnes) -> list[Personne]:
        rng = self.rng_ddrc
        personnes = []
        for _ in range(projet.taille):
            services = {"rc", "ddrc"}
            if rng.random() < 0.55:
                services.add("arrima")
                if rng.random() < 0.2:
                    services.add("aq")
            p = fabrique.creer(projet.debut, frozenset(services), pays=projet.pays, categorie="TRAVAILLEUR_QUALIFIE")
            r = self.rng_ddrc_pays.random()
            if r < TAUX_NES_AU_CANADA_DDRC:
                # Née au Canada (recrutée à l'étranger) : jamais comptée en 2.2.1.
                p.pays_naissance, p.categorie, p.statut = "CAN", "AUTRE", "CITOYEN_CANADIEN"
            elif r < TAUX_NES_AU_CANADA_DDRC + TAUX_PAYS_INCONNU_DDRC:
                self.ddrc_pays_inconnu.add(p.id)
            debut = projet.debut + timedelta(days=entier(rng, 0, 30))
            fin: date | None = debut + timedelta(days=entier(rng, 120, 400))
            if fin is not None and fin > self.fin:
                fin = None
            if debut <= self.fin:
                code, _ = code_cnp(projet.profession, projet.debut)
                p.ddrc.append((projet.nom, debut, fin, code))
            personnes.append(p)
        return personnes

    # --- une personne -----------------------------------------------------------------
    def traiter(self, p: Personne) -> None:
        a_dossier = "aq" in p.services or ("rc" in p.services and ("ddrc" not in p.services or "arrima" in p.services))
        participations = [ParticipationDdrc(nom, debut, fin) for nom, debut, fin, _ in p.ddrc]
        if not a_dossier:
            self._lignes_ddrc(p)
            if participations:
                self.ctx.verite.ajouter_personne_rc([], [], participations, self._pays_ddrc(p))
            return
        for ecrivain in (self.clients, self.aq, self.rencontres, self.rc, self.paffarc):
            ecrivain.nouvelle_entite()
        rng, d = self.rng, self.defauts
        p.id_arrima = f"{self.ctx.prochain('id_arrima'):08d}"
        self.ctx.identites.ajouter("arrima_clients", p.id_arrima, p.id)
        region = p.region if (p.date_arrivee is not None or rng.random() < 0.3) else ""
        pays = "" if self.rng_pays.random() < TAUX_PAYS_INCONNU_ARRIMA else p.pays_naissance
        emettre(self.clients, [(
            p.id_arrima, d.ecrire_nom(p.nom, utf8=True), d.ecrire_nom(p.prenom, utf8=True), iso(p.date_naissance),
            p.sexe, pays, p.categorie, iso(p.date_arrivee), region,
        )], d)
        if "aq" in p.services:
            self._accompagnement_quebec(p)
        accompagnements: list[Accompagnement] = []
        aides: list[AidePaffarc] = []
        if "rc" in p.services:
            accompagnements, aides = self._reconnaissance(p)
        self._lignes_ddrc(p)
        if accompagnements or aides or participations:
            # Personne qui a un dossier ARRIMA : le pays du client fait foi (même vide).
            self.ctx.verite.ajouter_personne_rc(accompagnements, aides, participations, pays or None)
        self._lignes_invalides(p)

    def _accompagnement_quebec(self, p: Personne) -> None:
        rng, d = self.rng, self.defauts
        inscriptions: list[InscriptionAQ] = []
        lignes_i: list[Ligne] = []
        dates_inscription = [p.entree]
        if rng.random() < 0.06:
            dates_inscription.append(p.entree + timedelta(days=entier(rng, 200, 500)))
        dr = DIRECTION_REGIONALE[p.region]
        for jour in dates_inscription:
            if jour > self.fin:
                continue
            admissible = rng.random() < 0.94
            r = rng.random()
            statut = "ANNULEE" if r < 0.04 else ("FERMEE" if (self.fin - jour).days > 365 and r < 0.8 else "ACTIVE")
            inscriptions.append(InscriptionAQ(jour, admissible, statut))
            lieu = "PRE_DEPART" if (p.pre_depart and (p.date_arrivee is None or jour < p.date_arrivee)) else "AU_QUEBEC"
            lignes_i.append((
                f"AQ{self.ctx.prochain('id_inscription_aq'):08d}", p.id_arrima or "", iso(jour),
                "O" if admissible else "N", lieu, statut, dr,
            ))
        emettre(self.aq, lignes_i, d)

        # Rencontres avec un AAI.
        agent = f"AAI{entier(rng, 1, 180):04d}"
        planifiees: list[tuple[date, str, str]] = []
        jour = p.entree + timedelta(days=entier(rng, 0, 75))
        if rng.random() < 0.04:
            jour = p.entree - timedelta(days=entier(rng, 1, 20))  # évaluation saisie avant l'inscription
        r = rng.random()
        statut = "TENUE" if r < 0.84 else ("ABSENCE" if r < 0.93 else "ANNULEE")
        planifiees.append((jour, "EVALUATION_BESOINS", statut))
        if statut != "TENUE" and rng.random() < 0.7:
            jour = jour + timedelta(days=entier(rng, 7, 40))
            planifiees.append((jour, "EVALUATION_BESOINS", "TENUE"))
        if rng.random() < 0.18:
            planifiees.append((jour + timedelta(days=entier(rng, 300, 500)), "EVALUATION_BESOINS", "TENUE"))
        for _ in range(choix(rng, (0, 1, 1, 2, 2, 3, 4))):
            r = rng.random()
            planifiees.append((jour + timedelta(days=entier(rng, 15, 300)), "SUIVI",
                               "TENUE" if r < 0.85 else ("ABSENCE" if r < 0.93 else "ANNULEE")))
        if rng.random() < 0.25:
            planifiees.append((jour + timedelta(days=entier(rng, 5, 200)), "AUTRE", "TENUE"))
        rencontres: list[Rencontre] = []
        lignes_r: list[Ligne] = []
        for jour_r, type_r, statut_r in sorted(planifiees):
            if jour_r < DEBUT_COUVERTURE or jour_r > self.fin:
                continue
            rencontres.append(Rencontre(jour_r, type_r, statut_r))
            lignes_r.append((
                f"R{self.ctx.prochain('id_rencontre'):09d}", p.id_arrima or "", iso(jour_r), type_r,
                d.code(statut_r), agent if rng.random() < 0.9 else f"AAI{entier(rng, 1, 180):04d}",
            ))
        emettre(self.rencontres, lignes_r, d)
        self.ctx.verite.ajouter_personne_aq(inscriptions, rencontres)

    def _reconnaissance(self, p: Personne) -> tuple[list[Accompagnement], list[AidePaffarc]]:
        rng, d = self.rng, self.defauts
        profession = _PAR_CODE_2016[choix(rng, _PROFESSIONS_RC)]
        if p.ddrc:
            debut = p.ddrc[0][1] + timedelta(days=entier(rng, 20, 200))
            crrc, qq, paffarc = rng.random() < 0.15, False, rng.random() < 0.35
        else:
            debut = p.debut_au_quebec + timedelta(days=entier(rng, 0, 200))
            r = rng.random()
            crrc = r < 0.65 or r > 0.88
            paffarc = r >= 0.65
            qq = rng.random() < 0.18
        accompagnements: list[Accompagnement] = []
        lignes_a: list[Ligne] = []
        for prestataire, actif in (("CRRC", crrc), ("QUALIFICATIONS_QUEBEC", qq)):
            if not actif:
                continue
            n = 2 if rng.random() < 0.1 else 1
            jour = debut + timedelta(days=entier(rng, 0, 60))
            for _ in range(n):
                fin: date | None = jour + timedelta(days=entier(rng, 60, 420))
                if fin is not None and fin > self.fin and rng.random() < 0.85:
                    fin = None  # en cours
                if jour <= self.fin and (fin is None or fin >= DEBUT_COUVERTURE):
                    accompagnements.append(Accompagnement(prestataire, jour, fin))
                    code, version = code_cnp(profession, jour)
                    lignes_a.append((
                        f"ACC{self.ctx.prochain('id_accompagnement'):07d}", p.id_arrima or "", d.code(prestataire),
                        iso(jour), iso(fin), code, version,
                    ))
                jour = jour + timedelta(days=entier(rng, 250, 500))
        emettre(self.rc, lignes_a, d)
        aides: list[AidePaffarc] = []
        lignes_p: list[Ligne] = []
        if paffarc:
            n = 2 if rng.random() < 0.15 else 1
            jour = debut + timedelta(days=entier(rng, 30, 240))
            for _ in range(n):
                r = rng.random()
                statut = "ACCORDEE" if r < 0.74 else ("REFUSEE" if r < 0.93 else "ANNULEE")
                if DEBUT_COUVERTURE <= jour <= self.fin:
                    aides.append(AidePaffarc(jour, statut))
                    code, version = code_cnp(profession, jour)
                    montant = f"{entier(rng, 300, 15000)}.{entier(rng, 0, 99):02d}" if statut == "ACCORDEE" else ""
                    lignes_p.append((
                        f"PAF{self.ctx.prochain('id_aide'):07d}", p.id_arrima or "", iso(jour), d.code(statut),
                        montant, code, version,
                    ))
                jour = jour + timedelta(days=entier(rng, 90, 400))
        emettre(self.paffarc, lignes_p, d)
        return accompagnements, aides

    # --- DDRC : lignes Excel ----------------------------------------------------------
    def _valeur_date(self, jour: date | None) -> Any:
        """Cellule date, ou parfois du texte JJ/MM/AAAA (saisie manuelle)."""
        if jour is None:
            return None
        if self.rng_ddrc.random() < 0.08:
            return f"{jour.day:02d}/{jour.month:02d}/{jour.year:04d}"
        return jour

    def _pays_ddrc(self, p: Personne) -> str | None:
        """Pays de naissance écrit dans le classeur DDRC (None : cellule vide)."""
        return None if p.id in self.ddrc_pays_inconnu else p.pays_naissance

    def _lignes_ddrc(self, p: Personne) -> None:
        d = self.defauts_ddrc
        for nom_projet, debut, fin, code in p.ddrc:
            projet = self._projets_par_nom[nom_projet]
            ligne = [
                d.ecrire_nom(p.nom), d.ecrire_nom(p.prenom), self._valeur_date(p.date_naissance), self._pays_ddrc(p),
                code, self._valeur_date(debut), self._valeur_date(fin),
            ]
            copies = 2 if self.rng_ddrc.random() < 0.015 else 1
            for _ in range(copies):
                projet.lignes.append(list(ligne))
                self.identites_ddrc.append((f"{projet.nom}#{len(projet.lignes) + 1}", p.id))
                self.ddrc_lignes += 1
            self.ddrc_doublons += copies - 1
            # Ligne invalide d'un participant fictif (date impossible saisie en texte).
            if self.rng_ddrc.random() < 0.006 and (self.ddrc_invalides + 1) <= 0.012 * (self.ddrc_lignes + 1):
                fictif = self.fictifs.creer(debut, frozenset({"rc"}))
                annee = debut.year
                projet.lignes.append([
                    fictif.nom, fictif.prenom, fictif.date_naissance, fictif.pays_naissance, code,
                    self.defauts_ddrc.date_impossible_jma(annee), None,
                ])
                self.ddrc_lignes += 1
                self.ddrc_invalides += 1

    def ecrire_ddrc(self) -> None:
        classeur = nouveau_classeur()
        classeur.remove(classeur.active)
        projets = [p for p in self.projets if p.lignes] or self.projets[:1]
        for projet in projets:
            feuille = classeur.create_sheet(projet.nom)
            feuille.append(list(ENTETE_DDRC))
            ajouter_lignes(feuille, projet.lignes)
        if not projets:
            feuille = classeur.create_sheet("Aucun projet")
            feuille.append(list(ENTETE_DDRC))
        enregistrer_classeur(classeur, self.ctx.parametres.sortie / "ddrc_projets_recrutement.xlsx")

    # --- lignes invalides ---------------------------------------------------------------
    def _lignes_invalides(self, p: Personne) -> None:
        d, rng = self.defauts, self.rng
        ident = p.id_arrima or ""
        annee = choix(rng, (2022, 2023, 2024, 2025))
        if d.invalide() and self.clients.quarantaine_possible():
            fictif = self.fictifs.creer(p.entree, frozenset({"aq"}))
            self.clients.ecrire_invalide((
                f"{self.ctx.prochain('id_arrima'):08d}", fictif.nom, fictif.prenom,
                d.date_impossible_iso(1980 + entier(rng, 0, 25)),
                fictif.sexe, fictif.pays_naissance, fictif.categorie, "", fictif.region,
            ), MOTIF_INVALIDE)
        if "aq" in p.services:
            if d.invalide() and self.aq.quarantaine_possible():
                self.aq.ecrire_invalide((
                    f"AQ{self.ctx.prochain('id_inscription_aq'):08d}", ident, d.date_impossible_iso(annee), "O",
                    "AU_QUEBEC", "ACTIVE", DIRECTION_REGIONALE[p.region],
                ), MOTIF_INVALIDE)
            for _ in range(3):
                if d.invalide() and self.rencontres.quarantaine_possible():
                    self.rencontres.ecrire_invalide((
                        f"R{self.ctx.prochain('id_rencontre'):09d}", ident, d.date_impossible_iso(annee),
                        "EVALUATION_BESOINS", "TENUE", f"AAI{entier(rng, 1, 180):04d}",
                    ), MOTIF_INVALIDE)
        if "rc" in p.services:
            if d.invalide() and self.rc.quarantaine_possible():
                self.rc.ecrire_invalide((
                    f"ACC{self.ctx.prochain('id_accompagnement'):07d}", ident, "CRRC", d.date_impossible_iso(annee),
                    "", "3012" if annee < 2024 else "31301", "2016" if annee < 2024 else "2021",
                ), MOTIF_INVALIDE)
            if d.invalide() and self.paffarc.quarantaine_possible():
                self.paffarc.ecrire_invalide((
                    f"PAF{self.ctx.prochain('id_aide'):07d}", ident, d.date_impossible_iso(annee), "ACCORDEE",
                    "2500.00", "3012" if annee < 2024 else "31301", "2016" if annee < 2024 else "2021",
                ), MOTIF_INVALIDE)
