{#
    Test générique, sur un modèle base_ d'un extrait enfant : la part des références
    (colonne renseignée, lignes hors doublons) inconnues de l'extrait parent reste sous le seuil
    (var seuil_quarantaine, 2 % par défaut). Au-delà, ce n'est plus une ligne orpheline isolée
    (mise en quarantaine) mais un extrait abîmé : le test échoue avec un message qui nomme le
    fichier, la colonne, le parent et la cause probable. Quand la plupart des valeurs inconnues
    retrouvent une clé du parent une fois les zéros de tête retirés des deux côtés (un
    réenregistrement Excel : `5` pour `00000005`), le message le dit : « zéros de tête perdus ? ».
    modele_parent : modèle base_ du parent (toutes ses lignes, clé déjà nettoyée). Les fichiers
    de l'enfant et du parent sont lus dans le contrat (macro fichier_extrait).
#}
{% test references_connues(model, colonne, modele_parent, colonne_parent, fichier=none, fichier_parent=none, seuil=none) %}
    {%- set fichier = fichier_extrait(model, fichier) -%}
    {%- set fichier_parent = fichier_extrait(modele_parent, fichier_parent) -%}
    {%- set seuil_applique = seuil if seuil is not none else var('seuil_quarantaine') -%}
    {%- set texte = dbt.type_string() -%}
    {{ porte_qualite_non_bloquante() }}
    with

    references_enfant as (
        {{ valeurs_hors_doublons(model, colonne) }}
    ),

    cles_parent as (
        select distinct {{ colonne_parent }} as cle
        from {{ modele_parent }}
        where {{ colonne_parent }} is not null
    ),

    cles_parent_sans_zeros as (
        select distinct ltrim(cle, '0') as cle_sans_zeros
        from cles_parent
    ),

    inconnues as (
        select references_enfant.valeur
        from references_enfant
        left join cles_parent
            on references_enfant.valeur = cles_parent.cle
        where cles_parent.cle is null
    ),

    comptes as (
        select
            (select count(*) from references_enfant) as nb_references,
            count(*) as nb_inconnues,
            sum(case when cles_parent_sans_zeros.cle_sans_zeros is not null then 1 else 0 end)
                as nb_sans_zeros_retrouvees,
            min(inconnues.valeur) as exemple
        from inconnues
        left join cles_parent_sans_zeros
            on ltrim(inconnues.valeur, '0') = cles_parent_sans_zeros.cle_sans_zeros
    ),

    final as (
        select
            nb_references,
            nb_inconnues,
            cast(cast(round(100.0 * nb_inconnues / nb_references) as integer) as {{ texte }})
            || ' % des {{ colonne }} de {{ fichier }}'
            || ' sont inconnus de {{ fichier_parent }} (' || cast(nb_inconnues as {{ texte }})
            || ' sur ' || cast(nb_references as {{ texte }}) || ', ex. « ' || exemple || ' »), au-delà du seuil'
            || ' de {{ (seuil_applique * 100) | round(2) }} % — '
            || case
                when 2 * nb_sans_zeros_retrouvees > nb_inconnues
                    then 'zéros de tête perdus ? (fichier réenregistré dans Excel : réextraire {{ fichier }}'
                    || ' ou {{ fichier_parent }} sans conversion en nombre)'
                else 'extraits de dates ou de systèmes différents ? (vérifier que {{ fichier }} et'
                    || ' {{ fichier_parent }} viennent de la même extraction)'
            end as message
        from comptes
        where
            nb_inconnues > 0
            and {{ depasse_seuil_quarantaine('nb_inconnues', 'nb_references', seuil_applique) }}
    )

    select * from final
{% endtest %}
