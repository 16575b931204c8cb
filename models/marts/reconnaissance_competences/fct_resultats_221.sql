-- Indicateur 2.2.1 : personnes distinctes ayant reçu au moins un service en reconnaissance des
-- compétences (accompagnement CRRC, accompagnement DDRC, aide PAFFARC accordée) dans chaque
-- fenêtre publiée (année financière et cumuls trimestriels depuis le 1er avril).
-- Un accompagnement compte dans chaque fenêtre que chevauche [date_debut, date_fin_effective];
-- une aide, dans la fenêtre de sa date de décision.
with

fenetres as (
    {{ fenetres_indicateur('2.2.1') }}
),

services as (
    select * from {{ ref('int_reconnaissance_competences__services') }}
),

valeurs as (
    {{ compter_personnes_par_fenetre('services', 'cle_personne', 'date_debut', 'date_fin_effective') }}
),

final as (
    {{ completer_resultats('2.2.1', 'valeurs') }}
)

select * from final
