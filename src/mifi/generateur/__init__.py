"""Générateur d'extraits synthétiques et de leur vérité terrain.

Point d'entrée : ``python -m mifi generer ...`` (module :mod:`mifi.generateur.cli`).

Organisation :

- :mod:`~mifi.generateur.parametres` : options de génération, volumes, taux de défauts;
- :mod:`~mifi.generateur.calendrier` : fenêtres publiées (mêmes règles que le calendrier dbt);
- :mod:`~mifi.generateur.normalisation` : portage Python de la macro ``normaliser_nom``;
- :mod:`~mifi.generateur.noms`, :mod:`~mifi.generateur.identites` : identités nominatives
  uniques par construction, variantes d'écriture des noms;
- :mod:`~mifi.generateur.referentiels` : pays, régions, professions CNP, cours;
- :mod:`~mifi.generateur.population` : flux de personnes (cohortes mensuelles);
- :mod:`~mifi.generateur.bdi`, :mod:`~mifi.generateur.arrima`, :mod:`~mifi.generateur.pasi`,
  :mod:`~mifi.generateur.francisation`, :mod:`~mifi.generateur.numerique` : événements par
  domaine et lignes des extraits;
- :mod:`~mifi.generateur.defauts` : défauts réalistes (variantes, doublons, lignes invalides);
- :mod:`~mifi.generateur.ecriture` : écriture des CSV et classeurs Excel (déterministe);
- :mod:`~mifi.generateur.verite` : règles des indicateurs appliquées au modèle d'événements;
- :mod:`~mifi.generateur.generation` : orchestration.
"""

VERSION_FORMAT_VERITE = 1
