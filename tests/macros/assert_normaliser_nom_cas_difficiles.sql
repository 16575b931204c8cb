-- Règle protégée (2.2.1 et 3.1.2, shared/regles-indicateurs.md) : la clé nominative
-- normalisée ignore casse, accents, ligatures (œ, æ), traits d'union, apostrophes droites ou
-- courbes et espaces superflus. Chaque paire doit donner la même clé, égale à l'attendu.
with

cas as (
    select 'L’Heureux' as nom_a, 'L''HEUREUX' as nom_b, 'l heureux' as attendu
    union all select 'Bœuf', 'BOEUF', 'boeuf'
    union all select 'Marie-Ève', 'MARIE EVE', 'marie eve'
    union all select '  Hélène   Côté ', 'HELENE COTE', 'helene cote'
    union all select 'Lætitia', 'LAETITIA', 'laetitia'
    union all select 'ŒUVRE-Ÿves', 'oeuvre yves', 'oeuvre yves'
    union all select 'D‘Ambrósio', 'd ambrosio', 'd ambrosio'
    union all select 'Ñúñez Çà', 'NUNEZ CA', 'nunez ca'
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
