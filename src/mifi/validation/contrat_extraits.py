"""Description complète du contrat des extraits (``shared/contrat-extraits.md``), en Python.

Source unique, pour la validation, de ce que chaque extrait doit être : nom du fichier,
encodage, séparateur, format des dates, en-tête exact (noms et ordre), type de chaque colonne,
codes acceptés, colonnes obligatoires, identifiants uniques. Les suites Great Expectations
versionnées (``gx/expectations/``) en sont dérivées de façon déterministe
(``python -m mifi.validation.suites``) et un test vérifie qu'elles restent synchronisées.

Module de données pur (aucune dépendance hors bibliothèque standard) : d'autres modules du
projet (``mifi.contrat``) peuvent le réutiliser sans importer Great Expectations.

Conventions :
- les codes sont comparés après la normalisation du staging (macro ``nettoyer_code`` :
  espaces retirés, majuscules, vide -> NULL); ``codes`` les liste sous cette forme;
- un code hors liste, une date illisible, une valeur obligatoire manquante sont des défauts
  tolérés en petit nombre (quarantaine du staging) : la validation n'échoue qu'au-delà de
  ``PROPORTION_TOLEREE``;
- ``ouvert=True`` : le contrat annonce « autres codes possibles » (volets PASI) : un code hors
  liste est signalé comme avertissement, jamais comme erreur.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum

# Proportion minimale de valeurs conformes (type, code, date, obligatoire) : au-delà de 2 %
# de valeurs non conformes, l'extrait est refusé (même seuil que var('seuil_quarantaine')).
PROPORTION_TOLEREE = 0.98
# Proportion minimale de lignes qui ne sont pas des doublons exacts d'une ligne précédente.
PROPORTION_LIGNES_DISTINCTES = 0.95
# Écart toléré du nombre de lignes par rapport à la nuit précédente : au-delà, erreur
# (TOLERANCE_VOLUME) ou avertissement (TOLERANCE_VOLUME_SOUPLE).
TOLERANCE_VOLUME = 0.30
TOLERANCE_VOLUME_SOUPLE = 0.10

# Colonnes techniques ajoutées à la lecture, après les colonnes du contrat.
COLONNE_ONGLET = "_onglet"  # classeur DDRC : nom de l'onglet (= nom du projet)
COLONNE_OCCURRENCE = "_occurrence"  # rang de la ligne parmi ses copies exactes (1 = première)

FORMAT_ISO = "%Y-%m-%d"
FORMAT_JJ_MM_AAAA = "%d/%m/%Y"


class Type(str, Enum):
    """Type logique d'une colonne (toutes les valeurs sont lues en texte)."""

    IDENTIFIANT = "identifiant"  # texte; les zéros de tête comptent
    TEXTE = "texte"
    DATE = "date"  # au format de date du fichier
    ENTIER = "entier"
    DECIMAL = "decimal"  # séparateur point
    CODE = "code"  # liste fermée (ou ouverte) de codes
    PAYS = "pays"  # ISO 3166 alpha-3
    CNP = "cnp"  # CNP 2016 (4 chiffres) ou CNP 2021 (5 chiffres)


class Format(str, Enum):
    CSV = "csv"
    XLSX = "xlsx"


class NatureDate(str, Enum):
    """Plage plausible des années d'une date (bornes relatives à l'année d'extraction A)."""

    NAISSANCE = "naissance"  # 1900 .. A
    ARRIVEE = "arrivee"  # 1900 .. A + 1
    EVENEMENT = "evenement"  # 1990 .. A + 2 (cours et accompagnements planifiés)


ANNEES_PLAUSIBLES: dict[NatureDate, tuple[int, int]] = {
    # nature -> (première année absolue, décalage de la dernière année par rapport à A)
    NatureDate.NAISSANCE: (1900, 0),
    NatureDate.ARRIVEE: (1900, 1),
    NatureDate.EVENEMENT: (1990, 2),
}


@dataclass(frozen=True)
class Colonne:
    nom: str
    type: Type
    description: str = ""
    codes: tuple[str, ...] = ()
    ouvert: bool = False
    obligatoire: bool = False
    bornes: tuple[int | None, int | None] | None = None  # entiers : (min, max) inclus
    nature_date: NatureDate | None = None
    # avertissement seulement (contrat imprécis sur la forme de la colonne)
    indicatif: bool = False


@dataclass(frozen=True)
class Extrait:
    fichier: str
    systeme: str
    description: str
    colonnes: tuple[Colonne, ...]
    format: Format = Format.CSV
    encodage: str = "utf-8"  # 'utf-8', 'utf-8-sig' (avec BOM), 'cp1252'
    separateur: str = ","
    format_date: str = FORMAT_ISO
    # identifiants uniques (parmi les lignes distinctes); une clé composée = plusieurs colonnes
    cles_uniques: tuple[tuple[str, ...], ...] = ()
    # clés dont l'unicité n'est pas écrite au contrat : avertissement seulement
    cles_indicatives: tuple[tuple[str, ...], ...] = ()
    # xlsx : onglet lu (None = tous les onglets) et ligne d'en-tête (1 = première)
    onglet: str | None = None
    ligne_entete: int = 1
    nb_lignes_min: int = 1
    # fraîcheur (avertissement) : date la plus récente au plus tard N jours avant l'extraction
    colonne_fraicheur: str | None = None
    jours_fraicheur: int = 45
    notes: tuple[str, ...] = field(default=())

    @property
    def nom(self) -> str:
        """Nom court (fichier sans extension), nom de la suite d'attentes."""
        return self.fichier.rsplit(".", 1)[0]

    @property
    def entete(self) -> list[str]:
        return [colonne.nom for colonne in self.colonnes]

    @property
    def colonnes_techniques(self) -> list[str]:
        return ([COLONNE_ONGLET] if self.format is Format.XLSX and self.onglet is None else []) + [
            COLONNE_OCCURRENCE
        ]

    def colonne(self, nom: str) -> Colonne:
        for colonne in self.colonnes:
            if colonne.nom == nom:
                return colonne
        raise KeyError(nom)


# --- Briques ---------------------------------------------------------------------------------

O_N = ("O", "N")
SEXE_FMX = ("F", "M", "X")
SEXE_HFX = ("H", "F", "X")
VERSIONS_CNP = ("2016", "2021")
REGIONS = tuple(f"{numero:02d}" for numero in range(1, 18))
STATUTS_IMMIGRATION = (
    "RESIDENT_PERMANENT", "RESIDENT_TEMPORAIRE", "DEMANDEUR_ASILE", "REFUGIE", "CITOYEN_CANADIEN",
)


def _id(nom: str, description: str = "", obligatoire: bool = True) -> Colonne:
    return Colonne(nom, Type.IDENTIFIANT, description, obligatoire=obligatoire)


def _texte(nom: str, description: str = "", obligatoire: bool = False) -> Colonne:
    return Colonne(nom, Type.TEXTE, description, obligatoire=obligatoire)


def _date(nom: str, nature: NatureDate = NatureDate.EVENEMENT, description: str = "",
          obligatoire: bool = False) -> Colonne:
    return Colonne(nom, Type.DATE, description, obligatoire=obligatoire, nature_date=nature)


def _code(nom: str, codes: tuple[str, ...], description: str = "", ouvert: bool = False,
          obligatoire: bool = False) -> Colonne:
    return Colonne(nom, Type.CODE, description, codes=codes, ouvert=ouvert, obligatoire=obligatoire)


def _entier(nom: str, minimum: int | None = 0, maximum: int | None = None, description: str = "",
            obligatoire: bool = False) -> Colonne:
    return Colonne(nom, Type.ENTIER, description, bornes=(minimum, maximum), obligatoire=obligatoire)


def _pays(nom: str, description: str = "") -> Colonne:
    return Colonne(nom, Type.PAYS, description or "ISO 3166 alpha-3")


def _cnp(nom: str, description: str = "", indicatif: bool = False, obligatoire: bool = False) -> Colonne:
    return Colonne(nom, Type.CNP, description or "CNP 2016 (4 chiffres) ou CNP 2021 (5 chiffres)",
                   indicatif=indicatif, obligatoire=obligatoire)


def _naissance(nom: str = "date_naissance", obligatoire: bool = False) -> Colonne:
    # Obligatoire là où elle entre dans la clé nominative (ARRIMA, CERIGES, GSI, DDRC) : le
    # staging met en quarantaine une date de naissance vide (base_arrima__clients).
    return _date(nom, NatureDate.NAISSANCE, "date de naissance", obligatoire=obligatoire)


# --- Les 17 extraits -------------------------------------------------------------------------

BDI = "BDI"
ARRIMA = "ARRIMA"
POWERAPP = "Power App AQ"
DDRC = "DDRC"
CERIGES = "CERIGES"
GSI = "GSI"
INTIMM = "Intimm"
DGTNRI = "DGTNRI"

EXTRAITS: tuple[Extrait, ...] = (
    Extrait(
        "bdi_declarations.csv", BDI, "une ligne par déclaration d'intérêt (DI)",
        (
            _id("no_declaration", "identifiant de la DI"),
            _id("no_candidat", "identifiant du candidat"),
            _date("date_depot", description="date de dépôt de la DI", obligatoire=True),
            _code("statut_declaration", ("ACTIVE", "EXPIREE", "RETIREE", "INVITEE")),
            _naissance(),
            _code("sexe", SEXE_FMX),
            _pays("pays_naissance"),
            _pays("pays_residence"),
            _code("diplome_plus_eleve", ("SECONDAIRE", "PROFESSIONNEL", "COLLEGIAL", "BACCALAUREAT",
                                         "MAITRISE", "DOCTORAT")),
            _code("domaine_formation_en_demande", O_N),
            _code("en_emploi", O_N, "en emploi au dépôt"),
            _code("accompagne_conjoint", O_N),
            _entier("nb_enfants_accompagnants", 0),
        ),
        cles_uniques=(("no_declaration",),),
        colonne_fraicheur="date_depot",
    ),
    Extrait(
        "bdi_experiences.csv", BDI, "expériences professionnelles déclarées",
        (
            _id("no_declaration"),
            _cnp("code_profession"),
            _code("version_cnp", VERSIONS_CNP),
            _entier("mois_experience", 0, description="mois d'expérience dans cette profession"),
        ),
    ),
    Extrait(
        "bdi_francais.csv", BDI, "preuves de connaissance du français",
        (
            _id("no_declaration"),
            _code("type_preuve", ("TEST", "DIPLOME", "AUTODECLARATION")),
            _entier("niveau_comprehension_orale", 1, 12, "Échelle québécoise, 1-12 ou vide"),
            _entier("niveau_production_orale", 1, 12, "Échelle québécoise, 1-12 ou vide"),
        ),
    ),
    Extrait(
        "ref_diagnostics_professions.csv", BDI, "diagnostic annuel du marché du travail",
        (
            _entier("annee", 1990, 2100, "année civile du diagnostic", obligatoire=True),
            _code("version_cnp", VERSIONS_CNP),
            _cnp("code_profession", obligatoire=True),
            _code("niveau_competence", ("0", "A", "B", "C", "D"), "CNP 2016 seulement"),
            _code("feer", ("0", "1", "2", "3", "4", "5"), "CNP 2021 seulement (FÉER)"),
            _code("diagnostic", ("DEFICIT", "LEGER_DEFICIT", "EQUILIBRE", "SURPLUS")),
        ),
        cles_indicatives=(("annee", "version_cnp", "code_profession"),),
    ),
    Extrait(
        "arrima_clients.csv", ARRIMA, "une ligne par personne (identifiant unique ARRIMA)",
        (
            _id("id_arrima"),
            _texte("nom"),
            _texte("prenom"),
            _naissance(obligatoire=True),
            _code("sexe", SEXE_FMX),
            _pays("pays_naissance"),
            _code("categorie_immigration", (
                "TRAVAILLEUR_QUALIFIE", "REGROUPEMENT_FAMILIAL", "REFUGIE", "DEMANDEUR_ASILE",
                "TRAVAILLEUR_TEMPORAIRE", "ETUDIANT_ETRANGER", "AUTRE",
            )),
            _date("date_arrivee_quebec", NatureDate.ARRIVEE, "vide : pas encore arrivé"),
            _code("region_administrative", REGIONS, "01-17 ou vide"),
        ),
        cles_uniques=(("id_arrima",),),
    ),
    Extrait(
        "arrima_aq_inscriptions.csv", ARRIMA, "inscriptions à Accompagnement Québec",
        (
            _id("id_inscription_aq"),
            _id("id_arrima"),
            _date("date_inscription", obligatoire=True),
            _code("admissible", O_N, "admissibilité au service AQ"),
            _code("lieu_service", ("PRE_DEPART", "AU_QUEBEC")),
            _code("statut_inscription", ("ACTIVE", "FERMEE", "ANNULEE")),
            _texte("direction_regionale", "code de la DR"),
        ),
        cles_uniques=(("id_inscription_aq",),),
        colonne_fraicheur="date_inscription",
    ),
    Extrait(
        "powerapp_aq_rencontres.csv", POWERAPP, "rencontres avec un agent d'aide à l'intégration",
        (
            _id("id_rencontre"),
            _id("id_arrima"),
            _date("date_rencontre", obligatoire=True),
            _code("type_rencontre", ("EVALUATION_BESOINS", "SUIVI", "AUTRE")),
            _code("statut_rencontre", ("TENUE", "ANNULEE", "ABSENCE")),
            _texte("matricule_agent"),
        ),
        cles_uniques=(("id_rencontre",),),
        colonne_fraicheur="date_rencontre",
    ),
    Extrait(
        "arrima_rc_accompagnements.csv", ARRIMA, "accompagnements en reconnaissance des compétences",
        (
            _id("id_accompagnement"),
            _id("id_arrima"),
            _code("prestataire", ("CRRC", "QUALIFICATIONS_QUEBEC")),
            _date("date_debut", obligatoire=True),
            _date("date_fin", description="vide : en cours"),
            _cnp("code_profession"),
            _code("version_cnp", VERSIONS_CNP),
        ),
        cles_uniques=(("id_accompagnement",),),
    ),
    Extrait(
        "arrima_paffarc_aides.csv", ARRIMA, "aides financières PAFFARC",
        (
            _id("id_aide"),
            _id("id_arrima"),
            _date("date_decision", obligatoire=True),
            _code("statut_aide", ("ACCORDEE", "REFUSEE", "ANNULEE")),
            Colonne("montant_accorde", Type.DECIMAL, "décimal (point) ou vide"),
            _cnp("code_profession"),
            _code("version_cnp", VERSIONS_CNP),
        ),
        cles_uniques=(("id_aide",),),
    ),
    Extrait(
        "ddrc_projets_recrutement.xlsx", DDRC,
        "projets de recrutement avec reconnaissance des compétences (un onglet par projet)",
        (
            _texte("Nom", obligatoire=True),
            _texte("Prénom", obligatoire=True),
            Colonne("Date de naissance", Type.DATE, obligatoire=True, nature_date=NatureDate.NAISSANCE),
            _texte("Pays de naissance"),
            _cnp("Code CNP", indicatif=True),
            _date("Début de l'accompagnement", obligatoire=True),
            _date("Fin de l'accompagnement"),
        ),
        format=Format.XLSX, encodage="xlsx", separateur="", format_date=FORMAT_JJ_MM_AAAA,
        onglet=None, ligne_entete=1,
        notes=("Cellules date rendues en texte JJ/MM/AAAA à la lecture; texte JJ/MM/AAAA accepté tel quel.",),
    ),
    Extrait(
        "ceriges_services.csv", CERIGES, "services PASI, ancien système (jusqu'au 2023-06-30)",
        (
            _id("no_dossier", "identifiant CERIGES de la personne"),
            _texte("nom"),
            _texte("prenom"),
            _naissance(obligatoire=True),
            _code("sexe", SEXE_HFX),
            _pays("pays_naissance"),
            _code("statut", ("RP", "RT", "DA", "RF", "CC", "AU")),
            _date("date_arrivee", NatureDate.ARRIVEE),
            _texte("code_organisme"),
            _code("region_administrative", REGIONS, obligatoire=True),
            _code("volet", ("V1", "V1A", "V2", "V3", "V4"), "autres codes possibles", ouvert=True),
            _date("date_service", obligatoire=True),
            _texte("code_service"),
        ),
        encodage="cp1252", separateur=";", format_date=FORMAT_JJ_MM_AAAA,
    ),
    Extrait(
        "gsi_services.csv", GSI, "services PASI, nouveau système (depuis le 2023-07-01)",
        (
            _id("id_personne", "identifiant GSI"),
            _id("id_arrima", obligatoire=False),
            _texte("nom"),
            _texte("prenom"),
            _naissance(obligatoire=True),
            _code("sexe", SEXE_FMX),
            _pays("pays_naissance"),
            _code("situation_statutaire", STATUTS_IMMIGRATION + ("AUTRE",)),
            _date("date_arrivee", NatureDate.ARRIVEE),
            _texte("id_organisme"),
            _code("region_administrative", REGIONS, obligatoire=True),
            _code("volet", ("1", "2", "3", "4"), "autres codes possibles", ouvert=True),
            _date("date_service", obligatoire=True),
            _texte("type_service"),
        ),
        encodage="utf-8-sig",
        colonne_fraicheur="date_service",
    ),
    Extrait(
        "intimm_personnes.csv", INTIMM, "personnes inscrites en francisation",
        (
            _id("no_client"),
            _naissance(),
            _code("sexe", SEXE_HFX),
            _pays("pays_naissance", "alpha-3 (CAN = né au Canada)"),
            _texte("langue_maternelle"),
            _code("statut_immigration", STATUTS_IMMIGRATION),
            _texte("categorie_immigration"),
            _entier("annees_scolarite", 0),
        ),
        encodage="cp1252", separateur=";",
        cles_uniques=(("no_client",),),
    ),
    Extrait(
        "intimm_inscriptions.csv", INTIMM, "une ligne par inscription à une session de cours",
        (
            _id("no_inscription"),
            _id("no_client"),
            _texte("sigle_cours", obligatoire=True),
            _code("reseau", ("MIFI", "MEQ")),
            _code("intensite", ("TC", "TP")),
            _code("formule", ("PRESENCE", "DISTANCE", "EN_LIGNE")),
            _code("type_prestataire", ("OBNL", "CSS", "CEGEP", "UNIVERSITE", "MILIEU_TRAVAIL", "AUTRE")),
            _texte("code_prestataire"),
            _code("region_prestataire", REGIONS),
            _code("type_inscription", ("INDIVIDU", "EMPLOYEUR")),
            _date("date_debut_cours", obligatoire=True),
            _date("date_fin_cours", obligatoire=True),
            _code("statut_inscription", ("INSCRITE", "EN_COURS", "TERMINEE", "ABANDON", "ANNULEE",
                                         "DESISTEMENT")),
            _entier("jours_presence", 0),
            _code("enseignant_mifi", O_N),
        ),
        encodage="cp1252", separateur=";",
        cles_uniques=(("no_inscription",),),
        colonne_fraicheur="date_debut_cours",
    ),
    Extrait(
        "intimm_evaluations.csv", INTIMM, "évaluations des compétences en français",
        (
            _id("no_inscription"),
            _code("competence", ("CO", "PO", "CE", "PE")),
            _code("type_evaluation", ("SOMMATIVE_FINALE", "FORMATIVE")),
            _code("resultat", tuple(str(niveau) for niveau in range(1, 13)) + ("NE",),
                  "1-12 ou NE (non évalué)"),
            _date("date_evaluation"),
        ),
        encodage="cp1252", separateur=";",
    ),
    Extrait(
        "ref_cours.csv", INTIMM, "référentiel des cours de français",
        (
            _id("sigle_cours"),
            _texte("titre_cours"),
            _code("type_programme", ("FIA", "FIPA", "FRT", "FEL", "FMT", "AUTRE")),
            _code("programme_norme", O_N),
            _code("scolarite_9_ans_plus", O_N),
            _code("evaluation_sommative_finale", O_N),
            _entier("niveau_cible_co", 1, 12),
            _entier("niveau_cible_po", 1, 12),
        ),
        cles_uniques=(("sigle_cours",),),
    ),
    Extrait(
        "dgtnri_services_numeriques.xlsx", DGTNRI, "nouveaux services numériques (onglet Suivi 6.1.1)",
        (
            _texte("Identifiant", obligatoire=True),
            _texte("Service numérique"),
            _date("Date de mise en ligne", obligatoire=True),
            _code("Nouveau service", ("OUI", "NON")),
            _code("Participation des clientèles en amont", ("OUI", "NON")),
            _texte("Mode de consultation"),
            _texte("Direction responsable"),
            _texte("Commentaire"),
        ),
        format=Format.XLSX, encodage="xlsx", separateur="", format_date=FORMAT_JJ_MM_AAAA,
        onglet="Suivi 6.1.1", ligne_entete=4,
        # Un identifiant = un service : deux lignes de même identifiant au contenu différent
        # compteraient deux fois un service (6.1.1); le staging les refuse aussi (erreur).
        cles_uniques=(("Identifiant",),),
    ),
)

PAR_FICHIER: dict[str, Extrait] = {extrait.fichier: extrait for extrait in EXTRAITS}


def extrait(fichier: str) -> Extrait:
    """L'extrait du contrat nommé ``fichier`` (ex. ``arrima_clients.csv``)."""
    return PAR_FICHIER[fichier]


def regex_entier(minimum: int | None, maximum: int | None) -> str:
    """Expression régulière d'un entier écrit en base 10 (zéros de tête admis), dans des bornes
    simples : petite plage énumérée, sinon entier positif ou signé."""
    if minimum is not None and maximum is not None and 0 <= minimum and maximum - minimum <= 30:
        valeurs = "|".join(str(valeur) for valeur in range(maximum, minimum - 1, -1))
        return rf"^0*(?:{valeurs})$"
    if minimum is not None and minimum >= 0:
        return r"^\d+$"
    return r"^-?\d+$"


def _motif_annees(premiere: int, derniere: int) -> str:
    """Motif compact des années premiere..derniere (ex. 1900-2028 : 19\\d\\d|20[01]\\d|202[0-8])."""
    morceaux: list[str] = []
    annee = premiere
    while annee <= derniere:
        if annee % 100 == 0 and annee + 99 <= derniere:
            morceaux.append(f"{annee // 100}\\d\\d")
            annee += 100
        elif annee % 10 == 0 and annee + 9 <= derniere:
            debut = annee
            while annee % 100 != 90 and annee + 19 <= derniere:
                annee += 10
            dizaines = f"{debut // 10 % 10}" if annee == debut else f"[{debut // 10 % 10}-{annee // 10 % 10}]"
            morceaux.append(f"{debut // 100}{dizaines}\\d")
            annee += 10
        else:
            fin = min(derniere, annee - annee % 10 + 9)
            unites = f"{annee % 10}" if fin == annee else f"[{annee % 10}-{fin % 10}]"
            morceaux.append(f"{annee // 10}{unites}")
            annee = fin + 1
    return "|".join(morceaux)


def regex_annees(premiere: int, derniere: int, format_date: str) -> str:
    """Expression régulière « l'année de la date est entre premiere et derniere » (recherche
    non ancrée, comme ``expect_column_values_to_match_regex``)."""
    annees = _motif_annees(premiere, derniere)
    if format_date == FORMAT_ISO:
        return rf"^(?:{annees})-"
    if format_date == FORMAT_JJ_MM_AAAA:
        return rf"/(?:{annees})$"
    raise ValueError(f"format de date inconnu : {format_date}")


REGEX_PAYS = r"^[A-Z]{3}$"
REGEX_CNP = r"^\d{4,5}$"
REGEX_DECIMAL = r"^-?\d+(?:\.\d+)?$"
