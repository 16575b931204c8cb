-- Contrat de publication lu par Power BI : une ligne par indicateur × période × granularité.
-- Union des marts fct_resultats_<id> des indicateurs publiés (macro indicateurs_publies()).
-- S'y ajoutent, une seule fois pour tous : la clé de dim_periodes, le drapeau de la fenêtre
-- courante (celle qui contient date_extraction) et la date des extraits.
{%- set modeles_resultats = [] %}
{%- for indicateur in indicateurs_publies() %}
    {%- do modeles_resultats.append('fct_resultats_' ~ indicateur.id) %}
{%- endfor %}

with

{% for modele in modeles_resultats %}
    {{ modele }} as (
        select {{ colonnes_resultats() }} from {{ ref(modele) }}
    ),

{% endfor %}
vide as (
    -- Relation typée sans ligne : garantit la forme du contrat quelle que soit la liste.
    select
        cast(null as {{ dbt.type_string() }}) as indicateur_id,
        cast(null as {{ dbt.type_string() }}) as nom_abrege,
        cast(null as {{ dbt.type_string() }}) as periode,
        cast(null as {{ dbt.type_string() }}) as granularite,
        cast(null as date) as date_debut,
        cast(null as date) as date_fin,
        cast(null as {{ type_double() }}) as valeur,
        cast(null as {{ type_double() }}) as numerateur,
        cast(null as {{ type_double() }}) as denominateur,
        cast(null as {{ type_double() }}) as cible,
        cast(null as boolean) as cible_atteinte,
        cast(null as boolean) as periode_complete,
        cast(null as boolean) as est_produite
    where 1 = 0
),

unionees as (
    {% for modele in modeles_resultats %}
        select * from {{ modele }}
        union all
    {% endfor %}
    select * from vide
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
