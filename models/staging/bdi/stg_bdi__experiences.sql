-- Expériences professionnelles déclarées retenues : sans doublon exact ni ligne en quarantaine.
{{ stg_extrait(ref('base_bdi__experiences')) }}
