"""Une seule clé nominative par personne, quelle que soit l'écriture de son nom (2.2.1, 3.1.2).

La macro normaliser_nom (DuckDB et PostgreSQL) et son portage Python doivent donner la même clé
pour les cas difficiles du test SQL et pour toute lettre latine, composée (NFC) ou décomposée
(NFD) : sinon une personne écrite « Nguyễn » dans GSI et « NGUYEN » dans CERIGES compte deux fois.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Iterator
from pathlib import Path

import pytest

from cas_normalisation_noms import MacroCompilee, cas_difficiles, compiler_macro, normaliser_duckdb
from mifi.chargement_postgres import GrappeTemporaire, ParametresConnexion, dossier_binaires_postgres
from mifi.generateur.normalisation import (
    CORRESPONDANCES,
    MARQUES_COMBINATOIRES,
    PONCTUATION,
    normaliser_nom,
)

# Blocs de lettres latines comparés entre moteurs, et ceux où toute lettre doit devenir ASCII.
BLOCS_COMPARES = {
    "Latin-1 supplément": (0x00C0, 0x00FF),
    "Latin étendu A": (0x0100, 0x017F),
    "Latin étendu B": (0x0180, 0x024F),
    "Alphabet phonétique international": (0x0250, 0x02AF),
    "Latin étendu additionnel": (0x1E00, 0x1EFF),
    "Ligatures latines": (0xFB00, 0xFB06),
    "Latin pleine chasse": (0xFF21, 0xFF5A),
}
BLOCS_ENTIEREMENT_REPLIES = (
    "Latin-1 supplément", "Latin étendu A", "Latin étendu additionnel", "Ligatures latines", "Latin pleine chasse",
)


def _lettres(bloc: str) -> list[str]:
    debut, fin = BLOCS_COMPARES[bloc]
    return [chr(i) for i in range(debut, fin + 1) if unicodedata.category(chr(i)).startswith("L")]


def _lettres_repliees() -> list[str]:
    """Lettres dont la clé doit être de l'ASCII : blocs entiers, plus celles du Latin étendu B
    qui se décomposent canoniquement (ǎ, ș, ț, ǿ...) ou que la table traduit (ɓ, ǆ...)."""
    lettres = [c for bloc in BLOCS_ENTIEREMENT_REPLIES for c in _lettres(bloc)]
    traduites = {de for de, _ in CORRESPONDANCES}
    for c in _lettres("Latin étendu B"):
        decomposition = unicodedata.decomposition(c)
        if c in traduites or (decomposition and not decomposition.startswith("<")):
            lettres.append(c)
    return lettres


def _entrees_comparees() -> list[str]:
    """Chaque lettre latine seule, en NFC et en NFD, dans un mot; chaque ponctuation entre deux
    lettres; les deux côtés de chaque cas difficile."""
    entrees: list[str] = []
    for bloc in BLOCS_COMPARES:
        for c in _lettres(bloc):
            entrees += [c, unicodedata.normalize("NFD", c), f"Ab{c}cd", f"Ab{unicodedata.normalize('NFD', c)}cd"]
    entrees += [f"a{p}b" for p in PONCTUATION] + [f"{p}a{p}{p}b{p}" for p in PONCTUATION]
    for a, b, _ in cas_difficiles():
        entrees += [a, b]
    return sorted(set(entrees))


def _ecarts(reference: dict[str, str], autre: dict[str, str], entrees: Iterable[str]) -> list[str]:
    return [
        f"{e!r} ({', '.join(f'U+{ord(c):04X}' for c in e)}) : {reference[e]!r} ≠ {autre[e]!r}"
        for e in entrees if reference[e] != autre[e]
    ]


@pytest.fixture(scope="module")
def macro_duckdb(tmp_path_factory: pytest.TempPathFactory) -> MacroCompilee:
    return compiler_macro(tmp_path_factory.mktemp("normaliser_nom_duckdb"))


def test_tables_du_portage_python_egales_a_celles_de_la_macro(macro_duckdb: MacroCompilee) -> None:
    # Une seule vérité pour la table des lettres : la macro (réutilisée par chaque moteur) et le
    # portage Python doivent porter exactement les mêmes correspondances, dans le même ordre.
    assert macro_duckdb.correspondances == CORRESPONDANCES
    assert macro_duckdb.ponctuation == PONCTUATION
    assert macro_duckdb.marques == MARQUES_COMBINATOIRES
    assert len({de for de, _ in CORRESPONDANCES}) == len(CORRESPONDANCES), "lettre traduite deux fois"


def test_table_des_cas_difficiles_couvre_nfd_et_hors_windows_1252() -> None:
    cas = cas_difficiles()
    assert len(cas) >= 35
    textes = [t for a, b, _ in cas for t in (a, b)]
    assert any(unicodedata.normalize("NFC", t) != t for t in textes), "aucune forme NFD"
    for lettre in "ễłșđøßðþıŀħŧĳﬁﬂﬀẞ":
        assert any(lettre in unicodedata.normalize("NFC", t) or lettre in unicodedata.normalize("NFC", t).lower()
                   for t in textes), lettre
    hors_cp1252 = 0
    for t in textes:
        try:
            t.encode("cp1252")
        except UnicodeEncodeError:
            hors_cp1252 += 1
    assert hors_cp1252 >= 15


def test_cas_difficiles_meme_cle_en_python_et_en_duckdb(macro_duckdb: MacroCompilee) -> None:
    cas = cas_difficiles()
    cles_duckdb = normaliser_duckdb(macro_duckdb, [t for a, b, _ in cas for t in (a, b)])
    erreurs = [
        f"{a!r} / {b!r} : attendu {attendu!r}, Python {normaliser_nom(a)!r} / {normaliser_nom(b)!r}, "
        f"DuckDB {cles_duckdb[a]!r} / {cles_duckdb[b]!r}"
        for a, b, attendu in cas
        if {normaliser_nom(a), normaliser_nom(b), cles_duckdb[a], cles_duckdb[b]} != {attendu}
    ]
    assert not erreurs, "\n".join(erreurs)


def test_toute_lettre_latine_meme_cle_en_python_et_en_duckdb(macro_duckdb: MacroCompilee) -> None:
    entrees = _entrees_comparees()
    cles_duckdb = normaliser_duckdb(macro_duckdb, entrees)
    cles_python = {e: normaliser_nom(e) for e in entrees}
    ecarts = _ecarts(cles_python, cles_duckdb, entrees)
    assert not ecarts, f"{len(ecarts)} écarts Python / DuckDB :\n" + "\n".join(ecarts[:40])


def test_toute_lettre_latine_repliee_en_ascii() -> None:
    non_repliees = []
    for c in _lettres_repliees():
        for forme in (c, unicodedata.normalize("NFD", c)):
            cle = normaliser_nom(f"Ab{forme}cd")
            # Une espace est admise : ŉ et ẚ portent une apostrophe (ʼn, aʾ).
            if not (cle.isascii() and cle.replace(" ", "").isalpha() and cle.startswith("ab") and cle.endswith("cd")):
                non_repliees.append(f"{forme!r} (U+{ord(c):04X} {unicodedata.name(c)}) -> {cle!r}")
    assert not non_repliees, "\n".join(non_repliees)
    # Forme de base attendue pour les lettres nommées dans la règle.
    for lettre, base in (("ł", "l"), ("đ", "d"), ("ø", "o"), ("ß", "ss"), ("æ", "ae"), ("œ", "oe"),
                         ("ð", "d"), ("þ", "th"), ("ı", "i"), ("ŀ", "l"), ("ħ", "h"), ("ŧ", "t"),
                         ("ﬁ", "fi"), ("ﬂ", "fl"), ("ﬀ", "ff"), ("ĳ", "ij")):
        assert normaliser_nom(lettre) == base and normaliser_nom(lettre.upper()) == base.lower(), lettre


# --- PostgreSQL ---------------------------------------------------------------------------

@pytest.fixture(scope="module")
def postgres() -> Iterator[ParametresConnexion]:
    if dossier_binaires_postgres() is None:
        pytest.skip(
            "PostgreSQL absent (initdb/pg_ctl introuvables) : comparaison PostgreSQL/DuckDB de "
            "normaliser_nom ignorée. Installer le paquet postgresql."
        )
    with GrappeTemporaire(reglages={"fsync": "off"}) as grappe:
        yield grappe.parametres


def _normaliser_postgres(parametres: ParametresConnexion, macro: MacroCompilee, valeurs: list[str]) -> dict[str, str]:
    connexion = parametres.connecter()
    try:
        with connexion.cursor() as curseur:
            curseur.execute("create temporary table entree (x text)")
            curseur.executemany("insert into entree values (%s)", [(v,) for v in valeurs])
            curseur.execute(macro.requete)
            return {x: cle for x, cle in curseur.fetchall()}
    finally:
        connexion.close()


def test_postgres_meme_cle_que_duckdb(
    postgres: ParametresConnexion, macro_duckdb: MacroCompilee, tmp_path: Path
) -> None:
    macro_postgres = compiler_macro(tmp_path, {"MIFI_DBT_CIBLE": "postgres", **postgres.variables()})
    assert "normalize(" in macro_postgres.requete and "strip_accents" not in macro_postgres.requete
    assert macro_postgres.correspondances == macro_duckdb.correspondances
    entrees = _entrees_comparees()
    cles_duckdb = normaliser_duckdb(macro_duckdb, entrees)
    cles_postgres = _normaliser_postgres(postgres, macro_postgres, entrees)
    ecarts = _ecarts(cles_duckdb, cles_postgres, entrees)
    assert not ecarts, f"{len(ecarts)} écarts DuckDB / PostgreSQL :\n" + "\n".join(ecarts[:40])
    for a, b, attendu in cas_difficiles():
        assert cles_postgres[a] == attendu and cles_postgres[b] == attendu, (a, b)
