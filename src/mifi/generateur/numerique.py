"""DGTNRI : nouveaux services numériques (6.1.1), classeur ``dgtnri_services_numeriques.xlsx``.

Onglet ``Suivi 6.1.1`` : titre et notes en lignes 1 à 3, en-tête en ligne 4. Liste courte
(25 à 40 services sur la période, jamais mise à l'échelle), noms inspirés du Plan de
transformation numérique (Arrima, Apprendre le français, Portail Employeurs, PSTQ, GSI...).
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from .aleatoire import choix, entier
from .calendrier import annee_financiere
from .contexte import Contexte, sous_generateur
from .contrat import entete_contrat, onglet_contrat
from .ecriture import ajouter_lignes, enregistrer_classeur, nouveau_classeur
from .modele import ServiceNumerique

ONGLET = onglet_contrat("dgtnri_services_numeriques.xlsx")
ENTETE = entete_contrat("dgtnri_services_numeriques.xlsx")
SERVICES = (
    "Apprendre le français - demande d'admission en ligne",
    "Apprendre le français - choix de cours et d'horaire",
    "Apprendre le français - demande d'allocation de participation",
    "Portail Employeurs - dépôt d'une offre d'emploi",
    "Portail Employeurs - consultation de la banque de candidatures",
    "Portail Employeurs - demande d'EIMT simplifiée",
    "PSTQ - déclaration d'intérêt",
    "PSTQ - demande de sélection permanente en ligne",
    "PSTQ - tableau de suivi de la demande",
    "PTET-OEP - demande en ligne",
    "Arrima - Mon dossier (espace client unique)",
    "Arrima - dépôt électronique des documents",
    "Arrima - paiement en ligne des frais",
    "Arrima - traçabilité des demandes en temps réel",
    "GSI - portail des organismes partenaires",
    "GSI - reddition de comptes trimestrielle en ligne",
    "Mon dossier - prise de rendez-vous avec un AAI",
    "Mon dossier - plan d'action personnalisé",
    "Accompagnement Québec - inscription en ligne",
    "Francisation Québec - test de classement en ligne",
    "Francisation Québec - attestation de réussite téléchargeable",
    "Reconnaissance des compétences - évaluation comparative en ligne",
    "PAFFARC - demande d'aide financière en ligne",
    "Programme de l'expérience québécoise - demande en ligne",
    "Certificat d'acceptation du Québec (études) - demande en ligne",
    "Certificat d'acceptation du Québec (travail) - demande en ligne",
    "Assistant virtuel - questions fréquentes",
    "Clavardage avec un agent",
    "Avis de décision électronique",
    "Formulaire de changement d'adresse",
    "Rappel de rendez-vous par texto",
    "Tableau de bord des organismes PASI",
    "Calculateur d'admissibilité aux programmes",
    "Portail des partenaires en francisation",
    "Prise de rendez-vous - séances d'information",
    "Déclaration des heures de formation en milieu de travail",
    "Transmission électronique des résultats de tests de français",
    "Guichet unifié d'accès aux services de francisation",
)
MODES = ("Sondage", "Comité clientèle", "Table sectorielle", "Tests d'utilisabilité", "Entrevues individuelles",
         "Groupe de discussion")
DIRECTIONS = (
    "DGTNRI - Direction des solutions d'affaires", "DGTNRI - Direction de l'expérience client numérique",
    "DGTNRI - Direction des services numériques Arrima", "Francisation Québec - Direction des systèmes",
)


def generer_services(ctx: Contexte) -> list[ServiceNumerique]:
    """De 6 à 9 services par année financière. Les proportions de participation suivent la
    fiche (88 % en 2022-2023, puis vers 100 %) : un service sans participation en 2022-2023 et
    en 2023-2024, rarement ensuite. Aucun nouveau service au T1 2024-2025 (fenêtre dont la
    valeur est vide, jamais 0 %)."""
    rng = sous_generateur(ctx.parametres.graine, "numerique")
    fin = ctx.parametres.date_extraction
    noms = list(SERVICES)
    rng.shuffle(noms)
    services: list[ServiceNumerique] = []
    for annee in range(2022, annee_financiere(fin) + 1):
        debut_annee = date(annee, 7 if annee == 2024 else 4, 1)
        etendue = (date(annee + 1, 3, 31) - debut_annee).days
        n = entier(rng, 6, 9)
        sans_participation = 1 if annee <= 2023 else (1 if rng.random() < 0.3 else 0)
        rang_sans = entier(rng, 0, n - 1)
        for k in range(n):
            jour = debut_annee + timedelta(days=entier(rng, 0, etendue))
            nouveau = k == rang_sans or rng.random() < 0.85
            participation = not (sans_participation and k == rang_sans)
            if jour > fin or not noms:
                continue
            services.append(ServiceNumerique(f"SN-{annee}-{k + 1:02d}", noms.pop(), jour, nouveau, participation))
    services.sort(key=lambda s: (s.date_mise_en_ligne, s.identifiant))
    return services


def ecrire_services(ctx: Contexte, services: list[ServiceNumerique]) -> tuple[int, int]:
    rng = sous_generateur(ctx.parametres.graine, "numerique:lignes")
    classeur = nouveau_classeur()
    feuille = classeur.active
    feuille.title = ONGLET
    feuille.append(
        ["Suivi de l'indicateur 6.1.1 - Nouveaux services numériques conçus avec la participation des clientèles"]
    )
    feuille.append(
        ["Source : DGTNRI, saisie manuelle. Un service compte au dénominateur si « Nouveau service » vaut Oui."]
    )
    feuille.append([
        "Note : la participation en amont couvre toute forme de consultation "
        "(sondage, comité clientèle, table sectorielle, etc.)."
    ])
    feuille.append(list(ENTETE))
    lignes: list[list[Any]] = []
    for s in services:
        date_cellule: Any = s.date_mise_en_ligne
        if rng.random() < 0.12:
            date_cellule = (
                f"{s.date_mise_en_ligne.day:02d}/{s.date_mise_en_ligne.month:02d}/{s.date_mise_en_ligne.year}"
            )
        commentaire = None
        if not s.nouveau:
            commentaire = "Refonte d'un service existant"
        elif not s.participation and rng.random() < 0.7:
            commentaire = "Échéancier serré : consultation reportée à la version suivante"
        lignes.append([
            s.identifiant, s.nom, date_cellule, "Oui" if s.nouveau else "Non", "Oui" if s.participation else "Non",
            choix(rng, MODES) if s.participation else None, choix(rng, DIRECTIONS), commentaire,
        ])
    doublons = 0
    if lignes:
        # Une ligne recopiée par erreur (doublon exact).
        i = rng.randrange(len(lignes))
        lignes.insert(i + 1, list(lignes[i]))
        doublons = 1
    ajouter_lignes(feuille, lignes)
    enregistrer_classeur(classeur, ctx.parametres.sortie / "dgtnri_services_numeriques.xlsx")
    for s in services:
        ctx.verite.ajouter_service_numerique(s)
    return len(lignes), doublons
