-- Révisions des valeurs déjà publiées : une ligne chaque fois qu'une nuit publie, pour une
-- fenêtre déjà terminée à la publication précédente, une valeur (ou un numérateur, un
-- dénominateur) différente. Les premières publications ne sont pas des révisions, ni
-- l'évolution d'un cumul encore en cours, ni un changement de cible seul.
with

historique as (
    select * from {{ ref('hist_resultats_indicateurs') }}
),

versions as (
    select
        indicateur_id,
        nom_abrege,
        periode,
        granularite,
        date_debut,
        date_fin,
        valeur,
        numerateur,
        denominateur,
        dbt_valid_from,
        lag(valeur) over versions_de_la_fenetre as ancienne_valeur,
        lag(numerateur) over versions_de_la_fenetre as ancien_numerateur,
        lag(denominateur) over versions_de_la_fenetre as ancien_denominateur,
        lag(periode_complete) over versions_de_la_fenetre as ancienne_periode_complete,
        lag(dbt_valid_from) over versions_de_la_fenetre as ancien_debut_validite
    from historique
    -- Versions successives d'une même valeur publiée (clé de l'historique), dans l'ordre.
    window versions_de_la_fenetre as (
        partition by indicateur_id, periode, granularite, date_fin
        order by dbt_valid_from
    )
),

revisions as (
    select
        indicateur_id,
        -- Clé de dim_periodes (une colonne, pour la relation Power BI) : une fenêtre révisée
        -- est terminée, donc toujours publiée dans dim_periodes.
        {{ cle_periode('periode', 'granularite', 'date_fin') }} as cle_periode,
        nom_abrege,
        periode,
        granularite,
        date_debut,
        date_fin,
        ancienne_valeur,
        valeur as nouvelle_valeur,
        ancien_numerateur,
        numerateur as nouveau_numerateur,
        ancien_denominateur,
        denominateur as nouveau_denominateur,
        cast(ancien_debut_validite as date) as date_publication_precedente,
        cast(dbt_valid_from as date) as date_revision,
        dbt_valid_from as horodatage_revision
    from versions
    where
        ancien_debut_validite is not null
        and ancienne_periode_complete
        and (
            valeur is distinct from ancienne_valeur
            or numerateur is distinct from ancien_numerateur
            or denominateur is distinct from ancien_denominateur
        )
),

final as (
    select * from revisions
)

select * from final
