"""Référentiel des pays (seeds/ref_pays.csv), dérivé de sources maintenues, jamais saisi à la main.

- Codes et noms : ISO 3166-1 de ``pycountry`` (tous les pays et territoires, alpha-3 et
  alpha-2); noms français par les traductions gettext livrées avec le paquet (domaine
  ``iso3166-1``, langue ``fr``). Le nom usuel (``common_name``, ex. « Corée du Sud ») est
  préféré au nom officiel; un nom officiel de forme « Russie, Fédération de » est ramené à sa
  partie nominale (« Russie »), une forme « Salomon, Îles » est remise dans l'ordre de lecture
  (« Îles Salomon »). Le nom officiel français reste dans ``nom_officiel``.
- Continent : la classification ``continent`` du fichier de données du paquet
  ``country_converter`` (coco), traduite en français (six valeurs). Le paquet est lu comme
  fichier de données : sa classe ``CountryConverter`` ne se charge pas avec pandas 3.
- ``ordre`` : rang alphabétique du nom français (accents et casse ignorés), pour trier les pays
  dans Power BI sans dépendre de la collation de l'entrepôt.

Usage : ``python -m mifi.referentiels_pays`` (ou ``mifi referentiels-pays``) réécrit le seed;
``--verifier`` échoue si le seed diffère de ce que produirait le script.
"""

from __future__ import annotations

import argparse
import csv
import gettext
import io
import sys
import unicodedata
from importlib import resources
from pathlib import Path

import pycountry

RACINE = Path(__file__).resolve().parents[2]
SEED = RACINE / "seeds" / "ref_pays.csv"
COLONNES = ("code_pays", "code_alpha2", "nom_pays", "nom_officiel", "continent", "ordre")

# Vocabulaire de la classification « continent » de country_converter -> libellé français.
CONTINENTS_FR = {
    "Africa": "Afrique",
    "America": "Amérique",
    "Asia": "Asie",
    "Europe": "Europe",
    "Oceania": "Océanie",
    "Antarctica": "Antarctique",
}

# Désignations placées après la virgule dans les noms ISO triés (« Russie, Fédération de ») :
# - d'État : on garde le nom seul;
# - géographiques : on les remet devant le nom (« Îles Salomon »).
DESIGNATIONS_ETAT = ("Fédération de", "État de", "États fédérés de", "République")
DESIGNATIONS_LIEU = ("Île", "Îles")


def traduction_francaise() -> gettext.NullTranslations:
    return gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["fr"])


def continents_par_alpha3() -> dict[str, str]:
    donnees = resources.files("country_converter").joinpath("country_data.tsv")
    with donnees.open(encoding="utf-8") as fichier:
        return {ligne["ISO3"]: ligne["continent"] for ligne in csv.DictReader(fichier, delimiter="\t")}


def nom_lisible(nom: str) -> str:
    """« Russie, Fédération de » -> « Russie »; « Malouines, Îles (Falkland) » -> « Îles Malouines (Falkland) »."""
    if ", " not in nom:
        return nom
    tete, queue = nom.split(", ", 1)
    if queue.startswith(DESIGNATIONS_ETAT):
        return tete
    if queue.split(" ")[0] in DESIGNATIONS_LIEU or queue.startswith("Île de la"):
        parenthese = ""
        if " (" in queue:
            queue, parenthese = queue.split(" (", 1)
            parenthese = " (" + parenthese
        return f"{queue} {tete}{parenthese}"
    return nom


def cle_tri(texte: str) -> str:
    decompose = unicodedata.normalize("NFKD", texte)
    return "".join(c for c in decompose if not unicodedata.combining(c)).casefold()


def lignes_pays() -> list[dict[str, str]]:
    francais = traduction_francaise()
    continents = continents_par_alpha3()
    lignes = []
    for pays in pycountry.countries:
        nom_officiel = francais.gettext(pays.name)
        nom_usuel = getattr(pays, "common_name", None)
        nom = francais.gettext(nom_usuel) if nom_usuel else nom_lisible(nom_officiel)
        continent = continents.get(pays.alpha_3)
        if continent not in CONTINENTS_FR:
            raise ValueError(f"Continent inconnu pour {pays.alpha_3} dans country_converter : {continent!r}")
        lignes.append({
            "code_pays": pays.alpha_3,
            "code_alpha2": pays.alpha_2,
            "nom_pays": nom,
            "nom_officiel": nom_officiel,
            "continent": CONTINENTS_FR[continent],
        })
    for rang, ligne in enumerate(sorted(lignes, key=lambda l: (cle_tri(l["nom_pays"]), l["code_pays"])), 1):
        ligne["ordre"] = str(rang)
    return sorted(lignes, key=lambda l: l["code_pays"])


def contenu_seed() -> str:
    tampon = io.StringIO()
    ecrivain = csv.DictWriter(tampon, fieldnames=COLONNES, lineterminator="\n")
    ecrivain.writeheader()
    ecrivain.writerows(lignes_pays())
    return tampon.getvalue()


def ajouter_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--sortie", type=Path, default=SEED, help="Fichier CSV à écrire (seed ref_pays par défaut).")
    parser.add_argument(
        "--verifier", action="store_true", help="Ne rien écrire; échouer si le fichier diffère de la sortie du script.",
    )


def executer(args: argparse.Namespace) -> int:
    contenu = contenu_seed()
    if args.verifier:
        actuel = args.sortie.read_text(encoding="utf-8") if args.sortie.exists() else ""
        if actuel != contenu:
            print(f"{args.sortie} n'est pas à jour : relancer python -m mifi.referentiels_pays", file=sys.stderr)
            return 1
        print(f"{args.sortie} est à jour.")
        return 0
    args.sortie.write_text(contenu, encoding="utf-8")
    print(f"{args.sortie} : {contenu.count(chr(10)) - 1} pays écrits.")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m mifi.referentiels_pays", description=__doc__.splitlines()[0])
    ajouter_arguments(parser)
    return executer(parser.parse_args(argv))


if __name__ == "__main__":
    raise SystemExit(main())
