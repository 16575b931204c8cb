-- Déclarations d'intérêt retenues : sans doublon exact ni ligne en quarantaine.
{{ stg_extrait(ref('base_bdi__declarations')) }}
