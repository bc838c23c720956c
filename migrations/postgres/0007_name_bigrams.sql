-- A bigram index over the names on serious-breach lists (see api/src/store/bigrams.rs): each name's
-- distinct overlapping two-character pieces, lowercased. Filled here for existing entries and kept
-- up to date by the code that inserts entries.
CREATE TABLE name_bigrams (
    entity    TEXT NOT NULL,
    bigram    TEXT NOT NULL,
    entity_id BIGINT NOT NULL,
    PRIMARY KEY (entity, bigram, entity_id)
);

INSERT INTO name_bigrams (entity, bigram, entity_id)
SELECT DISTINCT 'listing',
       translate(substr(trim(e.subject_name), p.n, 2), 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz'),
       e.id
FROM serious_breach_entries e
CROSS JOIN LATERAL generate_series(1, length(trim(e.subject_name)) - 1) AS p(n)
ON CONFLICT DO NOTHING;
