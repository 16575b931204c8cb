-- Services PASI de GSI retenus : sans doublon exact ni ligne en quarantaine (donc datés à partir
-- du 2023-07-01, volets 1 à 4).
{{ stg_extrait(ref('base_gsi__services')) }}
