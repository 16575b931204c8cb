"""Le résultat d'une validation des extraits : un seul type pour la validation Great
Expectations (``mifi.validation.execution``) et les contrôles de base de la nuit
(``mifi.nuit.controles``), qui la remplacent quand elle n'est pas disponible.

Module sans dépendance (n'importe pas Great Expectations).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class ResultatValidation:
    """Résultat de la validation d'un dossier d'extraits."""

    succes: bool
    erreurs: list[str] = field(default_factory=list)
    avertissements: list[str] = field(default_factory=list)
    chemin_data_docs: Path | None = None
    # nombre de lignes lues par fichier (fichiers lisibles seulement)
    nb_lignes: dict[str, int] = field(default_factory=dict)

    def resume(self) -> str:
        lignes = [
            "Validation des extraits : " + ("réussie" if self.succes else f"ÉCHEC ({len(self.erreurs)} erreur(s))")
        ]
        lignes += [f"  ERREUR : {message}" for message in self.erreurs]
        lignes += [f"  avertissement : {message}" for message in self.avertissements]
        if self.chemin_data_docs is not None:
            lignes.append(f"  Data Docs : {self.chemin_data_docs}")
        return "\n".join(lignes)


__all__ = ["ResultatValidation"]
