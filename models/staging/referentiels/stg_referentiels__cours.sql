-- Référentiel des cours retenu (une ligne par sigle) : sans doublon exact ni ligne en
-- quarantaine; indicateurs O/N convertis en booléens.
{{ stg_extrait(
    ref('base_referentiels__cours'),
    remplacer={
        'programme_norme': "programme_norme_code = 'O' as est_programme_norme",
        'scolarite_9_ans_plus': "scolarite_9_ans_plus_code = 'O' as est_scolarite_9_ans_plus",
        'evaluation_sommative_finale': "evaluation_sommative_finale_code = 'O' as a_evaluation_sommative_finale",
    },
) }}
