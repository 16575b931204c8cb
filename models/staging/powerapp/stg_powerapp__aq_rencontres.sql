-- Rencontres Accompagnement Québec retenues : sans doublon exact ni ligne en quarantaine.
{{ stg_extrait(ref('base_powerapp__aq_rencontres')) }}
