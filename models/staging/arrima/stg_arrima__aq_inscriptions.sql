-- Inscriptions à Accompagnement Québec retenues : sans doublon exact ni ligne en quarantaine.
{{ stg_extrait(ref('base_arrima__aq_inscriptions')) }}
