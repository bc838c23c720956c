-- Records intake: what department reporters submit (one at a time or as an uploaded file), the
-- review of each submission by its department (评议), exemptions (容错免责), the prior notice of a
-- serious listing, and a publication log an upper-level platform pulls changes from.

-- One uploaded file, or one single submission through the API. An all-or-nothing import that had
-- errors is rolled back with everything else, so every batch here was committed.
CREATE TABLE import_batches (
    id                INTEGER PRIMARY KEY,
    department_org_id INTEGER NOT NULL REFERENCES organisations (id),
    uploaded_by       INTEGER NOT NULL REFERENCES accounts (id),
    format            TEXT NOT NULL CHECK (format IN ('penalties', 'licences', 'records', 'listings', 'commitments', 'fulfilments')),
    file_name         TEXT,
    encoding          TEXT NOT NULL,
    mode              TEXT NOT NULL CHECK (mode IN ('all_or_nothing', 'per_row')),
    rows_total        INTEGER NOT NULL,
    rows_accepted     INTEGER NOT NULL,
    rows_rejected     INTEGER NOT NULL,
    created_at        TEXT NOT NULL
);
CREATE INDEX import_batches_by_department ON import_batches (department_org_id, id);

-- One reported item and its review. A returned item corrected and sent again gets a new
-- submission; the returned one stays, superseded, so the reporter's history is whole.
CREATE TABLE submissions (
    id                INTEGER PRIMARY KEY,
    department_org_id INTEGER NOT NULL REFERENCES organisations (id),
    item_kind         TEXT NOT NULL CHECK (item_kind IN ('penalty', 'licence', 'record', 'listing', 'commitment', 'fulfilment')),
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
CREATE INDEX submissions_by_department ON submissions (department_org_id, status, id);
CREATE INDEX submissions_by_batch ON submissions (batch_id, status);
CREATE INDEX submissions_by_submitter ON submissions (submitted_by, status, id);
CREATE INDEX submissions_by_item ON submissions (item_kind, item_id);

-- Commitments and fulfilment entries a department reports wait for review like records; what was
-- there before intake existed is in effect.
ALTER TABLE commitments ADD COLUMN review_status TEXT NOT NULL DEFAULT 'effective'
    CHECK (review_status IN ('pending', 'returned', 'effective'));
ALTER TABLE commitment_fulfilments ADD COLUMN review_status TEXT NOT NULL DEFAULT 'effective'
    CHECK (review_status IN ('pending', 'returned', 'effective'));

-- 容错免责: the item is kept, with the reviewer's reason, and never counts as a breach.
ALTER TABLE credit_records ADD COLUMN exemption_reason TEXT;

-- A serious listing takes effect only after the subject was told (reason, legal basis, rights) and
-- the objection window ran out.
ALTER TABLE serious_breach_entries ADD COLUMN notice_delivered_on TEXT;
ALTER TABLE serious_breach_entries ADD COLUMN notice_rights TEXT;
ALTER TABLE serious_breach_entries ADD COLUMN objection_window_ends TEXT;

-- Every change to what is published as 双公示, in order: an upper-level platform pulls the rows
-- after the last sequence number it saw.
CREATE TABLE publication_log (
    seq        INTEGER PRIMARY KEY,
    item_kind  TEXT NOT NULL CHECK (item_kind IN ('penalty', 'licence')),
    item_id    INTEGER NOT NULL,
    change     TEXT NOT NULL CHECK (change IN ('published', 'withdrawn')),
    changed_at TEXT NOT NULL
);
INSERT INTO publication_log (item_kind, item_id, change, changed_at)
    SELECT 'penalty', id, 'published', created_at FROM penalties
    WHERE status = 'effective' AND published_on IS NOT NULL ORDER BY id;
INSERT INTO publication_log (item_kind, item_id, change, changed_at)
    SELECT 'licence', id, 'published', created_at FROM licences
    WHERE status = 'effective' AND published_on IS NOT NULL ORDER BY id;

-- 双公示 timeliness is counted per deciding body from the decision and publication dates alone.
CREATE INDEX penalties_timeliness ON penalties (cf_cfjgdm, cf_jdrq, published_on, status);
CREATE INDEX licences_timeliness ON licences (xk_xkjgdm, xk_jdrq, published_on, status);
