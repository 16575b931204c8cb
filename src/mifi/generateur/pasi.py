"""PASI (3.1.2) : services d'accueil et d'intégration, CERIGES jusqu'au 2023-06-30 puis GSI.

Une personne garde un seul ``no_dossier`` CERIGES et un seul ``id_personne`` GSI; elle peut
figurer dans les deux systèmes. Chaque ligne reprend son nom, son prénom et sa date de
naissance (variantes d'écriture possibles). Défauts : doublons exacts, codes de volet en
casse ou avec espaces, volets hors PASI, lignes du mauvais côté de la bascule, lignes
invalides (date impossible) d'un dossier fictif.
"""

from __future__ import annotations

from datetime import date, timedelta

from .aleatoire import choix, entier
from .contexte import Contexte, emettre, sous_generateur
from .contrat import entete_contrat
from .ecriture import Ligne, iso, jjmmaaaa
from .modele import ServicePasi
from .parametres import DATE_BASCULE_GSI, DEBUT_COUVERTURE
from .population import FabriquePersonnes, Personne

COLONNES_CERIGES = entete_contrat("ceriges_services.csv")
COLONNES_GSI = entete_contrat("gsi_services.csv")
STATUT_CERIGES = {
    "RESIDENT_PERMANENT": "RP", "RESIDENT_TEMPORAIRE": "RT", "DEMANDEUR_ASILE": "DA", "REFUGIE": "RF",
    "CITOYEN_CANADIEN": "CC", "AUTRE": "AU",
}
SERVICES_CERIGES = {
    1: ("S110", "S120", "S130"), 2: ("S210", "S220", "S230", "S240"), 3: ("S310", "S320"), 4: ("S410", "S420"),
}
SERVICES_GSI = {
    1: ("Soutien au plan d'action (Accompagnement Québec)", "Référencement par un AAI"),
    2: ("Séance d'information", "Accompagnement individuel", "Activité collective", "Aide à l'installation"),
    3: ("Accueil à l'aéroport", "Installation des personnes réfugiées"),
    4: ("Soutien aux personnes demandeuses d'asile", "Accompagnement juridique de première ligne"),
}
VOLET_CERIGES = {1: "V1", 2: "V2", 3: "V3", 4: "V4"}
VOLETS_INCONNUS_CERIGES = ("V9", "V5", "V0", "VX")
VOLETS_INCONNUS_GSI = ("5", "9", "0", "6")
MOTIF_INVALIDE = "date impossible"
MOTIF_BASCULE = "hors periode du systeme"
MOTIF_VOLET = "volet hors PASI"


class DomainePasi:
    def __init__(self, ctx: Contexte, fabrique_fictifs: FabriquePersonnes) -> None:
        self.ctx = ctx
        self.rng = sous_generateur(ctx.parametres.graine, "pasi")
        self.defauts = ctx.defauts("pasi")
        self.ceriges = ctx.ecrivains["ceriges_services.csv"]
        self.gsi = ctx.ecrivains["gsi_services.csv"]
        self.fictifs = fabrique_fictifs
        self.fin = ctx.parametres.date_extraction

    # --- événements -------------------------------------------------------------------
    def _volets_possibles(self, p: Personne) -> list[int]:
        volets = [2]
        if "aq" in p.services:
            volets.append(1)
        if p.categorie == "REFUGIE":
            volets.append(3)
        if p.categorie == "DEMANDEUR_ASILE":
            volets.append(4)
        return volets

    def _services(self, p: Personne) -> list[tuple[date, int]]:
        rng = self.rng
        debut = p.debut_au_quebec + timedelta(days=entier(rng, 0, 45))
        r = rng.random()
        etendue = entier(rng, 0, 90) if r < 0.55 else (entier(rng, 90, 365) if r < 0.9 else entier(rng, 365, 700))
        n = 1
        while n < 12 and rng.random() < 0.58:
            n += 1
        volets = self._volets_possibles(p)
        principal = volets[-1]
        services = []
        for _ in range(n):
            jour = debut + timedelta(days=entier(rng, 0, etendue))
            if jour < DEBUT_COUVERTURE or jour > self.fin:
                continue
            volet = principal if rng.random() < 0.7 else choix(rng, volets)
            services.append((jour, volet))
        services.sort()
        return services

    # --- traitement d'une personne ----------------------------------------------------
    def traiter(self, p: Personne) -> None:
        if "pasi" not in p.services:
            return
        rng, d = self.rng, self.defauts
        self.ceriges.nouvelle_entite()
        self.gsi.nouvelle_entite()
        services = self._services(p)
        evenements: list[ServicePasi] = []
        lignes_c: list[Ligne] = []
        lignes_g: list[Ligne] = []
        organisme = entier(rng, 1, 400)
        no_dossier: str | None = None
        id_personne: str | None = None
        id_arrima_gsi = p.id_arrima if (p.id_arrima and rng.random() < 0.8) else ""

        def ligne_ceriges(jour: date, code_volet: str, code_service: str) -> Ligne:
            return (
                no_dossier or "", d.ecrire_nom(p.nom), d.ecrire_nom(p.prenom), jjmmaaaa(p.date_naissance),
                "H" if p.sexe == "M" else p.sexe, p.pays_naissance, STATUT_CERIGES[p.statut], jjmmaaaa(p.date_arrivee),
                f"{organisme:04d}", p.region, d.code(code_volet), jjmmaaaa(jour), code_service,
            )

        def ligne_gsi(jour: date, code_volet: str, type_service: str) -> Ligne:
            return (
                id_personne or "", id_arrima_gsi, d.ecrire_nom(p.nom, utf8=True), d.ecrire_nom(p.prenom, utf8=True),
                iso(p.date_naissance),
                p.sexe, p.pays_naissance, p.statut, iso(p.date_arrivee), f"ORG{organisme:05d}", p.region,
                d.code(code_volet), iso(jour), type_service,
            )

        def dossier_ceriges() -> None:
            nonlocal no_dossier
            if no_dossier is None:
                no_dossier = f"{self.ctx.prochain('no_dossier'):08d}"
                self.ctx.identites.ajouter("ceriges_services", no_dossier, p.id)

        def dossier_gsi() -> None:
            nonlocal id_personne
            if id_personne is None:
                id_personne = f"{self.ctx.prochain('id_personne'):09d}"
                self.ctx.identites.ajouter("gsi_services", id_personne, p.id)

        for jour, volet in services:
            if jour < DATE_BASCULE_GSI:
                dossier_ceriges()
                code = VOLET_CERIGES[volet] if not (volet == 1 and rng.random() < 0.6) else "V1A"
                evenements.append(ServicePasi("CERIGES", jour, code))
                lignes_c.append(ligne_ceriges(jour, code, choix(rng, SERVICES_CERIGES[volet])))
            else:
                dossier_gsi()
                code = str(volet)
                evenements.append(ServicePasi("GSI", jour, code))
                lignes_g.append(ligne_gsi(jour, code, choix(rng, SERVICES_GSI[volet])))
        emettre(self.ceriges, lignes_c, d)
        emettre(self.gsi, lignes_g, d)

        # Services d'un volet hors PASI (exclus et signalés).
        for jour, _volet in services:
            if rng.random() < d.taux.volet_inconnu:
                if jour < DATE_BASCULE_GSI and self.ceriges.quarantaine_possible():
                    code = choix(rng, VOLETS_INCONNUS_CERIGES)
                    evenements.append(ServicePasi("CERIGES", jour, code))
                    self.ceriges.ecrire_invalide(ligne_ceriges(jour, code, "S900"), MOTIF_VOLET)
                elif jour >= DATE_BASCULE_GSI and self.gsi.quarantaine_possible():
                    code = choix(rng, VOLETS_INCONNUS_GSI)
                    evenements.append(ServicePasi("GSI", jour, code))
                    self.gsi.ecrire_invalide(ligne_gsi(jour, code, "Service hors programme"), MOTIF_VOLET)

        # Lignes du mauvais côté de la bascule (saisie tardive dans CERIGES, reprise de données
        # dans GSI) pour des personnes actives autour du 1er juillet 2023.
        if any(date(2023, 5, 1) <= j <= date(2023, 9, 30) for j, _ in services) and rng.random() < d.taux.mauvais_cote:
            volet = services[0][1]
            if rng.random() < 0.5:
                jour = date(2023, 7, 1) + timedelta(days=entier(rng, 0, 60))
                if jour <= self.fin and self.ceriges.quarantaine_possible():
                    dossier_ceriges()
                    code = VOLET_CERIGES[volet]
                    evenements.append(ServicePasi("CERIGES", jour, code))
                    self.ceriges.ecrire_invalide(ligne_ceriges(jour, code, SERVICES_CERIGES[volet][0]), MOTIF_BASCULE)
            else:
                jour = date(2023, 6, 30) - timedelta(days=entier(rng, 0, 45))
                if jour <= self.fin and self.gsi.quarantaine_possible():
                    dossier_gsi()
                    code = str(volet)
                    evenements.append(ServicePasi("GSI", jour, code))
                    self.gsi.ecrire_invalide(ligne_gsi(jour, code, SERVICES_GSI[volet][0]), MOTIF_BASCULE)

        self.ctx.verite.ajouter_personne_pasi(evenements)
        self._lignes_invalides(len(lignes_c), len(lignes_g))

    def _lignes_invalides(self, n_ceriges: int, n_gsi: int) -> None:
        """Lignes invalides d'un dossier fictif (jamais une personne réelle)."""
        d = self.defauts
        for n, ecrivain in ((n_ceriges, self.ceriges), (n_gsi, self.gsi)):
            for _ in range(n):
                if not d.invalide() or not ecrivain.quarantaine_possible():
                    continue
                fictif = self.fictifs.creer(date(2023, 1, 1), frozenset({"pasi"}))
                annee = (
                    choix(self.rng, (2022, 2023)) if ecrivain is self.ceriges else choix(self.rng, (2023, 2024, 2025))
                )
                if ecrivain is self.ceriges:
                    ligne: Ligne = (
                        f"{self.ctx.prochain('no_dossier'):08d}", fictif.nom, fictif.prenom,
                        jjmmaaaa(fictif.date_naissance), "H" if fictif.sexe == "M" else fictif.sexe,
                        fictif.pays_naissance, "RP", "", "0001", fictif.region, "V2", d.date_impossible_jma(annee),
                        "S210",
                    )
                else:
                    ligne = (
                        f"{self.ctx.prochain('id_personne'):09d}", "", fictif.nom, fictif.prenom,
                        iso(fictif.date_naissance), fictif.sexe, fictif.pays_naissance, "RESIDENT_PERMANENT", "",
                        "ORG00001", fictif.region, "2", d.date_impossible_iso(annee), "Séance d'information",
                    )
                ecrivain.ecrire_invalide(ligne, MOTIF_INVALIDE)
