-- Changes to what is public of the serious-breach lists, in order, for upper-level platforms: an
-- entry is `published` when it first shows as listed and `withdrawn` when it no longer does
-- (repaired, removed, revoked after an objection, or past its removal date). The rows are written
-- when the feed is read, from the same rule the public list applies, so a lapse needs no job and
-- every way off the list is covered; an entry changes each way at most once.
CREATE TABLE listing_publication_log (
    seq        INTEGER PRIMARY KEY,
    entry_id   INTEGER NOT NULL REFERENCES serious_breach_entries (id),
    change     TEXT NOT NULL CHECK (change IN ('published', 'withdrawn')),
    changed_at TEXT NOT NULL
);
CREATE UNIQUE INDEX listing_publication_once ON listing_publication_log (entry_id, change);

-- Settings whose effect is written into rows, with the value last applied: at start the server
-- re-applies a setting that changed (e.g. `masking.id`, the public form of every ID number).
CREATE TABLE applied_settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
