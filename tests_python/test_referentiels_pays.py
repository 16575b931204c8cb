"""Le seed ref_pays est la sortie du script mifi.referentiels_pays (jamais édité à la main) et
couvre toute la norme ISO 3166-1."""

from __future__ import annotations

import csv

import pycountry

from mifi import referentiels_pays


def lignes_seed() -> list[dict[str, str]]:
    with referentiels_pays.SEED.open(encoding="utf-8") as fichier:
        return list(csv.DictReader(fichier))


def test_seed_identique_a_la_sortie_du_script() -> None:
    actuel = referentiels_pays.SEED.read_text(encoding="utf-8")
    assert actuel == referentiels_pays.contenu_seed(), "relancer python -m mifi.referentiels_pays"


def test_seed_couvre_tous_les_codes_iso() -> None:
    codes = {ligne["code_pays"] for ligne in lignes_seed()}
    assert codes == {pays.alpha_3 for pays in pycountry.countries}


def test_noms_francais_et_continents() -> None:
    par_code = {ligne["code_pays"]: ligne for ligne in lignes_seed()}
    assert par_code["DEU"]["nom_pays"] == "Allemagne"
    assert par_code["KOR"]["nom_pays"] == "Corée du Sud"
    assert par_code["RUS"]["nom_pays"] == "Russie"
    assert par_code["SLB"]["nom_pays"] == "Îles Salomon"
    assert par_code["HTI"]["continent"] == "Amérique"
    assert par_code["CMR"]["continent"] == "Afrique"
    assert par_code["NZL"]["continent"] == "Océanie"
    assert all(ligne["nom_pays"] and ligne["continent"] for ligne in par_code.values())


def test_ordre_alphabetique_sans_accents() -> None:
    par_code = {ligne["code_pays"]: int(ligne["ordre"]) for ligne in lignes_seed()}
    # « Égypte » se range entre « Dominique » et « Équateur », pas après « Zimbabwe ».
    assert par_code["DMA"] < par_code["EGY"] < par_code["ECU"] < par_code["ZWE"]


def test_nom_lisible() -> None:
    assert referentiels_pays.nom_lisible("Russie, Fédération de") == "Russie"
    assert referentiels_pays.nom_lisible("Malouines, Îles (Falkland)") == "Îles Malouines (Falkland)"
    assert referentiels_pays.nom_lisible("Bonaire, Saint-Eustache et Saba") == "Bonaire, Saint-Eustache et Saba"


def test_verifier_signale_un_seed_modifie(tmp_path) -> None:
    copie = tmp_path / "ref_pays.csv"
    copie.write_text(referentiels_pays.contenu_seed().replace("Allemagne", "Germany"), encoding="utf-8")
    assert referentiels_pays.main(["--sortie", str(copie), "--verifier"]) == 1
    copie.write_text(referentiels_pays.contenu_seed(), encoding="utf-8")
    assert referentiels_pays.main(["--sortie", str(copie), "--verifier"]) == 0
