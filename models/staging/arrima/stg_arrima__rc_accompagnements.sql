-- Accompagnements en reconnaissance des compétences retenus : sans doublon exact ni ligne en
-- quarantaine. Tous les prestataires sont gardés ici (l'exclusion de Qualifications Québec
-- est une règle de l'indicateur 2.2.1, appliquée en intermédiaire).
{{ stg_extrait(ref('base_arrima__rc_accompagnements')) }}
