-- Services PASI de CERIGES retenus : sans doublon exact ni ligne en quarantaine (donc datés
-- avant le 2023-07-01, volets V1, V1A, V2, V3, V4). Codes d'origine conservés (sexe H/F/X,
-- statut RP/RT/..., volet V1A...); l'harmonisation avec GSI se fait en intermédiaire.
{{ stg_extrait(ref('base_ceriges__services')) }}
