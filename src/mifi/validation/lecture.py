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

import duckdb
import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

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
_EMPREINTE = "__empreinte_mifi"
_ONGLET_NETTOYE = "__onglet_nettoye_mifi"


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

    En une passe sur le fichier et dans son ordre (Arrow, puis une requête DuckDB) : valeurs débarrassées des
    espaces de tête et de fin (ceux de ``str.strip``), vide -> NULL, codes en majuscules;
    ``_onglet`` tel qu'il est lu. ``_occurrence`` : rang de la ligne parmi ses copies exactes,
    comparées comme la macro est_doublon_exact du staging (valeurs brutes sans espaces de tête et
    de fin, en majuscules, vide = NULL : `Oui` et `OUI`, ` v2` et `V2` font une seule ligne), dans
    l'ordre du fichier. Une empreinte (hash) de la ligne comparée écarte d'abord les lignes
    uniques (presque toutes); le rang exact (clé complète) n'est calculé que pour les lignes dont
    l'empreinte se répète (copies, ou collision d'empreintes), puis reporté par position : la
    table entière n'est ni jointe ni triée.
    """
    # Espaces de tête et de fin retirés par Arrow (utf8_trim : les caractères d'ESPACES, aux deux
    # bouts), trois fois moins coûteux qu'une expression régulière en DuckDB.
    def sans_espaces(nom: str) -> pa.ChunkedArray:
        return pc.utf8_trim(brut.column(nom).cast(pa.string()), characters=ESPACES)

    nettoyees = {colonne.nom: sans_espaces(colonne.nom) for colonne in extrait.colonnes}
    colonnes: list[str] = []
    cles: list[str] = []  # valeurs comparées, calculées sur les colonnes préparées
    for colonne in extrait.colonnes:
        expression = f"nullif({_identifiant(colonne.nom)}, '')"
        if colonne.type in TYPES_CODES:
            expression = f"upper({expression})"
        colonnes.append(f"{expression} as {_identifiant(colonne.nom)}")
        # upper(nullif(t, '')) vaut NULL où upper(t) vaut '' : même clé après coalesce
        cles.append(f"coalesce(upper({_identifiant(colonne.nom)}), '')")
    techniques = [_RANG, _EMPREINTE]
    if COLONNE_ONGLET in brut.column_names:  # gardé tel quel; comparé sans ses espaces
        nettoyees[COLONNE_ONGLET] = brut.column(COLONNE_ONGLET)
        nettoyees[_ONGLET_NETTOYE] = sans_espaces(COLONNE_ONGLET)
        colonnes += [_identifiant(COLONNE_ONGLET), _ONGLET_NETTOYE]
        cles.append(f"coalesce(upper({_ONGLET_NETTOYE}), '')")
        techniques.append(_ONGLET_NETTOYE)
    nettoyee = pa.table(nettoyees)
    source = nettoyee.append_column(_RANG, pa.array(np.arange(brut.num_rows, dtype=np.int64)))
    connexion = duckdb.connect(":memory:", config={"autoinstall_known_extensions": False})
    try:
        connexion.register("brut", source)
        preparee = connexion.sql(
            f"select *, hash({', '.join(cles)}) as {_EMPREINTE} "
            f"from (select {', '.join(colonnes)}, {_RANG} from brut)"
        ).to_arrow_table()
        connexion.register("preparee", preparee)
        rangs = connexion.sql(
            f"with repetees as (select {_EMPREINTE} from preparee group by {_EMPREINTE} having count(*) > 1) "
            f"select {_RANG}, row_number() over (partition by {', '.join(cles)} order by {_RANG}) as rang_copie "
            f"from preparee semi join repetees using ({_EMPREINTE})"
        ).fetchnumpy()
    finally:
        connexion.close()
    ordre = preparee.column(_RANG).to_numpy()
    if not np.array_equal(ordre, np.arange(preparee.num_rows)):  # DuckDB garde l'ordre d'une projection
        preparee = preparee.take(np.argsort(ordre))
    occurrence = np.ones(preparee.num_rows, dtype=np.int64)
    occurrence[rangs[_RANG]] = rangs["rang_copie"]
    return preparee.drop_columns(techniques).append_column(COLONNE_OCCURRENCE, pa.array(occurrence))


__all__ = [
    "ESPACES", "FORMAT_ISO", "ErreurLecture", "LectureExtrait", "decoder", "lire_extrait", "preparer",
    "verifier_entete",
]
