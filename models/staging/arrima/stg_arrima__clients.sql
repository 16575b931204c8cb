-- Clients ARRIMA retenus : sans doublon exact ni ligne en quarantaine, avec la clé nominative
-- normalisée qui sert au rapprochement avec le classeur DDRC (2.2.1).
{{ stg_extrait(
    ref('base_arrima__clients'),
    ajouts=[cle_nominative('nom', 'prenom', 'date_naissance') ~ ' as cle_nominative'],
) }}
