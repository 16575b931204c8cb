"""Référentiels du générateur : pays (sous-ensemble de seeds/ref_pays.csv), régions,
directions régionales, professions CNP 2016/2021 et catalogue des cours (ref_cours.csv).
"""

from __future__ import annotations

from dataclasses import dataclass

# Pays de naissance des personnes immigrantes : (alpha-3, poids, langue maternelle usuelle).
# Uniquement des codes de seeds/ref_pays.csv (test dédié).
PAYS_IMMIGRATION: tuple[tuple[str, int, str], ...] = (
    ("FRA", 90, "Français"), ("CHN", 45, "Mandarin"), ("IND", 55, "Hindi"), ("HTI", 45, "Créole haïtien"),
    ("MAR", 50, "Arabe"), ("DZA", 45, "Arabe"), ("TUN", 30, "Arabe"), ("CMR", 35, "Français"),
    ("CIV", 30, "Français"), ("SEN", 20, "Wolof"), ("COD", 25, "Lingala"), ("COL", 35, "Espagnol"),
    ("MEX", 35, "Espagnol"), ("VEN", 15, "Espagnol"), ("PER", 10, "Espagnol"), ("CHL", 6, "Espagnol"),
    ("ARG", 6, "Espagnol"), ("CUB", 10, "Espagnol"), ("DOM", 6, "Espagnol"), ("GTM", 8, "Espagnol"),
    ("SLV", 5, "Espagnol"), ("HND", 4, "Espagnol"), ("ECU", 4, "Espagnol"), ("BOL", 3, "Espagnol"),
    ("BRA", 20, "Portugais"), ("PRT", 5, "Portugais"), ("IRN", 30, "Persan"), ("PHL", 30, "Tagalog"),
    ("UKR", 30, "Ukrainien"), ("RUS", 8, "Russe"), ("MDA", 6, "Roumain"), ("ROU", 8, "Roumain"),
    ("POL", 3, "Polonais"), ("SYR", 25, "Arabe"), ("LBN", 20, "Arabe"), ("EGY", 12, "Arabe"),
    ("IRQ", 8, "Arabe"), ("JOR", 4, "Arabe"), ("VNM", 20, "Vietnamien"), ("PAK", 15, "Ourdou"),
    ("BGD", 10, "Bengali"), ("AFG", 12, "Dari"), ("NPL", 4, "Népalais"), ("LKA", 4, "Tamoul"),
    ("KOR", 6, "Coréen"), ("JPN", 3, "Japonais"), ("TUR", 8, "Turc"), ("KHM", 3, "Khmer"),
    ("BEL", 10, "Français"), ("CHE", 4, "Français"), ("ESP", 6, "Espagnol"), ("ITA", 4, "Italien"),
    ("DEU", 3, "Allemand"), ("GBR", 4, "Anglais"), ("USA", 10, "Anglais"), ("MLI", 6, "Bambara"),
    ("BFA", 6, "Mooré"), ("GIN", 8, "Peul"), ("BEN", 8, "Fon"), ("TGO", 6, "Éwé"), ("MDG", 6, "Malgache"),
    ("MUS", 4, "Créole mauricien"), ("NGA", 15, "Anglais"), ("ETH", 6, "Amharique"),
    ("ERI", 8, "Tigrigna"), ("BDI", 8, "Kirundi"), ("RWA", 6, "Kinyarwanda"), ("TCD", 4, "Arabe"),
    ("COG", 5, "Lingala"), ("AUS", 1, "Anglais"), ("NZL", 1, "Anglais"),
)

# Pays de résidence des candidats de la BDI (souvent le pays de naissance, sinon l'un de ceux-ci).
PAYS_RESIDENCE_AUTRES: tuple[str, ...] = ("FRA", "BEL", "CHE", "USA", "MAR", "TUN", "GBR", "DEU", "ESP")

REGIONS: tuple[str, ...] = tuple(f"{i:02d}" for i in range(1, 18))
# Poids des régions de destination (Montréal domine).
POIDS_REGIONS: tuple[int, ...] = (2, 3, 9, 2, 4, 45, 4, 1, 1, 1, 1, 2, 7, 3, 4, 9, 2)

# Directions régionales d'Accompagnement Québec, par région administrative.
DIRECTION_REGIONALE: dict[str, str] = {
    "01": "DR-EST", "02": "DR-SAG", "03": "DR-CNA", "04": "DR-MCQ", "05": "DR-EST", "06": "DR-MTL",
    "07": "DR-OUT", "08": "DR-ABT", "09": "DR-SAG", "10": "DR-ABT", "11": "DR-EST", "12": "DR-CNA",
    "13": "DR-LAV", "14": "DR-LAN", "15": "DR-LAN", "16": "DR-MON", "17": "DR-MCQ",
}


@dataclass(frozen=True, slots=True)
class Profession:
    code_2016: str
    code_2021: str
    titre: str

    @property
    def niveau_competence(self) -> str:
        """Niveau de compétence CNP 2016 : 0 (gestion), puis A (2e chiffre 0-1), B (2-3), C (4-5), D (6-7)."""
        if self.code_2016[0] == "0":
            return "0"
        return {"0": "A", "1": "A", "2": "B", "3": "B", "4": "C", "5": "C", "6": "D", "7": "D"}[self.code_2016[1]]

    @property
    def feer(self) -> str:
        """Catégorie FÉER CNP 2021 : deuxième chiffre du code."""
        return self.code_2021[1]


PROFESSIONS: tuple[Profession, ...] = tuple(
    Profession(a, b, t)
    for a, b, t in (
        ("0013", "00012", "Cadres supérieurs - services financiers et aux entreprises"),
        ("0111", "10010", "Directeurs financiers"),
        ("0213", "20012", "Gestionnaires des systèmes informatiques"),
        ("0631", "60030", "Directeurs de la restauration"),
        ("0311", "30010", "Directeurs des soins de santé"),
        ("0711", "70010", "Directeurs de la construction"),
        ("1111", "11100", "Vérificateurs et comptables"),
        ("1121", "11200", "Professionnels en ressources humaines"),
        ("1241", "13110", "Adjoints administratifs"),
        ("1311", "12200", "Techniciens en comptabilité et teneurs de livres"),
        ("1411", "14100", "Employés de soutien de bureau généraux"),
        ("1521", "14400", "Expéditeurs et réceptionnaires"),
        ("2131", "21300", "Ingénieurs civils"),
        ("2132", "21301", "Ingénieurs mécaniciens"),
        ("2133", "21310", "Ingénieurs électriciens et électroniciens"),
        ("2171", "21222", "Analystes en informatique"),
        ("2173", "21231", "Ingénieurs et concepteurs en logiciel"),
        ("2174", "21232", "Programmeurs et développeurs en médias interactifs"),
        ("2175", "21234", "Concepteurs et développeurs Web"),
        ("2241", "22310", "Technologues en génie électronique et électrique"),
        ("2281", "22220", "Techniciens de réseau informatique"),
        ("2282", "22221", "Agents de soutien aux utilisateurs"),
        ("3012", "31301", "Infirmiers autorisés et infirmiers psychiatriques autorisés"),
        ("3111", "31100", "Médecins spécialistes"),
        ("3112", "31102", "Omnipraticiens et médecins en médecine familiale"),
        ("3131", "31120", "Pharmaciens"),
        ("3142", "31202", "Physiothérapeutes"),
        ("3143", "31203", "Ergothérapeutes"),
        ("3211", "32120", "Technologues de laboratoires médicaux"),
        ("3233", "32101", "Infirmiers auxiliaires"),
        ("3413", "33102", "Aides-infirmiers, aides-soignants et préposés aux bénéficiaires"),
        ("4011", "41200", "Professeurs d'université"),
        ("4031", "41220", "Enseignants au niveau secondaire"),
        ("4032", "41221", "Enseignants au niveau primaire et préscolaire"),
        ("4152", "41300", "Travailleurs sociaux"),
        ("4212", "42201", "Techniciens en travail social et communautaire"),
        ("4214", "42202", "Éducateurs de la petite enfance"),
        ("4412", "44101", "Aides familiaux résidents et aides de maintien à domicile"),
        ("6322", "63200", "Cuisiniers"),
        ("6331", "63201", "Bouchers et coupeurs de viande - commerce"),
        ("6332", "63202", "Boulangers-pâtissiers"),
        ("6421", "64100", "Vendeurs - commerce de détail"),
        ("6513", "65200", "Serveurs d'aliments et de boissons"),
        ("6611", "65100", "Caissiers"),
        ("6711", "65201", "Serveurs au comptoir et aides de cuisine"),
        ("6731", "65310", "Concierges et surintendants d'immeubles"),
        ("7237", "72106", "Soudeurs et opérateurs de machines à souder"),
        ("7241", "72200", "Électriciens"),
        ("7251", "72300", "Plombiers"),
        ("7271", "72310", "Charpentiers-menuisiers"),
        ("7312", "72401", "Mécaniciens d'équipement lourd"),
        ("7321", "72410", "Mécaniciens de véhicules automobiles"),
        ("7452", "75101", "Manutentionnaires"),
        ("7511", "73300", "Conducteurs de camions de transport"),
        ("7611", "75110", "Aides de soutien des métiers et manœuvres en construction"),
        ("8431", "85100", "Ouvriers agricoles"),
        ("8612", "85121", "Manœuvres en aménagement paysager"),
        ("9462", "94141", "Bouchers industriels et dépeceurs-découpeurs de viande"),
        ("9461", "94140", "Opérateurs de machines dans la transformation des aliments"),
        ("9617", "95106", "Manœuvres dans la transformation des aliments et boissons"),
        ("9619", "95109", "Autres manœuvres des services de transformation"),
        ("9526", "93200", "Assembleurs de matériel mécanique"),
    )
)


@dataclass(frozen=True, slots=True)
class Cours:
    sigle: str
    titre: str
    type_programme: str
    programme_norme: bool
    scolarite_9_ans_plus: bool
    evaluation_sommative_finale: bool
    niveau_cible_co: int | None
    niveau_cible_po: int | None
    intensite: str  # TC, TP ou EL (en ligne) : intensité usuelle du cours
    niveau: int  # rang de progression dans la filière


def _catalogue() -> tuple[Cours, ...]:
    cours: list[Cours] = []
    # Filière générale (personnes de 9 ans de scolarité ou plus), temps complet et temps partiel.
    cibles = ((1, 2, 2), (2, 3, 3), (3, 4, 4), (4, 5, 5), (5, 6, 6), (6, 7, 7), (7, 8, 8))
    for rang, co, po in cibles:
        cours.append(Cours(f"FIA-TC{rang}", f"Français, intégration - temps complet, niveau {rang}", "FIA",
                           True, True, True, co, po, "TC", rang))
    for rang, co, po in cibles[:5]:
        cours.append(Cours(f"FIA-TP{rang}", f"Français, intégration - temps partiel, niveau {rang}", "FIA",
                           True, True, True, co, po, "TP", rang))
    # Personnes peu alphabétisées (moins de 9 ans de scolarité).
    for rang, co, po in ((1, 1, 1), (2, 2, 2), (3, 3, 3), (4, 4, 4)):
        cours.append(Cours(f"FIPA-{rang}", f"Français pour personnes peu alphabétisées, niveau {rang}", "FIPA",
                           True, False, True, co, po, "TC", rang))
    # Français spécialisé (relatif au travail) : normés, sommatives pour certains.
    cours.append(Cours("FRT-SAN", "Français spécialisé, domaine de la santé", "FRT", True, True, True, 8, 8, "TP", 8))
    cours.append(
        Cours("FRT-GEN", "Français spécialisé, génie et sciences appliquées", "FRT", True, True, True, 7, 8, "TP", 8)
    )
    cours.append(
        Cours(
            "FRT-ADM", "Français spécialisé, administration et affaires", "FRT", True, True, False, None, None, "TP", 8
        )
    )
    cours.append(Cours("FRT-EDU", "Français spécialisé, éducation", "FRT", True, True, True, 8, None, "TP", 8))
    # En ligne (FEL) : normés, sans évaluation sommative finale.
    for rang in range(1, 5):
        cours.append(Cours(f"FEL-{rang}", f"Francisation en ligne, niveau {rang}", "FEL", True, True, False,
                           2 * rang, 2 * rang, "EL", rang))
    # En milieu de travail (FMT) : non normés.
    cours.append(Cours("FMT-01", "Français en milieu de travail, débutant", "FMT", False, True, True, 3, 3, "TP", 2))
    cours.append(
        Cours("FMT-02", "Français en milieu de travail, intermédiaire", "FMT", False, True, True, 6, 6, "TP", 5)
    )
    # Autres ateliers : non normés, sans évaluation.
    cours.append(Cours("AUT-CONV", "Ateliers de conversation", "AUTRE", False, True, False, None, None, "TP", 5))
    cours.append(Cours("AUT-PREP", "Préparation au test de français", "AUTRE", False, True, False, None, None, "TP", 7))
    return tuple(cours)


COURS: tuple[Cours, ...] = _catalogue()
COURS_PAR_SIGLE: dict[str, Cours] = {c.sigle: c for c in COURS}
