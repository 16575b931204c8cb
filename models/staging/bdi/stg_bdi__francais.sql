-- Preuves de connaissance du français retenues : sans doublon exact ni ligne en quarantaine.
{{ stg_extrait(ref('base_bdi__francais')) }}
