"""Diagnostic d'encodage commun (``mifi.encodages``) : UTF-16, BOM UTF-8 sur un fichier
Windows-1252, encodage mélangé. Même refus, même message, par la validation Great
Expectations (``decoder``), les contrôles de base de la nuit et le greffon dbt (lecteurs
Windows-1252 Python et DuckDB) : un fichier mélangé ne se calcule nulle part en silence.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from mifi.contrat import EXTRAITS
from mifi.encodages import ErreurEncodage, diagnostiquer_encodage
from mifi.lecture_extraits import ErreurExtrait, lire_csv_cp1252, lire_csv_cp1252_arrow
from mifi.nuit.controles import controler_extraits
from mifi.validation.contrat_extraits import extrait
from mifi.validation.lecture import ErreurLecture, decoder

CERIGES = extrait("ceriges_services.csv")
ARRIMA = extrait("arrima_clients.csv")

ENTETE_CP1252 = "no_dossier;nom;prenom\n"
LIGNE_CP1252 = "1;Côté;Hélène\n"
LIGNE_UTF8 = "2;Bélanger;Zoé\n"


def fichier_melange(lignes_utf8: set[int], nb_lignes: int = 12) -> bytes:
    """Fichier Windows-1252 dont les lignes (numérotées comme dans le fichier, en-tête = 1)
    de ``lignes_utf8`` sont encodées en UTF-8."""
    contenu = ENTETE_CP1252.encode("cp1252")
    for numero in range(2, nb_lignes + 1):
        contenu += (LIGNE_UTF8.encode("utf-8") if numero in lignes_utf8 else LIGNE_CP1252.encode("cp1252"))
    return contenu


# --- Windows-1252 attendu ------------------------------------------------------------------------

def test_lignes_utf8_dans_un_fichier_cp1252_refusees_avec_leurs_numeros() -> None:
    contenu = fichier_melange({4, 7})
    with pytest.raises(ErreurEncodage) as erreur:
        diagnostiquer_encodage("ceriges_services.csv", contenu, "cp1252")
    message = str(erreur.value)
    assert message.startswith("ceriges_services.csv : encodage mélangé : 2 ligne(s)")
    assert "(lignes 4, 7)" in message and "Ã©" in message


def test_plus_de_cinq_lignes_fautives_comptees_et_les_premieres_citees() -> None:
    with pytest.raises(ErreurEncodage, match=r"9 ligne\(s\).*\(lignes 2, 3, 5, 6, 8…\)"):
        diagnostiquer_encodage("x.csv", fichier_melange({2, 3, 5, 6, 8, 9, 10, 11, 12}), "cp1252")


def test_fichier_entierement_utf8_au_lieu_de_cp1252() -> None:
    contenu = (ENTETE_CP1252 + LIGNE_UTF8).encode("utf-8")
    with pytest.raises(ErreurEncodage, match="encodé en UTF-8 alors que le contrat prévoit Windows-1252"):
        diagnostiquer_encodage("x.csv", contenu, "cp1252")


def test_bom_utf8_devant_un_contenu_cp1252() -> None:
    contenu = b"\xef\xbb\xbf" + (ENTETE_CP1252 + LIGNE_CP1252).encode("cp1252")
    with pytest.raises(ErreurEncodage) as erreur:
        diagnostiquer_encodage("intimm_personnes.csv", contenu, "cp1252")
    message = str(erreur.value)
    assert message.startswith("intimm_personnes.csv : ")
    assert "BOM" in message and "EF BB BF" in message and "contenu est en Windows-1252" in message
    assert "sans BOM" in message


def test_bom_utf8_devant_un_contenu_ascii() -> None:
    with pytest.raises(ErreurEncodage, match=r"BOM, octets EF BB BF.*sans BOM"):
        diagnostiquer_encodage("x.csv", b"\xef\xbb\xbfa;b\n1;2\n", "cp1252")


def test_bom_utf8_devant_un_contenu_utf8() -> None:
    contenu = b"\xef\xbb\xbf" + (ENTETE_CP1252 + LIGNE_UTF8).encode("utf-8")
    with pytest.raises(ErreurEncodage, match=r"BOM.*il est en UTF-8 alors que le contrat prévoit Windows-1252"):
        diagnostiquer_encodage("x.csv", contenu, "cp1252")


@pytest.mark.parametrize("encodage", ["cp1252", "utf-8", "utf-8-sig"])
@pytest.mark.parametrize(("codec", "indice"), [("utf-16", "FF FE"), ("utf-16-be", "octets nuls"),
                                               ("utf-16-le", "octets nuls")])
def test_utf16_nomme(encodage: str, codec: str, indice: str) -> None:
    contenu = (ENTETE_CP1252 + LIGNE_CP1252).encode(codec)
    with pytest.raises(ErreurEncodage) as erreur:
        diagnostiquer_encodage("gsi_services.csv", contenu, encodage)
    assert str(erreur.value).startswith("gsi_services.csv : ")
    assert "UTF-16" in str(erreur.value) and indice in str(erreur.value)


def test_utf16_gros_boutiste_avec_bom() -> None:
    contenu = b"\xfe\xff" + (ENTETE_CP1252 + LIGNE_CP1252).encode("utf-16-be")
    with pytest.raises(ErreurEncodage, match=r"UTF-16.*FE FF, gros-boutiste"):
        diagnostiquer_encodage("x.csv", contenu, "cp1252")


def test_cp1252_francais_legitime_sans_fausse_alerte() -> None:
    # Majuscules accentuées suivies d'une espace insécable, de guillemets, d'apostrophes
    # typographiques, œ, €, ° : aucune n'est une suite UTF-8 de lettre latine.
    texte = ENTETE_CP1252 + "1;CAFÉ\xa0» D’ÉTÉ;Œuvrard\n2;Noël « été »;12\xa0€ 3°\n3;ÇA;ÊTRE—là…\n"
    assert diagnostiquer_encodage("x.csv", texte.encode("cp1252"), "cp1252") == (texte, [])


# --- UTF-8 attendu ---------------------------------------------------------------------------------

def test_lignes_cp1252_dans_un_fichier_utf8_refusees_avec_leurs_numeros() -> None:
    contenu = ("a,b\n1,Hélène\n").encode("utf-8") + "2,Côté\n3,Zoé\n".encode("cp1252") + "4,Noël\n".encode("utf-8")
    with pytest.raises(ErreurEncodage) as erreur:
        diagnostiquer_encodage("arrima_clients.csv", contenu, "utf-8")
    message = str(erreur.value)
    assert message.startswith("arrima_clients.csv : encodage mélangé")
    assert "pas en UTF-8" in message and "2 ligne(s)" in message and "(lignes 3, 4;" in message


def test_utf8_bom_tolere_en_avertissement() -> None:
    texte, avertissements = diagnostiquer_encodage("x.csv", b"\xef\xbb\xbfa,b\n1,\xc3\xa9\n", "utf-8")
    assert texte == "a,b\n1,é\n" and len(avertissements) == 1 and "BOM" in avertissements[0]


# --- Chaque lecture refuse ----------------------------------------------------------------------------

def test_validation_great_expectations_refuse_le_melange() -> None:
    with pytest.raises(ErreurLecture, match=r"ceriges_services\.csv : encodage mélangé.*lignes 5\)"):
        decoder(CERIGES, fichier_melange({5}))


def test_greffon_dbt_refuse_le_melange(tmp_path: Path) -> None:
    chemin = tmp_path / "intimm_personnes.csv"
    chemin.write_bytes(fichier_melange({3, 9}))
    for lecteur in (lire_csv_cp1252, lire_csv_cp1252_arrow):
        with pytest.raises(
            ErreurExtrait, match=r"intimm_personnes\.csv : encodage mélangé : 2 ligne\(s\).*lignes 3, 9\)"
        ):
            lecteur(chemin)


@pytest.mark.parametrize(("prefixe", "indice"), [(b"\xff\xfe", "UTF-16"), (b"\xef\xbb\xbf", "BOM")])
def test_greffon_dbt_refuse_utf16_et_bom(tmp_path: Path, prefixe: bytes, indice: str) -> None:
    chemin = tmp_path / "ceriges_services.csv"
    chemin.write_bytes(prefixe + fichier_melange(set()))
    with pytest.raises(ErreurExtrait, match=indice):
        lire_csv_cp1252_arrow(chemin)


def test_greffon_dbt_voit_une_suite_utf8_a_cheval_sur_deux_blocs(tmp_path: Path) -> None:
    """Le lecteur rapide lit par blocs de 4 Mio : « é » en UTF-8 (C3 A9) coupé entre deux."""
    bloc = 1 << 22
    ligne = "1;Côté;Hélène\n".encode("cp1252")
    corps = ENTETE_CP1252.encode("cp1252") + ligne * (bloc // len(ligne) + 10)
    numero = corps.count(b"\n", 0, bloc - 1) + 1
    # Le deuxième champ de la ligne qui contient l'octet bloc - 1 prend « é » en UTF-8 : C3 en
    # dernière position du premier bloc, A9 en première position du second.
    debut_ligne = corps.rfind(b"\n", 0, bloc - 1) + 1
    corps = (
        corps[:debut_ligne]
        + b"9;"
        + b"x" * (bloc - 1 - debut_ligne - 2)
        + "é".encode("utf-8")
        + b";Zo\n"
        + corps[debut_ligne:]
    )
    assert corps[bloc - 1:bloc + 1] == b"\xc3\xa9"
    chemin = tmp_path / "intimm_evaluations.csv"
    chemin.write_bytes(corps)
    with pytest.raises(ErreurExtrait, match=rf"1 ligne\(s\).*\(lignes {numero}\)"):
        lire_csv_cp1252_arrow(chemin)


def test_controles_de_base_de_la_nuit_refusent_le_melange(tmp_path: Path) -> None:
    fichier = next(f for f in EXTRAITS if f.nom == "ceriges_services.csv")
    entete = ";".join(fichier.colonnes) + "\n"
    valeurs = "1;Côté;Hélène;01/01/1980;F;FRA;RP;01/01/2020;ORG;06;1;01/02/2023;Accueil\n"
    (tmp_path / fichier.nom).write_bytes((entete + valeurs).encode("cp1252") + valeurs.encode("utf-8"))
    resultat = controler_extraits(tmp_path)
    assert any(e.startswith("ceriges_services.csv : encodage mélangé : 1 ligne(s)") and "(lignes 3)" in e
               for e in resultat.erreurs), resultat.erreurs
