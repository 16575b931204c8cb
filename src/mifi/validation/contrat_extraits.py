"""Le contrat des extraits, une seule fois : la description de référence des 17 fichiers.

Source unique de ce que chaque extrait doit être : nom du fichier, famille (source dbt),
encodage, séparateur, onglet et ligne d'en-tête des classeurs, format des dates, en-tête exact
(noms et ordre), type de chaque colonne, codes acceptés, colonnes obligatoires, identifiants
uniques, fraîcheur attendue, colonnes d'évènements enregistrés, données personnelles. La prose
(règles communes, sens des codes) est dans ``docs/contrat_extraits.md``.

En sont dérivés, et un test (``tests_python/test_contrat_unique.py``) échoue à la moindre
dérive entre ce module et chacun d'eux :

- les sources dbt ``models/staging/*/_*__sources.yml`` (colonnes, types, descriptions, options
  de lecture du greffon, tests de volume, de fraîcheur et de dates futures) :
  ``python -m mifi.extraits.sources`` les réécrit;
- les suites Great Expectations versionnées ``gx/expectations/*.json`` :
  ``python -m mifi.validation.suites``;
- les tables d'en-têtes des classeurs du greffon (``mifi.lecture_extraits.ENTETES_CLASSEURS``),
  la vue simple ``mifi.contrat`` des contrôles de nuit, les fichiers écrits par le générateur
  d'extraits synthétiques et les lecteurs des tests du générateur.

Module de données pur (aucune dépendance hors bibliothèque standard) : d'autres modules du
projet (``mifi.contrat``) peuvent le réutiliser sans importer Great Expectations.

Conventions :
- les codes sont comparés après la normalisation du staging (macro ``nettoyer_code`` :
  espaces retirés, majuscules, vide -> NULL); ``codes`` les liste sous cette forme;
- un code hors liste, une date illisible, une valeur obligatoire manquante sont des défauts
  tolérés en petit nombre (quarantaine du staging) : la validation n'échoue qu'au-delà de
  ``PROPORTION_TOLEREE``;
- ``ouvert=True`` : le contrat annonce « autres codes possibles » (volets PASI) : un code hors
  liste est signalé comme avertissement, jamais comme erreur."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from typing import Any

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
    # nom de la colonne dans l'entrepôt quand l'en-tête n'est pas un identifiant SQL (classeurs)
    nom_dbt: str | None = None
    # date d'un évènement enregistré (service, dépôt, décision...) : ne peut être future
    # (test dbt dates_evenements_futures)
    evenement: bool = False
    # nom féminin : accord des motifs de quarantaine du staging (« version_cnp inconnue »)
    feminin: bool = False

    @property
    def largeur(self) -> int | None:
        """Largeur d'un code à zéros de tête (régions « 01 » à « 17 ») : le staging rétablit
        « 1 » en « 01 » avant de comparer (doublons exacts, codes connus)."""
        return 2 if self.codes == REGIONS else None

    @property
    def colonne_dbt(self) -> str:
        """Nom de la colonne dans le schéma brut de l'entrepôt (source dbt)."""
        return self.nom_dbt or self.nom


@dataclass(frozen=True)
class Extrait:
    fichier: str
    systeme: str
    description: str
    colonnes: tuple[Colonne, ...]
    # source dbt qui déclare la table (voir SOURCES) et suffixe des modèles du staging
    # (base_<modele>, toutes les lignes typées; stg_<modele>, les lignes retenues)
    source: str = ""
    modele: str = ""
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
    # fraîcheur (avertissement, dbt et validation) : date valide la plus récente au plus tard
    # N jours avant l'extraction; raison_fraicheur : pourquoi ce délai, ou pourquoi aucun
    colonne_fraicheur: str | None = None
    jours_fraicheur: int = 45
    raison_fraicheur: str = ""
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


def _id(nom: str, description: str = "", obligatoire: bool = True, **autres: Any) -> Colonne:
    return Colonne(nom, Type.IDENTIFIANT, description, obligatoire=obligatoire, **autres)


def _texte(nom: str, description: str = "", obligatoire: bool = False, **autres: Any) -> Colonne:
    return Colonne(nom, Type.TEXTE, description, obligatoire=obligatoire, **autres)


def _date(nom: str, nature: NatureDate = NatureDate.EVENEMENT, description: str = "",
          obligatoire: bool = False, **autres: Any) -> Colonne:
    return Colonne(nom, Type.DATE, description, obligatoire=obligatoire, nature_date=nature, **autres)


def _code(nom: str, codes: tuple[str, ...], description: str = "", ouvert: bool = False,
          obligatoire: bool = False, **autres: Any) -> Colonne:
    return Colonne(nom, Type.CODE, description, codes=codes, ouvert=ouvert, obligatoire=obligatoire, **autres)


def _entier(nom: str, minimum: int | None = 0, maximum: int | None = None, description: str = "",
            obligatoire: bool = False) -> Colonne:
    return Colonne(nom, Type.ENTIER, description, bornes=(minimum, maximum), obligatoire=obligatoire)


def _decimal(nom: str, description: str = "") -> Colonne:
    return Colonne(nom, Type.DECIMAL, description)


def _pays(nom: str, description: str = "") -> Colonne:
    return Colonne(nom, Type.PAYS, description)


def _cnp(nom: str, description: str = "", indicatif: bool = False, obligatoire: bool = False,
         **autres: Any) -> Colonne:
    return Colonne(nom, Type.CNP, description, indicatif=indicatif, obligatoire=obligatoire, **autres)


def _naissance(description: str = "", obligatoire: bool = False) -> Colonne:
    # Obligatoire là où elle entre dans la clé nominative (ARRIMA, CERIGES, GSI, DDRC) : le
    # staging met en quarantaine une date de naissance vide (base_arrima__clients).
    return _date("date_naissance", NatureDate.NAISSANCE, description, obligatoire=obligatoire)


# --- Les 17 extraits -------------------------------------------------------------------------

BDI = "BDI"
ARRIMA = "ARRIMA"
POWERAPP = "Power App AQ"
DDRC = "DDRC"
CERIGES = "CERIGES"
GSI = "GSI"
INTIMM = "Intimm"
DGTNRI = "DGTNRI"

# Sources dbt (familles) : nom -> description. Toutes lues dans le schéma brut; les options de
# lecture de chaque table (DuckDB read_csv ou greffon extraits_mifi) dérivent de son extrait.
SOURCES: dict[str, str] = {
    "arrima": (
        "Extraits ARRIMA (UTF-8, séparateur virgule, dates AAAA-MM-JJ) déposés dans "
        "MIFI_EXTRAITS_DIR. Lus directement par DuckDB, toutes colonnes en texte : le typage se "
        "fait dans les modèles base_ du staging. Sur PostgreSQL, les mêmes tables sont chargées "
        "dans le schéma brut."
    ),
    "bdi": (
        "Extraits de la banque des déclarations d'intérêt (BDI) : UTF-8, séparateur virgule, "
        "dates AAAA-MM-JJ, déposés dans MIFI_EXTRAITS_DIR. Lus directement par DuckDB, toutes "
        "colonnes en texte : le typage se fait dans les modèles base_ du staging."
    ),
    "ceriges": (
        "Extrait de CERIGES, ancien système de gestion des services d'accueil et d'intégration "
        "(PASI), en usage jusqu'au 30 juin 2023. Fichier Windows-1252, séparateur point-virgule, "
        "dates JJ/MM/AAAA : DuckDB ne décodant pas le Windows-1252, le fichier est lu par le "
        "greffon `extraits_mifi` (src/mifi/lecture_extraits.py), toutes colonnes en texte. Le "
        "typage se fait dans le modèle base_ du staging."
    ),
    "ddrc": (
        "Classeur Excel de la Direction du développement de la reconnaissance des compétences "
        "(DDRC) déposé dans MIFI_EXTRAITS_DIR : un onglet par projet de recrutement avec "
        "reconnaissance des compétences. Lu par le greffon extraits_mifi (openpyxl, lecture "
        "seule) : union de tous les onglets, nom de l'onglet dans `projet`, numéro de ligne Excel "
        "dans `no_ligne_excel`, en-têtes renommés par la table « ddrc » du greffon, dates "
        "(cellules ou texte JJ/MM/AAAA) rendues en AAAA-MM-JJ, toutes les valeurs en texte."
    ),
    "dgtnri": (
        "Classeur Excel de suivi des nouveaux services numériques saisi par la Direction générale "
        "de la transformation numérique et des ressources informationnelles (DGTNRI). Lu par le "
        "greffon extraits_mifi (openpyxl, lecture seule) : onglet `Suivi 6.1.1`, en-tête en ligne "
        "4 (les lignes 1 à 3 portent un titre et des notes), en-têtes renommés par la table « "
        "dgtnri » du greffon, dates rendues en AAAA-MM-JJ, toutes les valeurs en texte."
    ),
    "gsi": (
        "Extrait de GSI (Gestion des services d'intégration), système qui remplace CERIGES pour "
        "les services du PASI depuis le 1er juillet 2023. Fichier UTF-8 avec marque d'ordre des "
        "octets (BOM), séparateur virgule, dates AAAA-MM-JJ. DuckDB retire lui-même la BOM : le "
        "premier nom de colonne est bien `id_personne` (le modèle base_ le sélectionne par son "
        "nom et échouerait sinon). Toutes colonnes lues en texte; typage dans le modèle base_."
    ),
    "intimm": (
        "Extraits des banques thématiques de la francisation (Intimm), déposés dans "
        "MIFI_EXTRAITS_DIR : Windows-1252, séparateur point-virgule, dates AAAA-MM-JJ. DuckDB ne "
        "sait pas décoder le Windows-1252 : le greffon extraits_mifi "
        "(src/mifi/lecture_extraits.py) lit chaque fichier en Python et le charge dans le schéma "
        "brut, toutes colonnes en texte (les `’` et `œ` survivent). Le typage se fait dans les "
        "modèles base_ du staging. Sur PostgreSQL, les mêmes tables sont chargées dans le schéma "
        "brut."
    ),
    "powerapp": (
        "Extraits de la Power App Accompagnement Québec (UTF-8, séparateur virgule, dates "
        "AAAA-MM-JJ) déposés dans MIFI_EXTRAITS_DIR. Lus directement par DuckDB, toutes colonnes "
        "en texte : le typage se fait dans les modèles base_ du staging."
    ),
    "referentiels": (
        "Référentiels `ref_*` déposés avec les extraits dans MIFI_EXTRAITS_DIR (UTF-8, séparateur "
        "virgule). Lus directement par DuckDB, toutes colonnes en texte : le typage se fait dans "
        "les modèles base_ du staging. Sur PostgreSQL, les mêmes tables sont chargées dans le "
        "schéma brut."
    ),
    "referentiels_bdi": (
        "Référentiel du diagnostic annuel du marché du travail par profession (UTF-8, séparateur "
        "virgule), déposé dans MIFI_EXTRAITS_DIR. Lu directement par DuckDB, toutes colonnes en "
        "texte."
    ),
}

EXTRAITS: tuple[Extrait, ...] = (
    Extrait(
        "bdi_declarations.csv", BDI, "Une ligne par déclaration d'intérêt (DI).",
        (
            _id("no_declaration", description="Identifiant de la DI."),
            _id("no_candidat", description="Identifiant du candidat (plusieurs DI possibles au fil du temps)."),
            _date("date_depot", description="Date de dépôt de la DI (AAAA-MM-JJ).", obligatoire=True, evenement=True),
            _code("statut_declaration", ("ACTIVE", "EXPIREE", "RETIREE", "INVITEE"), description="`ACTIVE`, `EXPIREE`, `RETIREE` ou `INVITEE` (statut courant)."),
            _naissance(description="Date de naissance du candidat."),
            _code("sexe", SEXE_FMX, description="`F`, `M` ou `X`."),
            _pays("pays_naissance", description="Pays de naissance (alpha-3)."),
            _pays("pays_residence", description="Pays de résidence (alpha-3)."),
            _code("diplome_plus_eleve", ("SECONDAIRE", "PROFESSIONNEL", "COLLEGIAL", "BACCALAUREAT", "MAITRISE", "DOCTORAT"), description="Diplôme le plus élevé (SECONDAIRE ... DOCTORAT)."),
            _code("domaine_formation_en_demande", O_N, description="`O`/`N`."),
            _code("en_emploi", O_N, description="`O`/`N` : en emploi au dépôt."),
            _code("accompagne_conjoint", O_N, description="`O`/`N`."),
            _entier("nb_enfants_accompagnants", 0, None, description="Nombre d'enfants accompagnants (entier ≥ 0)."),
        ),
        source="bdi", modele="bdi__declarations",
        cles_uniques=(("no_declaration",),),
        colonne_fraicheur="date_depot", jours_fraicheur=45,
    ),
    Extrait(
        "bdi_experiences.csv", BDI, "Expériences professionnelles déclarées dans les DI.",
        (
            _id("no_declaration", description="Identifiant de la DI."),
            _cnp("code_profession", description="Code CNP 2016 (4 chiffres) ou CNP 2021 (5 chiffres)."),
            _code("version_cnp", VERSIONS_CNP, description="`2016` ou `2021`.", feminin=True),
            _entier("mois_experience", 0, None, description="Mois d'expérience dans cette profession."),
        ),
        source="bdi", modele="bdi__experiences",
    ),
    Extrait(
        "bdi_francais.csv", BDI, "Preuves de connaissance du français déclarées dans les DI.",
        (
            _id("no_declaration", description="Identifiant de la DI."),
            _code("type_preuve", ("TEST", "DIPLOME", "AUTODECLARATION"), description="`TEST`, `DIPLOME` (diplôme accepté par le Ministère) ou `AUTODECLARATION`."),
            _entier("niveau_comprehension_orale", 1, 12, description="Niveau de compréhension orale (Échelle québécoise, 1-12) ou vide."),
            _entier("niveau_production_orale", 1, 12, description="Niveau de production orale (Échelle québécoise, 1-12) ou vide."),
        ),
        source="bdi", modele="bdi__francais",
    ),
    Extrait(
        "ref_diagnostics_professions.csv", BDI, "Une ligne par année civile × version CNP × profession diagnostiquée.",
        (
            _entier("annee", 1990, 2100, description="Année civile du diagnostic.", obligatoire=True),
            _code("version_cnp", VERSIONS_CNP, description="`2016` ou `2021`.", feminin=True),
            _cnp("code_profession", description="Code CNP (texte).", obligatoire=True),
            _code("niveau_competence", ("0", "A", "B", "C", "D"), description="Niveau de compétence `0`, `A`, `B`, `C`, `D` (CNP 2016 seulement)."),
            _code("feer", ("0", "1", "2", "3", "4", "5"), description="FÉER `0`-`5` (CNP 2021 seulement)."),
            _code("diagnostic", ("DEFICIT", "LEGER_DEFICIT", "EQUILIBRE", "SURPLUS"), description="`DEFICIT`, `LEGER_DEFICIT`, `EQUILIBRE` ou `SURPLUS`."),
        ),
        source="referentiels_bdi", modele="referentiels__diagnostics_professions",
        cles_indicatives=(("annee", "version_cnp", "code_profession"),),
    ),
    Extrait(
        "arrima_clients.csv", ARRIMA, "Une ligne par personne (identifiant unique ARRIMA).",
        (
            _id("id_arrima", description="Identifiant ARRIMA de la personne."),
            _texte("nom", description="Nom de famille."),
            _texte("prenom", description="Prénom."),
            _naissance(description="Date de naissance (AAAA-MM-JJ).", obligatoire=True),
            _code("sexe", SEXE_FMX, description="`F`, `M` ou `X`."),
            _pays("pays_naissance", description="Pays de naissance (ISO 3166 alpha-3)."),
            _code("categorie_immigration", ("TRAVAILLEUR_QUALIFIE", "REGROUPEMENT_FAMILIAL", "REFUGIE", "DEMANDEUR_ASILE", "TRAVAILLEUR_TEMPORAIRE", "ETUDIANT_ETRANGER", "AUTRE"), description="Catégorie d'immigration.", feminin=True),
            _date("date_arrivee_quebec", NatureDate.ARRIVEE, description="Date d'arrivée au Québec; vide : pas encore arrivé."),
            _code("region_administrative", REGIONS, description="Région administrative (`01`-`17`) ou vide.", feminin=True),
        ),
        source="arrima", modele="arrima__clients",
        cles_uniques=(("id_arrima",),),
    ),
    Extrait(
        "arrima_aq_inscriptions.csv", ARRIMA, "Inscriptions à Accompagnement Québec.",
        (
            _id("id_inscription_aq", description="Identifiant de l'inscription à Accompagnement Québec."),
            _id("id_arrima", description="Identifiant ARRIMA de la personne inscrite."),
            _date("date_inscription", description="Date de l'inscription (AAAA-MM-JJ).", obligatoire=True, evenement=True),
            _code("admissible", O_N, description="Admissibilité au service AQ : `O` ou `N`."),
            _code("lieu_service", ("PRE_DEPART", "AU_QUEBEC"), description="`PRE_DEPART` (service pré-départ) ou `AU_QUEBEC`."),
            _code("statut_inscription", ("ACTIVE", "FERMEE", "ANNULEE"), description="`ACTIVE`, `FERMEE` ou `ANNULEE`."),
            _texte("direction_regionale", description="Code de la direction régionale (DR) responsable."),
        ),
        source="arrima", modele="arrima__aq_inscriptions",
        cles_uniques=(("id_inscription_aq",),),
        colonne_fraicheur="date_inscription", jours_fraicheur=45,
    ),
    Extrait(
        "powerapp_aq_rencontres.csv", POWERAPP, "Rencontres des personnes inscrites à Accompagnement Québec avec un agent d'aide à l'intégration (AAI) : évaluations des besoins, suivis et autres rencontres.",
        (
            _id("id_rencontre", description="Identifiant de la rencontre."),
            _id("id_arrima", description="Identifiant ARRIMA de la personne rencontrée."),
            _date("date_rencontre", description="Date de la rencontre (AAAA-MM-JJ).", obligatoire=True, evenement=True),
            _code("type_rencontre", ("EVALUATION_BESOINS", "SUIVI", "AUTRE"), description="`EVALUATION_BESOINS`, `SUIVI` ou `AUTRE`."),
            _code("statut_rencontre", ("TENUE", "ANNULEE", "ABSENCE"), description="`TENUE`, `ANNULEE` ou `ABSENCE`."),
            _texte("matricule_agent", description="Matricule de l'agent d'aide à l'intégration (AAI)."),
        ),
        source="powerapp", modele="powerapp__aq_rencontres",
        cles_uniques=(("id_rencontre",),),
        colonne_fraicheur="date_rencontre", jours_fraicheur=45,
    ),
    Extrait(
        "arrima_rc_accompagnements.csv", ARRIMA, "Accompagnements en reconnaissance des compétences (CRRC, Qualifications Québec).",
        (
            _id("id_accompagnement", description="Identifiant de l'accompagnement."),
            _id("id_arrima", description="Identifiant ARRIMA de la personne accompagnée."),
            _code("prestataire", ("CRRC", "QUALIFICATIONS_QUEBEC"), description="`CRRC` (conseillers régionaux en RC, Accompagnement Québec) ou `QUALIFICATIONS_QUEBEC`."),
            _date("date_debut", description="Début de l'accompagnement (AAAA-MM-JJ).", obligatoire=True, evenement=True),
            _date("date_fin", description="Fin de l'accompagnement (AAAA-MM-JJ); vide : en cours."),
            _cnp("code_profession", description="Code CNP de la profession visée (texte)."),
            _code("version_cnp", VERSIONS_CNP, description="Version de la CNP du code : `2016` ou `2021`.", feminin=True),
        ),
        source="arrima", modele="arrima__rc_accompagnements",
        cles_uniques=(("id_accompagnement",),),
    ),
    Extrait(
        "arrima_paffarc_aides.csv", ARRIMA, "Aides financières du PAFFARC.",
        (
            _id("id_aide", description="Identifiant de l'aide."),
            _id("id_arrima", description="Identifiant ARRIMA de la personne aidée."),
            _date("date_decision", description="Date de la décision (AAAA-MM-JJ).", obligatoire=True, evenement=True),
            _code("statut_aide", ("ACCORDEE", "REFUSEE", "ANNULEE"), description="`ACCORDEE`, `REFUSEE` ou `ANNULEE`."),
            _decimal("montant_accorde", description="Montant accordé (décimal"),
            _cnp("code_profession", description="Code CNP de la profession visée (texte)."),
            _code("version_cnp", VERSIONS_CNP, description="Version de la CNP du code : `2016` ou `2021`.", feminin=True),
        ),
        source="arrima", modele="arrima__paffarc_aides",
        cles_uniques=(("id_aide",),),
    ),
    Extrait(
        "ddrc_projets_recrutement.xlsx", DDRC, "Une ligne par participant d'un projet de recrutement (un onglet par projet).",
        (
            _texte("Nom", description="Nom (en-tête `Nom`).", obligatoire=True, nom_dbt="nom"),
            _texte("Prénom", description="Prénom (en-tête `Prénom`).", obligatoire=True, nom_dbt="prenom"),
            _date("Date de naissance", NatureDate.NAISSANCE, description="Date de naissance (en-tête `Date de naissance`), AAAA-MM-JJ ou texte illisible.", obligatoire=True, nom_dbt="date_naissance"),
            _texte("Pays de naissance", description="Pays de naissance (en-tête `Pays de naissance`).", nom_dbt="pays_naissance"),
            _cnp("Code CNP", description="Code CNP de la profession (en-tête `Code CNP`); version déduite du nombre de chiffres.", indicatif=True, nom_dbt="code_cnp"),
            _date("Début de l'accompagnement", description="En-tête `Début de l'accompagnement`.", obligatoire=True, nom_dbt="date_debut_accompagnement", evenement=True),
            _date("Fin de l'accompagnement", description="En-tête `Fin de l'accompagnement`; vide : en cours.", nom_dbt="date_fin_accompagnement"),
        ),
        source="ddrc", modele="ddrc__participants",
        format=Format.XLSX,
        encodage="xlsx", separateur="", format_date=FORMAT_JJ_MM_AAAA,
        onglet=None, ligne_entete=1,
        notes=("Cellules date rendues en texte JJ/MM/AAAA à la lecture; texte JJ/MM/AAAA accepté tel quel.",),
    ),
    Extrait(
        "ceriges_services.csv", CERIGES, "Une ligne par service PASI rendu par un organisme communautaire (historique complet de CERIGES). Pas de test de fraîcheur : CERIGES est remplacé par GSI depuis le 1er juillet 2023, son extrait ne reçoit plus de nouveaux services.\n",
        (
            _id("no_dossier", description="Identifiant CERIGES de la personne (dossier)."),
            _texte("nom", description="Nom de famille."),
            _texte("prenom", description="Prénom."),
            _naissance(description="Date de naissance (JJ/MM/AAAA).", obligatoire=True),
            _code("sexe", SEXE_HFX, description="`H`, `F` ou `X`."),
            _pays("pays_naissance", description="Pays de naissance (ISO 3166 alpha-3)."),
            _code("statut", ("RP", "RT", "DA", "RF", "CC", "AU"), description="Statut d'immigration : `RP` résident permanent, `RT` résident temporaire, `DA` demandeur d'asile, `RF` réfugié, `CC` citoyen canadien, `AU` autre."),
            _date("date_arrivee", NatureDate.ARRIVEE, description="Date d'arrivée (JJ/MM/AAAA) ou vide."),
            _texte("code_organisme", description="Code de l'organisme communautaire qui a rendu le service."),
            _code("region_administrative", REGIONS, description="Région administrative (`01`-`17`).", obligatoire=True, feminin=True),
            _code("volet", ("V1", "V1A", "V2", "V3", "V4"), description="Volet du PASI : `V1`, `V1A` (partie du volet 1), `V2`, `V3`, `V4`; d'autres codes sont possibles.", ouvert=True),
            _date("date_service", description="Date du service (JJ/MM/AAAA).", obligatoire=True, evenement=True),
            _texte("code_service", description="Code du service rendu."),
        ),
        source="ceriges", modele="ceriges__services",
        encodage="cp1252", separateur=";", format_date=FORMAT_JJ_MM_AAAA,
    ),
    Extrait(
        "gsi_services.csv", GSI, "Une ligne par service PASI rendu par un organisme communautaire (depuis juillet 2023).",
        (
            _id("id_personne", description="Identifiant GSI de la personne (sans lien avec le no_dossier CERIGES)."),
            _id("id_arrima", description="Identifiant ARRIMA de la personne", obligatoire=False),
            _texte("nom", description="Nom de famille."),
            _texte("prenom", description="Prénom."),
            _naissance(description="Date de naissance (AAAA-MM-JJ).", obligatoire=True),
            _code("sexe", SEXE_FMX, description="`F`, `M` ou `X`."),
            _pays("pays_naissance", description="Pays de naissance (ISO 3166 alpha-3)."),
            _code("situation_statutaire", (*STATUTS_IMMIGRATION, "AUTRE"), description="`RESIDENT_PERMANENT`, `RESIDENT_TEMPORAIRE`, `DEMANDEUR_ASILE`, `REFUGIE`, `CITOYEN_CANADIEN` ou `AUTRE`.\n", feminin=True),
            _date("date_arrivee", NatureDate.ARRIVEE, description="Date d'arrivée (AAAA-MM-JJ) ou vide."),
            _texte("id_organisme", description="Identifiant de l'organisme communautaire."),
            _code("region_administrative", REGIONS, description="Région administrative (`01`-`17`).", obligatoire=True, feminin=True),
            _code("volet", ("1", "2", "3", "4"), description="Volet du PASI : `1`, `2`, `3`, `4`; d'autres codes sont possibles.", ouvert=True),
            _date("date_service", description="Date du service (AAAA-MM-JJ).", obligatoire=True, evenement=True),
            _texte("type_service", description="Type de service rendu."),
        ),
        source="gsi", modele="gsi__services",
        encodage="utf-8-sig",
        colonne_fraicheur="date_service", jours_fraicheur=45,
    ),
    Extrait(
        "intimm_personnes.csv", INTIMM, "Une ligne par personne inscrite aux cours de français (no_client).",
        (
            _id("no_client", description="Identifiant Intimm de la personne."),
            _naissance(description="Date de naissance (AAAA-MM-JJ)."),
            _code("sexe", SEXE_HFX, description="`H`, `F` ou `X`."),
            _pays("pays_naissance", description="Pays de naissance (ISO 3166 alpha-3; `CAN` = né au Canada)."),
            _texte("langue_maternelle", description="Langue maternelle déclarée."),
            _code("statut_immigration", STATUTS_IMMIGRATION, description="`RESIDENT_PERMANENT`, `RESIDENT_TEMPORAIRE`, `DEMANDEUR_ASILE`, `REFUGIE` ou `CITOYEN_CANADIEN`."),
            _texte("categorie_immigration", description="Catégorie d'immigration."),
            _entier("annees_scolarite", 0, None, description="Nombre d'années de scolarité (entier) ou vide."),
        ),
        source="intimm", modele="intimm__personnes",
        encodage="cp1252", separateur=";",
        cles_uniques=(("no_client",),),
        raison_fraicheur="Pas de contrôle de fraîcheur : l'extrait ne porte aucune date d'activité.",
    ),
    Extrait(
        "intimm_inscriptions.csv", INTIMM, "Une ligne par inscription à une session de cours de français.",
        (
            _id("no_inscription", description="Identifiant de l'inscription (participation à une session)."),
            _id("no_client", description="Identifiant Intimm de la personne inscrite."),
            _texte("sigle_cours", description="Sigle du cours (voir ref_cours.csv).", obligatoire=True),
            _code("reseau", ("MIFI", "MEQ"), description="Réseau du prestataire : `MIFI` ou `MEQ`."),
            _code("intensite", ("TC", "TP"), description="`TC` (temps complet) ou `TP` (temps partiel).", feminin=True),
            _code("formule", ("PRESENCE", "DISTANCE", "EN_LIGNE"), description="Formule de prestation : `PRESENCE`, `DISTANCE` ou `EN_LIGNE`.", feminin=True),
            _code("type_prestataire", ("OBNL", "CSS", "CEGEP", "UNIVERSITE", "MILIEU_TRAVAIL", "AUTRE"), description="`OBNL`, `CSS`, `CEGEP`, `UNIVERSITE`, `MILIEU_TRAVAIL` ou `AUTRE`."),
            _texte("code_prestataire", description="Code du prestataire de services."),
            _code("region_prestataire", REGIONS, description="Région administrative du prestataire (`01`-`17`).", feminin=True),
            _code("type_inscription", ("INDIVIDU", "EMPLOYEUR"), description="`INDIVIDU` ou `EMPLOYEUR`."),
            _date("date_debut_cours", description="Date de début de la session (AAAA-MM-JJ).", obligatoire=True),
            _date("date_fin_cours", description="Date de fin de la session (AAAA-MM-JJ).", obligatoire=True),
            _code("statut_inscription", ("INSCRITE", "EN_COURS", "TERMINEE", "ABANDON", "ANNULEE", "DESISTEMENT"), description="`INSCRITE`, `EN_COURS`, `TERMINEE`, `ABANDON`, `ANNULEE` ou `DESISTEMENT`."),
            _entier("jours_presence", 0, None, description="Journées complètes de formation suivies (entier)."),
            _code("enseignant_mifi", O_N, description="`O` si le cours est donné par le personnel enseignant du MIFI, sinon `N`."),
        ),
        source="intimm", modele="intimm__inscriptions",
        encodage="cp1252", separateur=";",
        cles_uniques=(("no_inscription",),),
        colonne_fraicheur="date_debut_cours", jours_fraicheur=90,
        raison_fraicheur=(
            "Une session dure 11 semaines : un extrait sans session commencée depuis 90 jours "
            "n'a vraisemblablement pas été rafraîchi."
        ),
    ),
    Extrait(
        "intimm_evaluations.csv", INTIMM, "Évaluations (formatives et sommatives finales) des compétences, par inscription.",
        (
            _id("no_inscription", description="Inscription évaluée."),
            _code("competence", ("CO", "PO", "CE", "PE"), description="`CO`, `PO`, `CE` ou `PE` (compréhension/production orale/écrite).", feminin=True),
            _code("type_evaluation", ("SOMMATIVE_FINALE", "FORMATIVE"), description="`SOMMATIVE_FINALE` ou `FORMATIVE`."),
            _code("resultat", ("1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12", "NE"), description="Niveau atteint sur l'Échelle québécoise (`1`-`12`) ou `NE` (non évalué)."),
            _date("date_evaluation", description="Date de l'évaluation (AAAA-MM-JJ).", evenement=True),
        ),
        source="intimm", modele="intimm__evaluations",
        encodage="cp1252", separateur=";",
        colonne_fraicheur="date_evaluation", jours_fraicheur=120,
        raison_fraicheur="Les évaluations sommatives ont lieu en fin de session (11 semaines).",
    ),
    Extrait(
        "ref_cours.csv", INTIMM, "Référentiel des cours de français (une ligne par sigle de cours).",
        (
            _id("sigle_cours", description="Sigle du cours."),
            _texte("titre_cours", description="Titre du cours."),
            _code("type_programme", ("FIA", "FIPA", "FRT", "FEL", "FMT", "AUTRE"), description="`FIA`, `FIPA`, `FRT`, `FEL`, `FMT` ou `AUTRE`."),
            _code("programme_norme", O_N, description="`O` si le cours relève d'un programme normé du Ministère."),
            _code("scolarite_9_ans_plus", O_N, description="`O` si le programme est destiné aux personnes de 9 ans de scolarité ou plus."),
            _code("evaluation_sommative_finale", O_N, description="`O` si le cours comporte une évaluation sommative finale."),
            _entier("niveau_cible_co", 1, 12, description="Niveau cible du cours en compréhension orale (1-12) ou vide."),
            _entier("niveau_cible_po", 1, 12, description="Niveau cible du cours en production orale (1-12) ou vide."),
        ),
        source="referentiels", modele="referentiels__cours",
        cles_uniques=(("sigle_cours",),),
        raison_fraicheur="Pas de contrôle de fraîcheur : un référentiel ne porte aucune date d'activité.",
    ),
    Extrait(
        "dgtnri_services_numeriques.xlsx", DGTNRI, "Une ligne par service numérique suivi.",
        (
            _texte("Identifiant", description="En-tête `Identifiant`.", obligatoire=True, nom_dbt="identifiant"),
            _texte("Service numérique", description="En-tête `Service numérique`.", nom_dbt="service_numerique"),
            _date("Date de mise en ligne", description="En-tête `Date de mise en ligne`, AAAA-MM-JJ ou texte illisible.", obligatoire=True, nom_dbt="date_mise_en_ligne"),
            _code("Nouveau service", ("OUI", "NON"), description="En-tête `Nouveau service` : `Oui` ou `Non`.", nom_dbt="nouveau_service"),
            _code("Participation des clientèles en amont", ("OUI", "NON"), description="En-tête `Participation des clientèles en amont` : `Oui` ou `Non`.", nom_dbt="participation_clientele_amont", feminin=True),
            _texte("Mode de consultation", description="En-tête `Mode de consultation`.", nom_dbt="mode_consultation"),
            _texte("Direction responsable", description="En-tête `Direction responsable`.", nom_dbt="direction_responsable"),
            _texte("Commentaire", description="En-tête `Commentaire`.", nom_dbt="commentaire"),
        ),
        source="dgtnri", modele="dgtnri__services_numeriques",
        format=Format.XLSX,
        encodage="xlsx", separateur="", format_date=FORMAT_JJ_MM_AAAA,
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
    if minimum is not None and maximum is not None and minimum >= 0 and maximum - minimum <= 30:
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
