"""Portage Python exact de la macro dbt ``normaliser_nom`` (macros/normaliser_nom.sql).

minuscules, œ/æ développés, accents retirés (liste explicite de la macro), traits d'union et
apostrophes droites ou courbes (et ` ´) remplacés par des espaces, espaces multiples réduits,
espaces de tête et de fin retirés.
"""

from __future__ import annotations

import re
from datetime import date

_SOURCE = "àâäáãåçéèêëíìîïñóòôöõúùûüýÿÀÂÄÁÃÅÇÉÈÊËÍÌÎÏÑÓÒÔÖÕÚÙÛÜÝŸ-'’‘`´ʼ‐–\u00a0\u202f"
_CIBLE = "aaaaaaceeeeiiiinooooouuuuyyaaaaaaceeeeiiiinooooouuuuyy           "
assert len(_SOURCE) == len(_CIBLE)
_TABLE = str.maketrans(_SOURCE, _CIBLE)
# RE2 (DuckDB) : \s = [\t\n\f\r ] (ASCII). On reproduit cette classe, pas celle d'Unicode.
_ESPACES = re.compile(r"[\t\n\f\r ]+")


def normaliser_nom(valeur: str) -> str:
    """Même résultat que ``{{ normaliser_nom(valeur) }}`` en SQL."""
    texte = valeur.lower().replace("œ", "oe").replace("Œ", "oe").replace("æ", "ae").replace("Æ", "ae")
    texte = texte.translate(_TABLE)
    return _ESPACES.sub(" ", texte).strip(" ")


def cle_nominative(nom: str, prenom: str, date_naissance: date) -> tuple[str, str, date]:
    """Clé nominative (2.2.1, 3.1.2) : nom, prénom normalisés et date de naissance."""
    return (normaliser_nom(nom), normaliser_nom(prenom), date_naissance)
