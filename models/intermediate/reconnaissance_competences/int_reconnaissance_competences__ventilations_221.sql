-- Cellules des ventilations annuelles de 2.2.1 (non supprimées; contrôle de la divulgation à
-- la publication) : type de service et profession (code CNP avec sa version). Une personne
-- compte une fois par modalité (elle peut avoir reçu plusieurs types de service ou visé
-- plusieurs professions dans l'année) : aucune dimension n'est exclusive.
with

fenetres as (
    {{ fenetres_indicateur('2.2.1') }}
),

services as (
    select * from {{ ref('int_reconnaissance_competences__services') }}
),

services_fenetres as (
    select
        fenetres.periode,
        fenetres.granularite,
        fenetres.date_debut,
        fenetres.date_fin,
        services.cle_personne,
        services.type_service,
        {{ libelle_profession('services.code_profession', 'services.version_cnp') }} as profession
    from fenetres
    inner join services
        on {{ chevauche_fenetre('services.date_debut', 'services.date_fin_effective') }}
    where fenetres.granularite = 'annuelle'
),

longue as (
    select
        periode,
        granularite,
        date_debut,
        date_fin,
        'type_service' as dimension,
        type_service as modalite,
        cle_personne
    from services_fenetres

    union all

    select
        periode,
        granularite,
        date_debut,
        date_fin,
        'profession' as dimension,
        profession as modalite,
        cle_personne
    from services_fenetres
),

final as (
    {{ compter_ventilations('2.2.1', 'longue', dimensions_exclusives=[]) }}
)

select * from final
