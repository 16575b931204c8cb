"""Diagnostic de l'encodage d'un extrait CSV : une seule fonction pour toutes les lectures.

``diagnostiquer_encodage`` est appelée par le lecteur des extraits (``mifi.extraits.lecture``),
seul lecteur de la validation Great Expectations, des contrôles de base de la nuit et du greffon
dbt-duckdb : un fichier refusé par l'un l'est par les autres, avec le même message.

Refusés (``ErreurEncodage``, message en français qui nomme le fichier et dit quoi faire) :

- **UTF-16** : marque d'ordre d'octets ``FF FE`` (petit-boutiste) ou ``FE FF`` (gros-boutiste),
  ou sans marque mais avec beaucoup d'octets nuls (un caractère ASCII sur deux octets);
- fichier Windows-1252 attendu :
  - **BOM UTF-8** (``EF BB BF``) en tête : fichier UTF-8 (si le reste est de l'UTF-8 valide), ou
    fichier Windows-1252 auquel un outil a ajouté un BOM (sinon);
  - fichier **entièrement en UTF-8** (les accents seraient lus « Ã© » au lieu de « é »);
  - **encodage mélangé** : des lignes contiennent des suites d'octets UTF-8 (``C3 A9`` pour
    « é », qui se lirait « Ã© » en Windows-1252) parmi des lignes en Windows-1252. Chaque
    ligne se décoderait sans erreur, mais certaines seraient fausses : aucune lecture ne
    devine ligne par ligne, le fichier est refusé (premières lignes fautives et leur nombre);
  - octet non défini en Windows-1252 (0x81, 0x8D, 0x8F, 0x90, 0x9D);
- fichier UTF-8 attendu : lignes qui ne sont pas de l'UTF-8 valide (Windows-1252 en tout ou en
  partie) : premières lignes fautives et leur nombre; « encodage mélangé » quand d'autres
  lignes contiennent de l'UTF-8 accentué valide.

Tolérés (avertissements) : BOM absent alors que le contrat le prévoit, ou présent alors qu'il
ne le prévoit pas (fichiers UTF-8).

Les suites UTF-8 cherchées dans un fichier Windows-1252 sont celles des caractères latins
accentués (U+0080 à U+017F : octet de tête ``C2`` à ``C5``) et de la ponctuation typographique
(U+2000 à U+20BF : ``E2 80``, ``E2 81``, ``E2 82``) : relues en Windows-1252, elles donnent
« Ã© », « Ã¨ », « Â », « â€™ »… Un texte français en Windows-1252 ne les contient jamais
(une lettre « Â », « Ã », « Ä » ou « Å » suivie d'un octet 0x80-0xBF).
"""

from __future__ import annotations

import re

BOM_UTF8 = b"\xef\xbb\xbf"
BOMS_UTF16 = {b"\xff\xfe": "FF FE, petit-boutiste", b"\xfe\xff": "FE FF, gros-boutiste"}
# Part d'octets nuls au-delà de laquelle un fichier sans BOM est jugé en UTF-16.
PART_OCTETS_NULS_UTF16 = 0.1
NB_LIGNES_CITEES = 5
_SUITE_UTF8 = re.compile(rb"[\xc2-\xc5][\x80-\xbf]|\xe2[\x80-\x82][\x80-\xbf]")
_NOMS = {"cp1252": "Windows-1252", "utf-8": "UTF-8", "utf-8-sig": "UTF-8 avec BOM"}


class ErreurEncodage(ValueError):
    """Encodage du fichier différent de celui du contrat (message destiné aux analystes)."""


def _liste(lignes: list[int]) -> str:
    texte = ", ".join(str(n) for n in lignes[:NB_LIGNES_CITEES])
    return texte + ("…" if len(lignes) > NB_LIGNES_CITEES else "")


def _ligne_de(contenu: bytes, position: int, premiere_ligne: int = 1) -> int:
    return contenu.count(b"\n", 0, position) + premiere_ligne


def lignes_utf8_dans_cp1252(contenu: bytes, premiere_ligne: int = 1, depuis: int = 0) -> list[int]:
    """Numéros (sans doublon, croissants) des lignes qui contiennent une suite d'octets UTF-8.

    ``premiere_ligne`` : numéro de la ligne qui commence à l'octet 0 de ``contenu``; ``depuis`` :
    ignorer une suite qui finit avant cette position (recouvrement entre deux blocs).
    """
    lignes: list[int] = []
    position_comptee, ligne = 0, premiere_ligne
    for trouvee in _SUITE_UTF8.finditer(contenu):
        if trouvee.end() <= depuis:
            continue
        ligne += contenu.count(b"\n", position_comptee, trouvee.start())
        position_comptee = trouvee.start()
        if not lignes or lignes[-1] != ligne:
            lignes.append(ligne)
    return lignes


def detecter_utf16(nom: str, contenu: bytes) -> None:
    """Lève ErreurEncodage si le début du fichier est de l'UTF-16 (BOM ou octets nuls)."""
    for bom, libelle in BOMS_UTF16.items():
        if contenu.startswith(bom):
            raise ErreurEncodage(
                f"{nom} : le fichier est en UTF-16 (marque d'ordre d'octets {libelle}), pas dans "
                "l'encodage du contrat : le réexporter en texte (CSV) dans l'encodage prévu."
            )
    debut = contenu[:65536]
    if debut and debut.count(0) >= PART_OCTETS_NULS_UTF16 * len(debut):
        raise ErreurEncodage(
            f"{nom} : le fichier contient {debut.count(0)} octets nuls sur ses {len(debut)} premiers "
            "octets : il est en UTF-16 (sans marque d'ordre d'octets) ou n'est pas un fichier texte; "
            "le réexporter en texte (CSV) dans l'encodage du contrat."
        )


def _lignes_utf8_invalides(contenu: bytes) -> list[int]:
    lignes: list[int] = []
    for numero, ligne in enumerate(contenu.split(b"\n"), start=1):
        try:
            ligne.decode("utf-8")
        except UnicodeDecodeError:
            lignes.append(numero)
    return lignes


def diagnostiquer_encodage(nom: str, contenu: bytes, encodage: str) -> tuple[str, list[str]]:
    """Décode ``contenu`` selon l'encodage du contrat (``cp1252``, ``utf-8``, ``utf-8-sig``).

    Rend (texte sans BOM, avertissements); lève ``ErreurEncodage`` (message qui nomme le
    fichier ``nom``, et les lignes en cause) si le fichier n'est pas dans cet encodage.
    """
    detecter_utf16(nom, contenu)
    if encodage == "cp1252":
        return _decoder_cp1252(nom, contenu), []
    return _decoder_utf8(nom, contenu, encodage)


def _decoder_cp1252(nom: str, contenu: bytes) -> str:
    if contenu.startswith(BOM_UTF8):
        try:
            contenu.decode("utf-8")
        except UnicodeDecodeError:
            raise ErreurEncodage(
                f"{nom} : le fichier commence par une marque d'ordre d'octets UTF-8 (BOM, octets "
                "EF BB BF) alors que son contenu est en Windows-1252 comme le prévoit le contrat : "
                "réexporter le fichier sans BOM (ou retirer ses 3 premiers octets)."
            ) from None
        if contenu[len(BOM_UTF8):].isascii():
            raise ErreurEncodage(
                f"{nom} : le fichier commence par une marque d'ordre d'octets UTF-8 (BOM, octets "
                "EF BB BF) alors que le contrat prévoit Windows-1252, sans BOM (le reste, sans "
                "caractère accentué, se lit pareil dans les deux encodages) : réexporter le fichier "
                "sans BOM (ou retirer ses 3 premiers octets)."
            )
        raise ErreurEncodage(
            f"{nom} : le fichier commence par une marque d'ordre d'octets UTF-8 (BOM) : il est en "
            "UTF-8 alors que le contrat prévoit Windows-1252; le réexporter en Windows-1252."
        )
    lignes_utf8 = lignes_utf8_dans_cp1252(contenu)
    if lignes_utf8:
        try:
            contenu.decode("utf-8")
        except UnicodeDecodeError:
            raise ErreurEncodage(
                f"{nom} : encodage mélangé : {len(lignes_utf8)} ligne(s) contiennent des caractères "
                f"encodés en UTF-8 (« é » y serait lu « Ã© ») parmi des lignes en Windows-1252 "
                f"(lignes {_liste(lignes_utf8)}). Le fichier doit être entièrement en Windows-1252 "
                "comme le prévoit le contrat : corriger ces lignes ou réextraire le fichier."
            ) from None
        # Du texte Windows-1252 accentué n'est presque jamais de l'UTF-8 valide.
        raise ErreurEncodage(
            f"{nom} : le fichier est encodé en UTF-8 alors que le contrat prévoit Windows-1252 "
            "(les accents seraient lus « Ã© » au lieu de « é »); le réexporter en Windows-1252."
        )
    try:
        return contenu.decode("cp1252")
    except UnicodeDecodeError as erreur:
        raise ErreurEncodage(
            f"{nom} : octet 0x{contenu[erreur.start]:02X} invalide en Windows-1252 (ligne "
            f"{_ligne_de(contenu, erreur.start)}, position {erreur.start}) : le fichier n'est pas dans "
            "l'encodage du contrat."
        ) from None


def _decoder_utf8(nom: str, contenu: bytes, encodage: str) -> tuple[str, list[str]]:
    avertissements: list[str] = []
    a_bom = contenu.startswith(BOM_UTF8)
    try:
        texte = contenu.decode("utf-8-sig")
    except UnicodeDecodeError as erreur:
        invalides = _lignes_utf8_invalides(contenu)
        ensemble_invalides = set(invalides)
        valides_accentuees = any(
            ligne and max(ligne) > 0x7F
            for numero, ligne in enumerate(contenu.split(b"\n"), start=1)
            if numero not in ensemble_invalides
        )
        octet = contenu[erreur.start]
        if valides_accentuees:
            raise ErreurEncodage(
                f"{nom} : encodage mélangé : le fichier n'est pas en UTF-8 comme le prévoit le contrat "
                f"partout : {len(invalides)} ligne(s) contiennent des octets invalides en UTF-8 (Windows-1252 ?) "
                f"parmi des lignes en UTF-8 (lignes {_liste(invalides)}; premier octet invalide 0x{octet:02X}). "
                "Corriger ces lignes ou réextraire le fichier en UTF-8."
            ) from None
        raise ErreurEncodage(
            f"{nom} : le fichier n'est pas en UTF-8 comme le prévoit le contrat (octet 0x{octet:02X} "
            f"invalide, ligne {_ligne_de(contenu, erreur.start)}; {len(invalides)} ligne(s) en cause : "
            f"{_liste(invalides)}; fichier Windows-1252 ?). Le réexporter en UTF-8."
        ) from None
    if encodage == "utf-8-sig" and not a_bom:
        avertissements.append(f"{nom} : marque d'ordre d'octets (BOM) absente; le contrat prévoit UTF-8 avec BOM.")
    if encodage == "utf-8" and a_bom:
        avertissements.append(f"{nom} : marque d'ordre d'octets (BOM) présente; le contrat prévoit UTF-8 sans BOM.")
    return texte, avertissements


__all__ = ["BOM_UTF8", "ErreurEncodage", "detecter_utf16", "diagnostiquer_encodage", "lignes_utf8_dans_cp1252"]
