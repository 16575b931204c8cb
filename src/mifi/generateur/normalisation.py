"""Portage Python exact de la macro dbt ``normaliser_nom`` (macros/normaliser_nom.sql).

Mêmes étapes, dans le même ordre, que la macro :

1. décomposition de compatibilité NFKD (entrées NFC ou NFD) et retrait des marques
   combinatoires (mêmes blocs que la macro PostgreSQL);
2. lettres sans décomposition et formes de compatibilité traduites par
   :data:`CORRESPONDANCES` (ł → l, ß → ss, ﬁ → fi...);
3. traits d'union, tirets, apostrophes et espaces insécables ou typographiques
   (:data:`PONCTUATION`) remplacés par des espaces;
4. minuscules;
5. espaces multiples réduits, espaces de tête et de fin retirés.

:data:`CORRESPONDANCES`, :data:`PONCTUATION` et :data:`MARQUES_COMBINATOIRES` doivent rester
égales aux macros ``correspondances_nom``, ``ponctuation_nom`` et
``marques_combinatoires_nom`` : un test les compare.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date

# Lettres latines pleine chasse (U+FF21-FF3A, U+FF41-FF5A) : NFKD les ramène à l'ASCII, pas
# strip_accents de DuckDB; la macro les traduit donc explicitement.
_PLEINE_CHASSE: tuple[tuple[str, str], ...] = tuple(
    (chr(0xFF21 + i), chr(ord("a") + i)) for i in range(26)
) + tuple((chr(0xFF41 + i), chr(ord("a") + i)) for i in range(26))

CORRESPONDANCES: tuple[tuple[str, str], ...] = (
    ("ł", "l"), ("Ł", "l"), ("đ", "d"), ("Đ", "d"), ("ø", "o"), ("Ø", "o"),
    ("ß", "ss"), ("ẞ", "ss"), ("æ", "ae"), ("Æ", "ae"), ("œ", "oe"), ("Œ", "oe"),
    ("ð", "d"), ("Ð", "d"), ("þ", "th"), ("Þ", "th"), ("ı", "i"), ("ħ", "h"), ("Ħ", "h"),
    ("ŧ", "t"), ("Ŧ", "t"), ("ŀ", "l"), ("Ŀ", "l"), ("·", ""),
    ("ﬀ", "ff"), ("ﬁ", "fi"), ("ﬂ", "fl"), ("ﬃ", "ffi"), ("ﬄ", "ffl"), ("ﬅ", "st"), ("ﬆ", "st"),
    ("ĳ", "ij"), ("Ĳ", "ij"), ("ſ", "s"), ("ŉ", "ʼn"),
    ("ǆ", "dz"), ("ǅ", "dz"), ("Ǆ", "dz"), ("ǳ", "dz"), ("ǲ", "dz"), ("Ǳ", "dz"),
    ("ǉ", "lj"), ("ǈ", "lj"), ("Ǉ", "lj"), ("ǌ", "nj"), ("ǋ", "nj"), ("Ǌ", "nj"),
    ("ŋ", "ng"), ("Ŋ", "ng"), ("ɛ", "e"), ("Ɛ", "e"), ("ɔ", "o"), ("Ɔ", "o"),
    ("ɓ", "b"), ("Ɓ", "b"), ("ɗ", "d"), ("Ɗ", "d"), ("ɖ", "d"), ("Ɖ", "d"), ("ƙ", "k"), ("Ƙ", "k"),
    ("ƴ", "y"), ("Ƴ", "y"), ("ƒ", "f"), ("Ƒ", "f"),
    ("ʒ", "z"), ("Ʒ", "z"), ("ẚ", "aʾ"), ("ĸ", "q"), ("ẜ", "s"), ("ẝ", "s"), ("ẟ", "d"),
    ("Ỻ", "ll"), ("ỻ", "ll"), ("Ỽ", "v"), ("ỽ", "v"), ("Ỿ", "y"), ("ỿ", "y"),
    *_PLEINE_CHASSE,
)

PONCTUATION = (
    "-\u2010\u2011\u2012\u2013\u2014\u2015\u2212\uff0d"
    "'\u2019\u2018\u201b`\u00b4\u02bc\u02bb\u02be\u02bf\u2032\uff07"
    "\u00a0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000"
)

# Classe d'expression régulière des marques combinatoires (même texte que la macro).
MARQUES_COMBINATOIRES = r"[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]"

_MARQUES = re.compile(MARQUES_COMBINATOIRES)
_TABLE_CORRESPONDANCES = str.maketrans(dict(CORRESPONDANCES))
_TABLE_PONCTUATION = str.maketrans(PONCTUATION, " " * len(PONCTUATION))
# RE2 (DuckDB) et PostgreSQL : la macro utilise la classe explicite [ \t\n\f\r], reproduite ici.
_ESPACES = re.compile(r"[ \t\n\f\r]+")


def normaliser_nom(valeur: str) -> str:
    """Même résultat que ``{{ normaliser_nom(valeur) }}`` en SQL."""
    texte = _MARQUES.sub("", unicodedata.normalize("NFKD", valeur))
    texte = texte.translate(_TABLE_CORRESPONDANCES).translate(_TABLE_PONCTUATION).lower()
    return _ESPACES.sub(" ", texte).strip(" ")


def cle_nominative(nom: str, prenom: str, date_naissance: date) -> tuple[str, str, date]:
    """Clé nominative (2.2.1, 3.1.2) : nom, prénom normalisés et date de naissance."""
    return (normaliser_nom(nom), normaliser_nom(prenom), date_naissance)
