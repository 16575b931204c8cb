"""Lecture contrôlée des extraits, selon le contrat (encodage, séparateur, en-tête, onglets).

Chaque extrait est lu une fois par le lecteur des extraits du projet
(``mifi.extraits.lecture``, le même que le greffon dbt et les contrôles de base de la nuit :
DuckDB, table Arrow), toutes valeurs en texte, puis préparé par une requête DuckDB
(normalisation et rang des copies, calculés en colonnes et non valeur par valeur), avant toute
validation Great Expectations. Les défauts qui rendent le fichier illisible ou ambigu lèvent
``ErreurLecture`` avec un message en français qui nomme le fichier : fichier absent ou vide,
encodage différent de celui du contrat, mauvais séparateur, en-tête différent (colonne
renommée, ajoutée, manquante ou déplacée), ligne au mauvais nombre de champs, guillemet non
fermé, classeur ou onglet illisible; UTF-16 et encodage mélangé (lignes citées) compris, voir
``mifi.encodages``. Les défauts tolérables (fin de ligne manquante, BOM absent ou en trop sur
un fichier UTF-8) deviennent des avertissements.

La table remise à Great Expectations (``LectureExtrait.table``; en DataFrame pandas :
``LectureExtrait.donnees``) a les colonnes du contrat, dans l'ordre, suivies des colonnes
techniques :
- valeurs débarrassées des espaces de tête et de fin, vide -> NULL (comme ``nettoyer_texte``);
- codes, pays et régions en majuscules (comme ``nettoyer_code`` du staging);
- ``_occurrence`` : rang de la ligne parmi ses copies (valeurs comparées après retrait des
  espaces et mise en majuscules, comme le staging), 1 = première;
- ``_onglet`` (classeur DDRC) : nom de l'onglet, c'est-à-dire du projet.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

import pyarrow as pa

from mifi.extraits import lecture as _lecteur
from mifi.extraits.lecture import ErreurLecture, en_pandas, verifier_entete
from mifi.validation.contrat_extraits import (
    COLONNE_OCCURRENCE,
    COLONNE_ONGLET,
    FORMAT_ISO,
    Extrait,
    Type,
)

TYPES_CODES = (Type.CODE, Type.PAYS)
# Les caractères que retire str.strip() de Python (str.isspace) : la normalisation en DuckDB
# (trim) retire exactement les mêmes.
ESPACES = (
    "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006"
    "\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000"
)
_RANG = "__rang_mifi"
_ONGLET_BRUT = "__onglet_brut_mifi"


@dataclass
class LectureExtrait:
    extrait: Extrait
    table: pa.Table  # colonnes du contrat (normalisées) + colonnes techniques
    avertissements: list[str] = field(default_factory=list)

    @cached_property
    def donnees(self) -> Any:
        """La table en DataFrame pandas (colonnes objet, NULL -> None)."""
        return en_pandas(self.table)

    @property
    def nb_lignes(self) -> int:
        return int(self.table.num_rows)


def decoder(extrait: Extrait, contenu: bytes) -> tuple[str, list[str]]:
    """Décode le contenu selon l'encodage du contrat; (texte, avertissements).

    Diagnostic commun à toutes les lectures (``mifi.encodages``) : UTF-16, BOM UTF-8 sur un
    fichier Windows-1252, fichier entièrement dans l'autre encodage et encodage mélangé (lignes
    citées) sont des erreurs; un BOM absent ou en trop sur un fichier UTF-8, un avertissement.
    """
    return _lecteur.decoder(extrait.fichier, contenu, extrait.encodage)


def lire_extrait(extrait: Extrait, dossier: Path) -> LectureExtrait:
    """Lit un extrait du dossier; ErreurLecture si le fichier ne respecte pas la forme du contrat."""
    lu = _lecteur.lire_extrait(extrait, dossier)
    return LectureExtrait(extrait, preparer(extrait, lu.table), lu.avertissements)


def _identifiant(nom: str) -> str:
    return '"' + nom.replace('"', '""') + '"'


def preparer(extrait: Extrait, brut: pa.Table) -> pa.Table:
    """Table remise à Great Expectations : normalisée comme le staging, colonnes techniques.

    Une requête DuckDB : valeurs débarrassées des espaces de tête et de fin (ceux de
    ``str.strip``), vide -> NULL, codes en majuscules; ``_onglet`` tel qu'il est lu; ``_occurrence`` :
    rang de la ligne parmi ses copies exactes, comparées comme la macro est_doublon_exact du
    staging (valeurs brutes sans espaces de tête et de fin, en majuscules, vide = NULL : `Oui` et
    `OUI`, ` v2` et `V2` font une seule ligne), dans l'ordre du fichier.
    """
    import duckdb
    import numpy as np

    # Espaces de tête et de fin retirés par une expression régulière (RE2) : trim() de DuckDB
    # avec une liste de caractères est dix fois plus lent.
    espaces = "[" + "".join(f"\\x{{{ord(caractere):x}}}" for caractere in ESPACES) + "]"
    nettoyees = ", ".join(
        f"regexp_replace({_identifiant(nom)}, '^{espaces}+|{espaces}+$', '', 'g') as {_identifiant(nom)}"
        for nom in brut.column_names
    )
    colonnes: list[str] = []
    for colonne in extrait.colonnes:
        expression = f"nullif({_identifiant(colonne.nom)}, '')"
        if colonne.type in TYPES_CODES:
            expression = f"upper({expression})"
        colonnes.append(f"{expression} as {_identifiant(colonne.nom)}")
    if COLONNE_ONGLET in brut.column_names:
        nettoyees += f", {_identifiant(COLONNE_ONGLET)} as {_ONGLET_BRUT}"
        colonnes.append(f"{_ONGLET_BRUT} as {_identifiant(COLONNE_ONGLET)}")
    cles = ", ".join(f"coalesce(upper({_identifiant(nom)}), '')" for nom in brut.column_names)
    source = brut.append_column(_RANG, pa.array(np.arange(brut.num_rows, dtype=np.int64)))
    connexion = duckdb.connect(":memory:", config={"autoinstall_known_extensions": False})
    try:
        connexion.register("brut", source)
        # Rang parmi les copies : une empreinte (hash) de la clé écarte d'abord les lignes
        # uniques (presque toutes); le rang exact (clé complète) n'est calculé que pour les lignes
        # dont l'empreinte se répète (copies, ou collision d'empreintes).
        return connexion.sql(
            f"with nettoyee as (select {nettoyees}, {_RANG} from brut), "
            f"empreintes as (select {_RANG}, hash({cles}) as empreinte from nettoyee), "
            "repetees as (select empreinte from empreintes group by empreinte having count(*) > 1), "
            f"rangs as (select {_RANG}, row_number() over (partition by {cles} order by {_RANG}) as rang_copie "
            f"from nettoyee where {_RANG} in (select {_RANG} from empreintes semi join repetees using (empreinte))) "
            f"select {', '.join(colonnes)}, coalesce(rangs.rang_copie, 1) as {COLONNE_OCCURRENCE} "
            f"from nettoyee left join rangs using ({_RANG}) order by {_RANG}"
        ).to_arrow_table()
    finally:
        connexion.close()


__all__ = [
    "ESPACES", "FORMAT_ISO", "ErreurLecture", "LectureExtrait", "decoder", "lire_extrait", "preparer",
    "verifier_entete",
]
