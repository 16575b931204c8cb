-- Toutes les lignes de l'onglet « Suivi 6.1.1 » du classeur DGTNRI, typées, avec les doublons
-- exacts et les lignes invalides marqués (motif de quarantaine). Rien n'est filtré ici.
-- Typage et motifs engendrés par le contrat (macro base_extrait); propre à l'extrait : date de
-- mise en ligne facultative (vide : pas encore en ligne), nouveau service requis, participation
-- des clientèles contrôlée pour un nouveau service seulement. Oui/Non deviennent des booléens
-- (casse et espaces ignorés).
with

controlees as (
    {{ base_extrait(
        source('dgtnri', 'dgtnri_services_numeriques'),
        requises=['nouveau_service'],
        facultatives=['date_mise_en_ligne'],
        ecarts={
            'nouveau_service': {'alias': 'nouveau_service_code'},
            'participation_clientele_amont': {'alias': 'participation_code', 'controle': false},
        },
        regles=[{
            'apres': 'participation_clientele_amont',
            'si': [
                "nouveau_service_code = 'OUI'",
                "and (participation_code is null or participation_code not in ('OUI', 'NON'))",
            ],
            'motif': 'participation_clientele_amont inconnue',
        }],
    ) | indent(4) }}
),

final as (
    select
        est_doublon,
        no_ligne_excel,
        identifiant,
        service_numerique,
        date_mise_en_ligne_texte,
        date_mise_en_ligne,
        nouveau_service_code = 'OUI' as est_nouveau_service,
        case participation_code when 'OUI' then true when 'NON' then false end
            as a_participation_clientele_amont,
        mode_consultation,
        direction_responsable,
        commentaire,
        motif_quarantaine
    from controlees
)

select * from final
