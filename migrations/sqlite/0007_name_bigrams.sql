-- A bigram index over the names on serious-breach lists (see api/src/store/bigrams.rs): each name's
-- distinct overlapping two-character pieces, lowercased. Filled here for existing entries and kept
-- up to date by the code that inserts entries.
CREATE TABLE name_bigrams (
    entity    TEXT NOT NULL,
    bigram    TEXT NOT NULL,
    entity_id BIGINT NOT NULL,
    PRIMARY KEY (entity, bigram, entity_id)
);

WITH RECURSIVE positions(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM positions WHERE n < 200)
INSERT OR IGNORE INTO name_bigrams (entity, bigram, entity_id)
SELECT 'listing', lower(substr(trim(e.subject_name), p.n, 2)), e.id
FROM serious_breach_entries e JOIN positions p ON p.n < length(trim(e.subject_name))
WHERE length(substr(trim(e.subject_name), p.n, 2)) = 2;
