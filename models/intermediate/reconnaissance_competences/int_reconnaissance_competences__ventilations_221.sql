-- Cellules des ventilations annuelles de 2.2.1 (non supprimées; contrôle de la divulgation à
-- la publication) : type de service et profession (code CNP avec sa version). Une personne
-- compte une fois par modalité (elle peut avoir reçu plusieurs types de service ou visé
-- plusieurs professions dans l'année) : aucune dimension n'est exclusive.
with

services as (
    select * from {{ ref('int_reconnaissance_competences__services') }}
),

services_fenetres as (
    {{ activites_par_fenetre_annuelle(
        '2.2.1', 'services', expression_debut='date_debut', expression_fin='date_fin_effective', colonnes=[
            'services.cle_personne',
            'services.type_service',
            libelle_profession('services.code_profession', 'services.version_cnp') ~ ' as profession',
        ]
    ) }}
),

longue as (
    {{ depivoter_dimensions('services_fenetres', ['type_service', 'profession']) }}
),

final as (
    {{ compter_ventilations('2.2.1', 'longue', dimensions_exclusives=[]) }}
)

select * from final
