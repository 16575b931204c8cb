{#- Fichier engendré par `python -m mifi.extraits.sources` depuis le contrat des extraits
    (src/mifi/validation/contrat_extraits.py) : ne pas le modifier à la main.
    Un extrait : fichier, source et table dbt, modele (base_<modele> : toutes les lignes
    typées; stg_<modele> : les lignes retenues). -#}
{% macro contrat_extraits() -%}
    {{ return([
        {'fichier': 'bdi_declarations.csv', 'source': 'bdi', 'table': 'bdi_declarations', 'modele': 'bdi__declarations'},
        {'fichier': 'bdi_experiences.csv', 'source': 'bdi', 'table': 'bdi_experiences', 'modele': 'bdi__experiences'},
        {'fichier': 'bdi_francais.csv', 'source': 'bdi', 'table': 'bdi_francais', 'modele': 'bdi__francais'},
        {'fichier': 'ref_diagnostics_professions.csv', 'source': 'referentiels_bdi', 'table': 'ref_diagnostics_professions', 'modele': 'referentiels__diagnostics_professions'},
        {'fichier': 'arrima_clients.csv', 'source': 'arrima', 'table': 'arrima_clients', 'modele': 'arrima__clients'},
        {'fichier': 'arrima_aq_inscriptions.csv', 'source': 'arrima', 'table': 'arrima_aq_inscriptions', 'modele': 'arrima__aq_inscriptions'},
        {'fichier': 'powerapp_aq_rencontres.csv', 'source': 'powerapp', 'table': 'powerapp_aq_rencontres', 'modele': 'powerapp__aq_rencontres'},
        {'fichier': 'arrima_rc_accompagnements.csv', 'source': 'arrima', 'table': 'arrima_rc_accompagnements', 'modele': 'arrima__rc_accompagnements'},
        {'fichier': 'arrima_paffarc_aides.csv', 'source': 'arrima', 'table': 'arrima_paffarc_aides', 'modele': 'arrima__paffarc_aides'},
        {'fichier': 'ddrc_projets_recrutement.xlsx', 'source': 'ddrc', 'table': 'ddrc_projets_recrutement', 'modele': 'ddrc__participants'},
        {'fichier': 'ceriges_services.csv', 'source': 'ceriges', 'table': 'ceriges_services', 'modele': 'ceriges__services'},
        {'fichier': 'gsi_services.csv', 'source': 'gsi', 'table': 'gsi_services', 'modele': 'gsi__services'},
        {'fichier': 'intimm_personnes.csv', 'source': 'intimm', 'table': 'intimm_personnes', 'modele': 'intimm__personnes'},
        {'fichier': 'intimm_inscriptions.csv', 'source': 'intimm', 'table': 'intimm_inscriptions', 'modele': 'intimm__inscriptions'},
        {'fichier': 'intimm_evaluations.csv', 'source': 'intimm', 'table': 'intimm_evaluations', 'modele': 'intimm__evaluations'},
        {'fichier': 'ref_cours.csv', 'source': 'referentiels', 'table': 'ref_cours', 'modele': 'referentiels__cours'},
        {'fichier': 'dgtnri_services_numeriques.xlsx', 'source': 'dgtnri', 'table': 'dgtnri_services_numeriques', 'modele': 'dgtnri__services_numeriques'},
    ]) }}
{%- endmacro %}
