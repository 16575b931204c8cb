"""Artefacts dérivés du contrat des extraits (``mifi.validation.contrat_extraits``)."""
