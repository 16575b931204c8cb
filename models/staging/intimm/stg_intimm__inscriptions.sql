-- Inscriptions Intimm retenues (une ligne par inscription à une session de cours) : sans
-- doublon exact ni ligne en quarantaine; codes nettoyés, indicateur O/N converti en booléen.
{{ stg_extrait(
    ref('base_intimm__inscriptions'),
    remplacer={'enseignant_mifi': "coalesce(enseignant_mifi_code = 'O', false) as est_enseignant_mifi"},
) }}
