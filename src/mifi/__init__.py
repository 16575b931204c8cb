"""Outillage du projet indicateurs-mifi (générateur, lecture des extraits, traitement de nuit)."""

__version__ = "0.1.0"
