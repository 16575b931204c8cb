-- Règle protégée (2.2.1 et 3.1.2) : la clé nominative normalisée ignore casse, accents et
-- toute marque combinatoire (entrée composée NFC ou décomposée NFD), ligatures, lettres latines
-- sans décomposition (ł, đ, ø, ß, ð, þ, ı, ŀ, ħ, ŧ...), traits d'union, apostrophes droites,
-- courbes ou modificatives et espaces superflus ou insécables. Chaque paire doit donner la même
-- clé, égale à l'attendu. Les formes NFD sont écrites avec chr() : chr(769) accent aigu,
-- chr(768) grave, chr(770) circonflexe, chr(771) tilde, chr(774) brève, chr(795) corne,
-- chr(803) point souscrit, chr(806) virgule souscrite, chr(807) cédille. Cette table est aussi
-- lue par tests_python/test_normalisation_noms.py, qui la passe au portage Python, à DuckDB et
-- à PostgreSQL.
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
        ('Jean Baptiste', 'JEAN-BAPTISTE', 'jean baptiste'),
        -- Lettres hors Windows-1252 (GSI, ARRIMA en UTF-8) face à leur forme simple (CERIGES).
        ('Nguyễn Thị Hương', 'NGUYEN THI HUONG', 'nguyen thi huong'),
        ('Đặng Văn Đức', 'DANG VAN DUC', 'dang van duc'),
        ('Łukasz Wiśniewski', 'LUKASZ WISNIEWSKI', 'lukasz wisniewski'),
        ('Ștefănescu-Țuțea', 'Ştefănescu Ţuţea', 'stefanescu tutea'),
        ('Øster-Ærø', 'OSTER AERO', 'oster aero'),
        ('Straße', 'STRASSE', 'strasse'),
        ('STRAẞE', 'strasse', 'strasse'),
        ('Guðrún Þórsdóttir', 'GUDRUN THORSDOTTIR', 'gudrun thorsdottir'),
        ('Yılmaz İbrahim', 'YILMAZ IBRAHIM', 'yilmaz ibrahim'),
        ('Ħaġar Ŧ', 'HAGAR T', 'hagar t'),
        ('Paŀlarès', 'Pal·larès', 'pallares'),
        ('Lǚ Xiǎo', 'LU XIAO', 'lu xiao'),
        ('ǅokić', 'Džokić', 'dzokic'),
        ('Ŋom Ɓaldé', 'NGOM BALDE', 'ngom balde'),
        -- Ligatures typographiques (ﬁ, ﬂ, ﬀ, ﬃ) et néerlandaise (ĳ, Ĳ), lettres pleine chasse.
        ('Laﬂeur Griﬃn Staﬀord', 'LAFLEUR GRIFFIN STAFFORD', 'lafleur griffin stafford'),
        ('ﬁlion', 'Filion', 'filion'),
        ('Ĳzerman van Dĳk', 'IJZERMAN VAN DIJK', 'ijzerman van dijk'),
        ('Ｗａｎｇ Ｌｉ', 'WANG LI', 'wang li'),
        -- Formes décomposées (NFD) face aux formes composées (NFC).
        ('He' || chr(769) || 'le' || chr(768) || 'ne', 'Hélène', 'helene'),
        (
            'Nguye' || chr(770) || chr(771) || 'n Thi' || chr(803)
            || ' Hu' || chr(795) || 'o' || chr(795) || 'ng',
            'Nguyễn Thị Hương',
            'nguyen thi huong'
        ),
        ('S' || chr(806) || 'tefa' || chr(774) || 'nescu', 'STEFANESCU', 'stefanescu'),
        ('Ø' || chr(769) || 'ster', 'Ǿster', 'oster'),
        ('Franc' || chr(807) || 'ois Le' || chr(769) || 'vesque', 'FRANCOIS LEVESQUE', 'francois levesque'),
        -- Apostrophes et tirets typographiques, espaces fine et idéographique.
        ('Kaʻahumanu O‛Brien', 'KA AHUMANU O BRIEN', 'ka ahumanu o brien'),
        ('Smith—Jones−Roy‑Côté', 'smith jones roy cote', 'smith jones roy cote'),
        ('Anne' || chr(8201) || 'Marie' || chr(12288) || 'Linh', 'ANNE MARIE LINH', 'anne marie linh')
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
