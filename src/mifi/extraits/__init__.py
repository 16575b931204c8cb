"""Les extraits bruts : leur lecteur unique (``mifi.extraits.lecture``, partagé par le greffon
dbt, la validation et les contrôles de base de la nuit) et les artefacts dérivés du contrat
(``mifi.extraits.sources`` : sources dbt; contrat : ``mifi.validation.contrat_extraits``)."""
