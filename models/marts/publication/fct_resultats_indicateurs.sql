-- Contrat de publication lu par Power BI : une ligne par indicateur × période × granularité.
-- Union des marts fct_resultats_<id> des indicateurs publiés (macros indicateurs_publies() et
-- modeles_publies).
-- S'y ajoutent, une seule fois pour tous : la clé de dim_periodes, le drapeau de la fenêtre
-- courante (celle qui contient date_extraction) et la date des extraits.
{%- set modeles_resultats = modeles_publies('fct_resultats_{id}') %}

with

unionees as (
    {{ unir_modeles(modeles_resultats, colonnes_resultats()) }}
),

final as (
    select
        indicateur_id,
        nom_abrege,
        {{ cle_periode('periode', 'granularite', 'date_fin') }} as cle_periode,
        periode,
        granularite,
        date_debut,
        date_fin,
        valeur,
        numerateur,
        denominateur,
        cible,
        cible_atteinte,
        periode_complete,
        est_produite,
        {{ est_fenetre_courante('date_debut', 'date_fin') }} as est_fenetre_courante,
        {{ date_extraction() }} as date_extraction
    from unionees
)

select * from final
