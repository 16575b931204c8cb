-- Services numériques retenus (onglet « Suivi 6.1.1 »), sans doublon exact ni ligne en
-- quarantaine. Un service sans date de mise en ligne n'est pas encore en ligne.
{{ stg_extrait(
    ref('base_dgtnri__services_numeriques'),
    remplacer={
        'identifiant': ['identifiant', 'no_ligne_excel'],
        'nouveau_service': 'est_nouveau_service',
        'participation_clientele_amont': 'a_participation_clientele_amont',
    },
) }}
