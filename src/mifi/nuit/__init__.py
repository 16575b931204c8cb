"""Traitement de nuit : ``python -m mifi nuit`` (ou ``make nuit``).

Face publique du paquet : ``ajouter_arguments`` et ``executer`` (la commande ``mifi nuit``, voir
``mifi.cli``), ``nuit`` (une nuit sur des chemins donnés), ``Chemins``, ``EtatNuit``,
``EchecNuit`` et ``verrou``. Le déroulement (étapes, verrous, publication, résumés) est dans
``mifi.nuit.orchestration``; les outils de chaque étape dans leurs modules :

- ``garde_fous`` : date d'extraction, extraits figés, révisions acceptées;
- ``controles`` : contrôles de base du contrat des extraits (validation de secours, sans GX);
- ``execution_dbt`` : lancement de dbt et lecture de son bilan;
- ``historique`` : sauvegarde et restauration du schéma ``historique``;
- ``publication`` : version préparée à part, publiée d'un seul geste;
- ``etat`` : ``etat_nuit.json`` et ``etat_nuit.html``.
"""

from mifi.nuit.controles import ResultatValidation
from mifi.nuit.orchestration import (
    Chemins,
    EchecNuit,
    EtatNuit,
    ajouter_arguments,
    executer,
    nuit,
    verrou,
)

__all__ = [
    "Chemins",
    "EchecNuit",
    "EtatNuit",
    "ResultatValidation",
    "ajouter_arguments",
    "executer",
    "nuit",
    "verrou",
]
