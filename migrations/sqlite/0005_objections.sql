-- Objections (异议) to records: the case, every step it took, and the evidence files (kept under
-- the data directory; the table holds their names, types, sizes and hashes).

CREATE TABLE objections (
    id                INTEGER PRIMARY KEY,
    ticket_no         TEXT NOT NULL UNIQUE,
    record_id         INTEGER NOT NULL REFERENCES credit_records (id),
    department_org_id INTEGER NOT NULL REFERENCES organisations (id),
    filer_account_id  INTEGER REFERENCES accounts (id),
    filer_name        TEXT NOT NULL,
    filer_phone       TEXT,
    filer_capacity    TEXT NOT NULL CHECK (filer_capacity IN ('subject', 'agent', 'interested_party')),
    reason            TEXT NOT NULL,
    proposals         TEXT NOT NULL,
    status            TEXT NOT NULL CHECK (status IN ('submitted', 'accepted', 'refused', 'upheld', 'partly_upheld', 'rejected', 'withdrawn')),
    filed_at          TEXT NOT NULL,
    filed_on          TEXT NOT NULL,
    accept_due        TEXT NOT NULL,
    accepted_on       TEXT,
    reply_due         TEXT,
    closed_at         TEXT,
    outcome_reason    TEXT,
    idempotency_key   TEXT UNIQUE,
    request_hash      TEXT
);
CREATE INDEX objections_by_record ON objections (record_id, status);
CREATE INDEX objections_by_department ON objections (department_org_id, status);
CREATE INDEX objections_by_filer ON objections (filer_account_id);

CREATE TABLE objection_events (
    id           INTEGER PRIMARY KEY,
    objection_id INTEGER NOT NULL REFERENCES objections (id),
    occurred_at  TEXT NOT NULL,
    action       TEXT NOT NULL,
    actor        TEXT NOT NULL,
    note         TEXT NOT NULL,
    status_after TEXT NOT NULL,
    due          TEXT
);
CREATE INDEX objection_events_by_objection ON objection_events (objection_id, id);

CREATE TABLE objection_evidence (
    id           INTEGER PRIMARY KEY,
    objection_id INTEGER NOT NULL REFERENCES objections (id),
    file_name    TEXT NOT NULL,
    media_type   TEXT NOT NULL,
    size_bytes   INTEGER NOT NULL,
    sha256       TEXT NOT NULL,
    stored_path  TEXT NOT NULL
);
CREATE INDEX objection_evidence_by_objection ON objection_evidence (objection_id);
