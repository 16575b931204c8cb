-- Évaluations Intimm retenues : sans doublon exact ni ligne en quarantaine. `niveau` est le
-- niveau atteint sur l'Échelle québécoise (1-12), vide quand le résultat est `NE`.
{{ stg_extrait(
    ref('base_intimm__evaluations'),
    remplacer={'resultat': [
        'resultat',
        "case when resultat <> 'NE' then niveau end as niveau",
        "resultat = 'NE' as est_non_evalue",
    ]},
) }}
