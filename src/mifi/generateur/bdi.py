"""BDI, banque des déclarations d'intérêt (1.1.1), et son diagnostic annuel des professions.

Des candidats à l'étranger déposent une ou plusieurs DI au fil du temps. Les expériences
sont codées en CNP 2016 (4 chiffres) avant la transition du 2023-11-16, en CNP 2021
(5 chiffres, FÉER) ensuite (quelques DI tardives gardent un code 2016). Le diagnostic
``ref_diagnostics_professions`` est publié par année civile et par version (2016 jusqu'en
2023, 2021 dès 2023), avec quelques professions absentes certaines années.
"""

from __future__ import annotations

from datetime import date, timedelta

from .aleatoire import Tirage, choix, entier
from .calendrier import ajouter_mois, fin_de_mois
from .contexte import Contexte, emettre, sous_generateur
from .contrat import entete_contrat
from .ecriture import EcrivainCsv, Ligne, iso
from .modele import Declaration, Diagnostic, Experience, PreuveFrancais
from .parametres import CANDIDATS_BDI_MENSUELS, CROISSANCE_ANNUELLE, DATE_BASCULE_CNP_2021, DEBUT_COUVERTURE, Parametres
from .referentiels import PAYS_IMMIGRATION, PAYS_RESIDENCE_AUTRES, PROFESSIONS

COLONNES_DECLARATIONS = entete_contrat("bdi_declarations.csv")
COLONNES_EXPERIENCES = entete_contrat("bdi_experiences.csv")
COLONNES_FRANCAIS = entete_contrat("bdi_francais.csv")
COLONNES_DIAGNOSTICS = entete_contrat("ref_diagnostics_professions.csv")
DIAGNOSTICS = ("DEFICIT", "LEGER_DEFICIT", "EQUILIBRE", "SURPLUS")
DIPLOMES = ("SECONDAIRE", "PROFESSIONNEL", "COLLEGIAL", "BACCALAUREAT", "MAITRISE", "DOCTORAT")
MOTIF_INVALIDE_DATE = "date impossible"
MOTIF_CODE = "code inconnu"

_TIRAGE_PAYS_BDI = Tirage([p for p, _, _ in PAYS_IMMIGRATION if p not in ("SYR", "AFG", "ERI", "IRQ")],
                          [w for p, w, _ in PAYS_IMMIGRATION if p not in ("SYR", "AFG", "ERI", "IRQ")])
_TIRAGE_DIPLOME = Tirage(DIPLOMES, (8, 18, 20, 32, 18, 4))
_TIRAGE_DIAGNOSTIC = Tirage(DIAGNOSTICS, (38, 24, 26, 12))


def construire_diagnostics(parametres: Parametres) -> dict[tuple[int, str, str], Diagnostic]:
    """Diagnostic de chaque (année, version, code). Persistant d'une année à l'autre."""
    rng = sous_generateur(parametres.graine, "diagnostics")
    diagnostics: dict[tuple[int, str, str], Diagnostic] = {}
    etat = {p.code_2016: _TIRAGE_DIAGNOSTIC(rng) for p in PROFESSIONS}
    for annee in range(DEBUT_COUVERTURE.year, parametres.date_extraction.year + 1):
        for p in PROFESSIONS:
            if rng.random() < 0.18:
                etat[p.code_2016] = _TIRAGE_DIAGNOSTIC(rng)
            for version in ("2016", "2021"):
                if (version == "2016" and annee > 2023) or (version == "2021" and annee < 2023):
                    continue
                if rng.random() < 0.04:
                    continue  # profession absente du diagnostic cette année-là
                code, niveau = (p.code_2016, p.niveau_competence) if version == "2016" else (p.code_2021, p.feer)
                diagnostics[(annee, version, code)] = Diagnostic(etat[p.code_2016], niveau)
    return diagnostics


def ecrire_diagnostics(
    ecrivain: EcrivainCsv, diagnostics: dict[tuple[int, str, str], Diagnostic], parametres: Parametres
) -> None:
    rng = sous_generateur(parametres.graine, "diagnostics:lignes")
    for (annee, version, code), diag in sorted(diagnostics.items()):
        ligne = (
            str(annee), version, code,
            diag.niveau if version == "2016" else "", diag.niveau if version == "2021" else "",
            diag.diagnostic,
        )
        ecrivain.nouvelle_entite()
        ecrivain.ecrire(ligne)
        if rng.random() < 0.006:
            ecrivain.ecrire(ligne)
    # Lignes invalides : diagnostic inconnu pour un code que personne ne déclare.
    for annee, version, code in ((2023, "2016", "9999"), (2024, "2021", "99999")):
        if annee <= parametres.date_extraction.year and ecrivain.quarantaine_possible():
            ecrivain.ecrire_invalide((str(annee), version, code, "" if version == "2021" else "B",
                                      "2" if version == "2021" else "", "PENURIE"), MOTIF_CODE)


class DomaineBdi:
    def __init__(self, ctx: Contexte) -> None:
        self.ctx = ctx
        self.rng = sous_generateur(ctx.parametres.graine, "bdi")
        self.defauts = ctx.defauts("bdi")
        e = ctx.ecrivains
        self.declarations = e["bdi_declarations.csv"]
        self.experiences = e["bdi_experiences.csv"]
        self.francais = e["bdi_francais.csv"]
        self.fin = ctx.parametres.date_extraction
        self._professions_2021 = {p.code_2016: p.code_2021 for p in PROFESSIONS}
        # Professions pondérées : les métiers en demande sont plus souvent déclarés.
        self._codes = [p.code_2016 for p in PROFESSIONS]

    def generer(self) -> None:
        rng = self.rng
        reliquat = 0.0
        a, m = DEBUT_COUVERTURE.year, DEBUT_COUVERTURE.month
        while (a, m) <= (self.fin.year, self.fin.month):
            dernier = min(fin_de_mois(a, m), self.fin)
            croissance = 1.0 + CROISSANCE_ANNUELLE * 2 * ((a - 2022) + (m - 1) / 12.0)
            reliquat += (
                CANDIDATS_BDI_MENSUELS * self.ctx.parametres.echelle * croissance * dernier.day / fin_de_mois(a, m).day
            )
            n = int(reliquat)
            reliquat -= n
            for _ in range(n):
                self._candidat(date(a, m, entier(rng, 1, dernier.day)))
            a, m = ajouter_mois(a, m, 1)

    def _candidat(self, premier_depot: date) -> None:
        rng, d = self.rng, self.defauts
        for ecrivain in (self.declarations, self.experiences, self.francais):
            ecrivain.nouvelle_entite()
        no_candidat = f"{self.ctx.prochain('no_candidat'):08d}"
        pays = _TIRAGE_PAYS_BDI(rng)
        residence = pays if rng.random() < 0.85 else choix(rng, PAYS_RESIDENCE_AUTRES)
        naissance = premier_depot - timedelta(days=entier(rng, 21 * 365, 52 * 365))
        sexe = "F" if rng.random() < 0.46 else ("M" if rng.random() < 0.997 else "X")
        diplome = _TIRAGE_DIPLOME(rng)
        profession = choix(rng, self._codes)
        francophone = rng.random() < 0.55
        depots = [premier_depot]
        while len(depots) < 3 and rng.random() < 0.22:
            depots.append(depots[-1] + timedelta(days=entier(rng, 200, 520)))
        declarations: list[Declaration] = []
        l_di: list[Ligne] = []
        l_exp: list[Ligne] = []
        l_fr: list[Ligne] = []
        for depot in depots:
            if depot > self.fin:
                break
            no_di = f"{self.ctx.prochain('no_declaration'):09d}"
            di = Declaration(no_di, no_candidat, depot, rng.random() < 0.9)
            # Expériences : la profession principale, parfois d'autres.
            codes = [profession] + [choix(rng, self._codes) for _ in range(choix(rng, (0, 0, 0, 1, 1, 2)))]
            vus: set[str] = set()
            for code16 in codes:
                if code16 in vus:
                    continue
                vus.add(code16)
                if depot >= DATE_BASCULE_CNP_2021 and rng.random() > 0.01:
                    code, version = self._professions_2021[code16], "2021"
                else:
                    code, version = code16, "2016"
                mois = entier(rng, 12, 180) if rng.random() < 0.8 else entier(rng, 1, 11)
                di.experiences.append(Experience(code, version, mois))
            # Preuves de français.
            r = rng.random()
            if r < 0.55:
                base = entier(rng, 6, 11) if francophone else entier(rng, 3, 9)
                co = max(1, min(12, base + entier(rng, -1, 1)))
                po: int | None = max(1, min(12, base + entier(rng, -1, 1)))
                if rng.random() < 0.03:
                    po = None  # composante non déclarée
                di.preuves.append(PreuveFrancais("TEST", co, po))
                if rng.random() < 0.08:
                    di.preuves.append(PreuveFrancais("AUTODECLARATION", min(12, co + 1), min(12, (po or 6) + 1)))
            elif r < 0.74:
                di.preuves.append(PreuveFrancais("DIPLOME", None, None))
            elif r < 0.94:
                niveau = entier(rng, 4, 12)
                di.preuves.append(PreuveFrancais("AUTODECLARATION", niveau, max(1, niveau - entier(rng, 0, 2))))
            declarations.append(di)
            age_jours = (self.fin - depot).days
            r = rng.random()
            statut = (
                "INVITEE" if r < 0.07 else ("RETIREE" if r < 0.11 else ("ACTIVE" if age_jours < 365 else "EXPIREE"))
            )
            l_di.append((
                no_di, no_candidat, iso(depot), statut, iso(naissance), sexe, pays, residence, diplome,
                "O" if rng.random() < 0.35 else "N", "O" if di.en_emploi else "N", "O" if rng.random() < 0.45 else "N",
                str(choix(rng, (0, 0, 0, 1, 1, 2, 2, 3, 4))),
            ))
            for exp in di.experiences:
                l_exp.append((no_di, exp.code_profession, exp.version_cnp, str(exp.mois_experience)))
            for pr in di.preuves:
                l_fr.append((
                    no_di, d.code(pr.type_preuve), "" if pr.niveau_co is None else str(pr.niveau_co),
                    "" if pr.niveau_po is None else str(pr.niveau_po),
                ))
        if not declarations:
            return
        emettre(self.declarations, l_di, d)
        emettre(self.experiences, l_exp, d)
        emettre(self.francais, l_fr, d)
        self.ctx.verite.ajouter_candidat_bdi(declarations)
        self._lignes_invalides(declarations)

    def _lignes_invalides(self, declarations: list[Declaration]) -> None:
        d = self.defauts
        if d.invalide() and self.declarations.quarantaine_possible():
            depot = declarations[0].date_depot
            self.declarations.ecrire_invalide((
                f"{self.ctx.prochain('no_declaration'):09d}", f"{self.ctx.prochain('no_candidat'):08d}",
                d.date_impossible_iso(depot.year),
                "ACTIVE", "1990-05-14", "F", "FRA", "FRA", "MAITRISE", "O", "O", "N", "0",
            ), MOTIF_INVALIDE_DATE)
        for di in declarations:
            # Expérience d'une version CNP inconnue : jamais appariable au diagnostic.
            if d.invalide() and self.experiences.quarantaine_possible():
                exp = di.experiences[0]
                self.experiences.ecrire_invalide((di.no_declaration, exp.code_profession, "2011", "36"), MOTIF_CODE)
            # Preuve d'un type inconnu.
            if d.invalide() and self.francais.quarantaine_possible():
                self.francais.ecrire_invalide((di.no_declaration, "EXAMEN", "9", "9"), MOTIF_CODE)
