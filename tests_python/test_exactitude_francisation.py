"""Exactitude des indicateurs de la francisation (5.2.1 et 3.1.3) : les marts publiés égalent la
vérité terrain du générateur, pour chaque fenêtre (année financière et cumuls trimestriels)."""

from __future__ import annotations

from typing import Any

import pytest

from outils_dbt import Construction, comparer_a_la_verite


@pytest.mark.parametrize("indicateur_id", ["5.2.1", "3.1.3"])
def test_marts_egaux_a_la_verite(construction_verite: Construction, indicateur_id: str) -> None:
    assert construction_verite.attendus(indicateur_id), f"aucune fenêtre {indicateur_id} dans la vérité terrain"
    assert comparer_a_la_verite(construction_verite, indicateur_id) == []


def _totaux_et_sommes_des_cellules(
    construction: Construction, indicateur_id: str, dimension: str, mesures: tuple[str, ...]
) -> list[tuple[Any, ...]]:
    """Par année (granularité annuelle) : période, mesures du total, sommes de ces mesures sur les
    cellules de la dimension, et si au moins une cellule est supprimée."""
    totaux = ", ".join(f"resultats.{mesure}" for mesure in mesures)
    sommes = ", ".join(f"sum(ventilations.{mesure})" for mesure in mesures)
    return construction.requete(
        f"""
        select resultats.periode, {totaux}, {sommes}, bool_or(ventilations.est_supprimee)
        from marts.fct_resultats_indicateurs as resultats
        inner join marts.fct_ventilations_indicateurs as ventilations
            on ventilations.indicateur_id = resultats.indicateur_id
            and ventilations.periode = resultats.periode
            and ventilations.granularite = resultats.granularite
        where resultats.indicateur_id = '{indicateur_id}' and resultats.granularite = 'annuelle'
            and ventilations.dimension = '{dimension}'
        group by resultats.periode, {totaux}
        """
    )


@pytest.mark.parametrize("dimension", ["nouvel_inscrit", "sexe", "groupe_age"])
def test_521_dimension_de_personne_partitionne_le_total(construction_verite: Construction, dimension: str) -> None:
    """Une dimension qui décrit la personne (une seule modalité par personne et par année)
    additionne exactement au total annuel quand aucune cellule n'est supprimée."""
    lignes = _totaux_et_sommes_des_cellules(construction_verite, "5.2.1", dimension, ("valeur",))
    assert lignes, f"aucune ventilation {dimension} de 5.2.1"
    for periode, total, somme, une_supprimee in lignes:
        if not une_supprimee:
            assert somme == total, f"5.2.1 {periode} : {dimension} additionne {somme}, total {total}"


def test_313_ventilation_par_sexe_additionne_au_total(construction_verite: Construction) -> None:
    """L'unité de 3.1.3 est la participation : chacune tombe dans une seule modalité de sexe,
    donc numérateurs et dénominateurs des cellules publiées additionnent au plus au total."""
    lignes = _totaux_et_sommes_des_cellules(construction_verite, "3.1.3", "sexe", ("numerateur", "denominateur"))
    assert lignes, "aucune ventilation par sexe de 3.1.3"
    for periode, num, den, somme_num, somme_den, une_supprimee in lignes:
        if une_supprimee:
            assert somme_num <= num and somme_den <= den, periode
        else:
            assert (somme_num, somme_den) == (num, den), periode
