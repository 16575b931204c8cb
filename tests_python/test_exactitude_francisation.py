"""Exactitude des indicateurs de la francisation (5.2.1 et 3.1.3) : les marts publiés égalent la
vérité terrain du générateur, pour chaque fenêtre (année financière et cumuls trimestriels)."""

from __future__ import annotations

import pytest

from outils_dbt import Construction, comparer_a_la_verite


@pytest.mark.parametrize("indicateur_id", ["5.2.1", "3.1.3"])
def test_marts_egaux_a_la_verite(construction_verite: Construction, indicateur_id: str) -> None:
    assert construction_verite.attendus(indicateur_id), f"aucune fenêtre {indicateur_id} dans la vérité terrain"
    assert comparer_a_la_verite(construction_verite, indicateur_id) == []


@pytest.mark.parametrize("dimension", ["nouvel_inscrit", "sexe", "groupe_age"])
def test_521_dimension_de_personne_partitionne_le_total(construction_verite: Construction, dimension: str) -> None:
    """Une dimension qui décrit la personne (une seule modalité par personne et par année)
    additionne exactement au total annuel quand aucune cellule n'est supprimée."""
    lignes = construction_verite.requete(
        f"""
        select resultats.periode, resultats.valeur, sum(ventilations.valeur), bool_or(ventilations.est_supprimee)
        from marts.fct_resultats_indicateurs as resultats
        inner join marts.fct_ventilations_indicateurs as ventilations
            on ventilations.indicateur_id = resultats.indicateur_id
            and ventilations.periode = resultats.periode
            and ventilations.granularite = resultats.granularite
        where resultats.indicateur_id = '5.2.1' and resultats.granularite = 'annuelle'
            and ventilations.dimension = '{dimension}'
        group by resultats.periode, resultats.valeur
        """
    )
    assert lignes, f"aucune ventilation {dimension} de 5.2.1"
    for periode, total, somme, une_supprimee in lignes:
        if not une_supprimee:
            assert somme == total, f"5.2.1 {periode} : {dimension} additionne {somme}, total {total}"


def test_313_ventilation_par_sexe_additionne_au_total(construction_verite: Construction) -> None:
    """L'unité de 3.1.3 est la participation : chacune tombe dans une seule modalité de sexe,
    donc numérateurs et dénominateurs des cellules publiées additionnent au plus au total."""
    lignes = construction_verite.requete(
        """
        select resultats.periode, resultats.numerateur, resultats.denominateur,
            sum(ventilations.numerateur), sum(ventilations.denominateur), bool_or(ventilations.est_supprimee)
        from marts.fct_resultats_indicateurs as resultats
        inner join marts.fct_ventilations_indicateurs as ventilations
            on ventilations.indicateur_id = resultats.indicateur_id
            and ventilations.periode = resultats.periode
            and ventilations.granularite = resultats.granularite
        where resultats.indicateur_id = '3.1.3' and resultats.granularite = 'annuelle'
            and ventilations.dimension = 'sexe'
        group by resultats.periode, resultats.numerateur, resultats.denominateur
        """
    )
    assert lignes, "aucune ventilation par sexe de 3.1.3"
    for periode, num, den, somme_num, somme_den, une_supprimee in lignes:
        if une_supprimee:
            assert somme_num <= num and somme_den <= den, periode
        else:
            assert (somme_num, somme_den) == (num, den), periode
