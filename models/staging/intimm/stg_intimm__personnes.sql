-- Personnes Intimm retenues (une ligne par no_client) : sans doublon exact ni ligne en
-- quarantaine; sexe harmonisé (H -> M).
{{ stg_extrait(ref('base_intimm__personnes')) }}
