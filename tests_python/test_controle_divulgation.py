"""Contrôle de la divulgation, éprouvé comme un attaquant le ferait : à partir de ce que Power BI
lit (fct_resultats_indicateurs et fct_ventilations_indicateurs), retrouver une cellule
supprimée en soustrayant du total annuel les cellules publiées d'une dimension exclusive.

La suppression complémentaire doit rendre cette soustraction impossible : dans une dimension
exclusive, une fenêtre n'a jamais exactement une cellule supprimée. Le même calcul, appliqué aux
cellules avec la seule suppression primaire, retrouve bien des cellules : l'attaque est réelle.
"""

from __future__ import annotations

from typing import Any

from outils_dbt import Construction

SEUIL = 5

# Pour chaque (indicateur, fenêtre annuelle, dimension exclusive) : le total publié, la somme des
# cellules publiées, le nombre de cellules supprimées. La mesure additive est la valeur pour un
# dénombrement et le numérateur pour une proportion (ainsi que le dénominateur pour 3.1.3).
ATTAQUE = """
with
cellules as ({cellules}),
sommes as (
    select
        indicateur_id, periode, granularite, date_fin, dimension,
        sum(valeur) as somme_valeurs,
        sum(numerateur) as somme_numerateurs,
        count(*) filter (where est_supprimee) as nb_supprimees,
        max(modalite) filter (where est_supprimee) as modalite_supprimee
    from cellules
    where dimension_exclusive
    group by indicateur_id, periode, granularite, date_fin, dimension
)
select
    sommes.indicateur_id, sommes.periode, sommes.dimension,
    case
        when totaux.denominateur is null then totaux.valeur - coalesce(sommes.somme_valeurs, 0)
        else totaux.numerateur - coalesce(sommes.somme_numerateurs, 0)
    end as reste,
    sommes.nb_supprimees,
    sommes.modalite_supprimee
from sommes
inner join marts.fct_resultats_indicateurs as totaux
    on sommes.indicateur_id = totaux.indicateur_id and sommes.periode = totaux.periode
    and sommes.granularite = totaux.granularite and sommes.date_fin = totaux.date_fin
where totaux.est_produite
"""

PUBLIEES = "select * from marts.fct_ventilations_indicateurs"

# Les mêmes cellules avec la seule suppression primaire (sans la complémentaire).
PRIMAIRE_SEULE = f"""
select
    indicateur_id, periode, granularite, date_fin, dimension, modalite, dimension_exclusive,
    nb_personnes < {SEUIL} as est_supprimee,
    case when nb_personnes < {SEUIL} then null else valeur end as valeur,
    case when nb_personnes < {SEUIL} then null else numerateur end as numerateur
from intermediate.int_publication__ventilations
"""


def cellules_retrouvees(construction: Construction, cellules: str) -> list[tuple[Any, ...]]:
    """Cellules supprimées qu'on retrouve par soustraction : seules supprimées de leur dimension."""
    return [
        ligne for ligne in construction.requete(ATTAQUE.format(cellules=cellules))
        if ligne[4] == 1
    ]


def test_des_cellules_sont_supprimees(construction_verite: Construction) -> None:
    """Le jeu de test contient des petites cellules : l'épreuve n'est pas vide."""
    (nb,) = construction_verite.requete(
        "select count(*) from marts.fct_ventilations_indicateurs where est_supprimee and dimension_exclusive"
    )[0]
    assert nb > 0


def test_aucune_cellule_supprimee_ne_se_retrouve_par_soustraction(construction_verite: Construction) -> None:
    retrouvees = cellules_retrouvees(construction_verite, PUBLIEES)
    assert retrouvees == [], (
        "cellules supprimées qu'on retrouve en soustrayant les cellules publiées du total : "
        + "; ".join(f"{i} {p} {d}={m} (reste {r})" for i, p, d, r, _, m in retrouvees[:10])
    )


def test_sans_suppression_complementaire_l_attaque_reussit(construction_verite: Construction) -> None:
    """Avec la seule suppression primaire, des cellules se retrouvent, et le reste de la
    soustraction est exactement leur valeur non publiée : la suppression complémentaire est
    nécessaire, et le test précédent peut échouer."""
    retrouvees = cellules_retrouvees(construction_verite, PRIMAIRE_SEULE)
    assert retrouvees, "aucune cellule retrouvable même sans suppression complémentaire"
    for indicateur_id, periode, dimension, reste, _, modalite in retrouvees[:20]:
        (vraie,) = construction_verite.requete(
            "select case when numerateur is null then valeur else numerateur end "
            "from intermediate.int_publication__ventilations "
            f"where indicateur_id = '{indicateur_id}' and periode = '{periode}' "
            f"and dimension = '{dimension}' and modalite = '{modalite}'"
        )[0]
        assert abs(reste - vraie) < 1e-9


def test_toute_cellule_publiee_compte_au_moins_cinq_personnes(construction_verite: Construction) -> None:
    petites = construction_verite.requete(
        f"""
        select publiees.indicateur_id, publiees.periode, publiees.dimension, publiees.modalite, cellules.nb_personnes
        from marts.fct_ventilations_indicateurs as publiees
        inner join intermediate.int_publication__ventilations as cellules
            using (indicateur_id, periode, granularite, date_fin, dimension, modalite)
        where not publiees.est_supprimee and cellules.nb_personnes < {SEUIL}
        """
    )
    assert petites == []
