{#
    Test générique, sur un modèle base_ (toutes les lignes brutes d'un extrait, typées, avec
    est_doublon et motif_quarantaine) : échoue quand la part des lignes mises en quarantaine
    dépasse le seuil (var seuil_quarantaine, 2 % par défaut). Le message nomme le fichier (lu dans
    le contrat, macro fichier_extrait) et le
    motif le plus fréquent (ex. « id_arrima inconnu de arrima_clients »), pour orienter vers
    la cause.
    motifs_exclus : motifs qui ne signalent pas une ligne invalide mais une mise à l'écart voulue
    par une règle de la fiche (ex. volet hors PASI), ou une conséquence déjà comptée ailleurs
    (ligne enfant d'une ligne parente en quarantaine); ces lignes restent comptées et visibles,
    mais n'entrent pas dans le seuil (des tests de dérive ou le test du parent les surveillent).
#}
{% test quarantaine_sous_seuil(model, fichier=none, seuil=none, motifs_exclus=[]) %}
    {%- set fichier = fichier_extrait(model, fichier) -%}
    {%- set seuil_applique = seuil if seuil is not none else var('seuil_quarantaine') -%}
    {{ porte_qualite_non_bloquante() }}
    with lignes_en_quarantaine as (
        select motif_quarantaine
        from {{ model }}
        where
            motif_quarantaine is not null
            {%- if motifs_exclus %}
                and motif_quarantaine not in ('{{ motifs_exclus | join("', '") }}')
            {%- endif %}
    ),

    par_motif as (
        select
            motif_quarantaine,
            count(*) as nb_lignes
        from lignes_en_quarantaine
        group by motif_quarantaine
    ),

    motif_principal as (
        select
            motif_quarantaine,
            nb_lignes
        from par_motif
        order by nb_lignes desc, motif_quarantaine asc
        limit 1
    ),

    comptes as (
        select
            (select count(*) from {{ model }}) as nb_lignes,
            (select count(*) from lignes_en_quarantaine) as nb_quarantaine
    )

    select
        comptes.nb_lignes,
        comptes.nb_quarantaine,
        'Fichier {{ fichier }} : ' || cast(comptes.nb_quarantaine as {{ dbt.type_string() }})
        || ' ligne(s) en quarantaine sur ' || cast(comptes.nb_lignes as {{ dbt.type_string() }})
        || ', au-delà du seuil toléré de {{ (seuil_applique * 100) | round(2) }} % (motif le plus'
        || ' fréquent : « ' || motif_principal.motif_quarantaine || ' », '
        || cast(motif_principal.nb_lignes as {{ dbt.type_string() }}) || ' ligne(s)).' as message
    from comptes
    cross join motif_principal
    where {{ depasse_seuil_quarantaine('comptes.nb_quarantaine', 'comptes.nb_lignes', seuil_applique) }}
{% endtest %}
