-- Aides financières PAFFARC retenues : sans doublon exact ni ligne en quarantaine. Tous les
-- statuts sont gardés ici (seules les aides ACCORDEE comptent pour 2.2.1, en intermédiaire).
{{ stg_extrait(ref('base_arrima__paffarc_aides')) }}
