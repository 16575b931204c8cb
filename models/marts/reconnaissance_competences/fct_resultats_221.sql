-- Indicateur 2.2.1 : personnes distinctes ayant reçu au moins un service en reconnaissance des
-- compétences (accompagnement CRRC, accompagnement DDRC, aide PAFFARC accordée) dans chaque
-- fenêtre publiée (année financière et cumuls trimestriels depuis le 1er avril).
-- Un accompagnement compte dans chaque fenêtre que chevauche [date_debut, date_fin_effective];
-- une aide, dans la fenêtre de sa date de décision.
with

services as (
    select * from {{ ref('int_reconnaissance_competences__services') }}
),

final as (
    {{ resultats_denombrement('2.2.1', 'services', 'cle_personne', 'date_debut', 'date_fin_effective') }}
)

select * from final
