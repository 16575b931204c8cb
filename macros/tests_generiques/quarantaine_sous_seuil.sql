{#
    Test générique, sur un modèle base_ (toutes les lignes brutes d'un extrait, typées, avec
    est_doublon et motif_quarantaine) : échoue quand la part des lignes mises en quarantaine
    dépasse le seuil (var seuil_quarantaine, 2 % par défaut). Le message nomme le fichier.
    motifs_exclus : motifs qui ne signalent pas une ligne invalide mais une mise à l'écart voulue
    par une règle de la fiche (ex. volet hors PASI); ces lignes restent comptées et visibles,
    mais n'entrent pas dans le seuil (des tests de dérive les surveillent).
#}
{% test quarantaine_sous_seuil(model, fichier, seuil=none, motifs_exclus=[]) %}
    {%- set seuil_applique = seuil if seuil is not none else var('seuil_quarantaine') -%}
    with comptes as (
        select
            count(*) as nb_lignes,
            sum(
                case
                    when motif_quarantaine is not null
                    {%- if motifs_exclus %}
                        and motif_quarantaine not in ('{{ motifs_exclus | join("', '") }}')
                    {%- endif %}
                        then 1
                    else 0
                end
            ) as nb_quarantaine
        from {{ model }}
    )

    select
        nb_lignes,
        nb_quarantaine,
        'Fichier {{ fichier }} : ' || cast(nb_quarantaine as {{ dbt.type_string() }})
        || ' ligne(s) en quarantaine sur ' || cast(nb_lignes as {{ dbt.type_string() }})
        || ', au-delà du seuil toléré de {{ (seuil_applique * 100) | round(2) }} %.' as message
    from comptes
    where nb_quarantaine > {{ seuil_applique }} * nb_lignes
{% endtest %}
