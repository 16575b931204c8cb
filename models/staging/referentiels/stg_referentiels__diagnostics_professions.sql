-- Diagnostic annuel des professions retenu : sans doublon exact ni ligne en quarantaine.
{{ stg_extrait(ref('base_referentiels__diagnostics_professions')) }}
