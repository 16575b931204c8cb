-- Règle protégée (2.2.1 et 3.1.2, shared/regles-indicateurs.md) : la clé nominative
-- normalisée ignore casse, accents, ligatures (œ, æ), traits d'union, apostrophes droites ou
-- courbes et espaces superflus. Chaque paire doit donner la même clé, égale à l'attendu.
with

cas as (
    select
        paires.nom_a,
        paires.nom_b,
        paires.attendu
    from (
        values
        ('L’Heureux', 'L''HEUREUX', 'l heureux'),
        ('Bœuf', 'BOEUF', 'boeuf'),
        ('Marie-Ève', 'MARIE EVE', 'marie eve'),
        ('  Hélène   Côté ', 'HELENE COTE', 'helene cote'),
        ('Lætitia', 'LAETITIA', 'laetitia'),
        ('ŒUVRE-Ÿves', 'oeuvre yves', 'oeuvre yves'),
        ('D‘Ambrósio', 'd ambrosio', 'd ambrosio'),
        ('Ñúñez Çà', 'NUNEZ CA', 'nunez ca'),
        -- Cas rencontrés dans les extraits PASI (CERIGES Windows-1252, GSI UTF-8) : traits
        -- d'union doublés, ligature majuscule au milieu d'un mot, apostrophes mêlées.
        ('CŒUR--DE-LION', 'Coeur de Lion', 'coeur de lion'),
        ('D''ARCY-O’BRIEN', ' d arcy   o brien', 'd arcy o brien'),
        -- Apostrophe modificative (U+02BC), tiret demi-cadratin et espace insécable (U+00A0).
        ('Nʼguessan–Kouamé', 'N GUESSAN KOUAME', 'n guessan kouame'),
        ('Jean Baptiste', 'JEAN-BAPTISTE', 'jean baptiste')
    ) as paires (nom_a, nom_b, attendu)
),

normalises as (
    select
        nom_a,
        nom_b,
        attendu,
        {{ normaliser_nom('nom_a') }} as cle_a,
        {{ normaliser_nom('nom_b') }} as cle_b
    from cas
),

final as (
    select
        *,
        'Normalisation nominative incorrecte pour « ' || nom_a || ' » / « ' || nom_b || ' »' as message
    from normalises
    where cle_a <> attendu or cle_b <> attendu
)

select * from final
