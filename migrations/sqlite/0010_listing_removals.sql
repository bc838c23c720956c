-- no-transaction
-- Early removal (移出) of a serious-breach entry by the department that decided it — a court lifts
-- a judgment-debtor listing, the conditions of removal are met — submitted and reviewed like any
-- other item, taking effect on approval. SQLite cannot change a CHECK constraint, so the two intake
-- tables whose vocabularies gain `removals` / `removal` are rebuilt with their rows, as SQLite's
-- documentation describes (foreign keys off while the tables are swapped; every row is copied as it
-- was, so the references between them hold as before).
PRAGMA foreign_keys = OFF;
BEGIN;

CREATE TABLE listing_removals (
    id                INTEGER PRIMARY KEY,
    entry_id          INTEGER NOT NULL REFERENCES serious_breach_entries (id),
    department_org_id INTEGER NOT NULL REFERENCES organisations (id),
    doc_no            TEXT NOT NULL,
    reason            TEXT NOT NULL,
    removed_on        TEXT NOT NULL,
    status            TEXT NOT NULL CHECK (status IN ('pending', 'returned', 'effective')),
    created_at        TEXT NOT NULL
);
CREATE INDEX listing_removals_by_entry ON listing_removals (entry_id, status);
-- At most one removal of an entry waits for review at a time.
CREATE UNIQUE INDEX listing_removals_one_pending ON listing_removals (entry_id) WHERE status = 'pending';

CREATE TABLE import_batches_new (
    id                INTEGER PRIMARY KEY,
    department_org_id INTEGER NOT NULL REFERENCES organisations (id),
    uploaded_by       INTEGER NOT NULL REFERENCES accounts (id),
    format            TEXT NOT NULL CHECK (format IN ('penalties', 'licences', 'records', 'listings', 'commitments', 'fulfilments', 'removals')),
    file_name         TEXT,
    encoding          TEXT NOT NULL,
    mode              TEXT NOT NULL CHECK (mode IN ('all_or_nothing', 'per_row')),
    rows_total        INTEGER NOT NULL,
    rows_accepted     INTEGER NOT NULL,
    rows_rejected     INTEGER NOT NULL,
    created_at        TEXT NOT NULL
);
INSERT INTO import_batches_new SELECT * FROM import_batches;
DROP TABLE import_batches;
ALTER TABLE import_batches_new RENAME TO import_batches;
CREATE INDEX import_batches_by_department ON import_batches (department_org_id, id);

CREATE TABLE submissions_new (
    id                INTEGER PRIMARY KEY,
    department_org_id INTEGER NOT NULL REFERENCES organisations (id),
    item_kind         TEXT NOT NULL CHECK (item_kind IN ('penalty', 'licence', 'record', 'listing', 'commitment', 'fulfilment', 'removal')),
    item_id           INTEGER NOT NULL,
    record_id         INTEGER REFERENCES credit_records (id),
    batch_id          INTEGER REFERENCES import_batches (id),
    batch_row         INTEGER,
    summary           TEXT NOT NULL,
    status            TEXT NOT NULL CHECK (status IN ('pending', 'returned', 'approved', 'exempt', 'superseded')),
    submitted_by      INTEGER NOT NULL REFERENCES accounts (id),
    submitted_at      TEXT NOT NULL,
    reviewed_by       INTEGER REFERENCES accounts (id),
    reviewed_at       TEXT,
    review_comment    TEXT
);
INSERT INTO submissions_new SELECT * FROM submissions;
DROP TABLE submissions;
ALTER TABLE submissions_new RENAME TO submissions;
CREATE INDEX submissions_by_department ON submissions (department_org_id, status, id);
CREATE INDEX submissions_by_batch ON submissions (batch_id, status);
CREATE INDEX submissions_by_submitter ON submissions (submitted_by, status, id);
CREATE INDEX submissions_by_item ON submissions (item_kind, item_id);

COMMIT;
PRAGMA foreign_keys = ON;
