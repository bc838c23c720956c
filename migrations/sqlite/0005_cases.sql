-- Cases the public brings about records: objections (异议) and credit repair applications (信用修复),
-- every step each case took, and their evidence files (kept under the data directory; the table holds
-- their names, types, sizes and hashes). Steps and evidence are shared by both kinds of case.

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
    closed_on         TEXT,
    outcome_reason    TEXT,
    idempotency_key   TEXT UNIQUE,
    request_hash      TEXT
);
CREATE INDEX objections_by_record ON objections (record_id, status);
CREATE INDEX objections_by_department ON objections (department_org_id, status);
CREATE INDEX objections_by_filer ON objections (filer_account_id);

-- 信用修复: the subject applies to end publication early after the minimum period.
CREATE TABLE repairs (
    id                   INTEGER PRIMARY KEY,
    ticket_no            TEXT NOT NULL UNIQUE,
    record_id            INTEGER NOT NULL REFERENCES credit_records (id),
    department_org_id    INTEGER NOT NULL REFERENCES organisations (id),
    applicant_account_id INTEGER REFERENCES accounts (id),
    applicant_name       TEXT NOT NULL,
    applicant_phone      TEXT,
    correction           TEXT NOT NULL,
    commitment           TEXT NOT NULL,
    status               TEXT NOT NULL CHECK (status IN ('submitted', 'accepted', 'refused', 'approved', 'denied', 'withdrawn')),
    false_materials      INTEGER NOT NULL DEFAULT 0 CHECK (false_materials IN (0, 1)),
    filed_at             TEXT NOT NULL,
    filed_on             TEXT NOT NULL,
    accept_due           TEXT NOT NULL,
    accepted_on          TEXT,
    result_due           TEXT NOT NULL,
    closed_at            TEXT,
    closed_on            TEXT,
    outcome_reason       TEXT,
    idempotency_key      TEXT UNIQUE,
    request_hash         TEXT
);
CREATE INDEX repairs_by_record ON repairs (record_id, status);
CREATE INDEX repairs_by_department ON repairs (department_org_id, status);
CREATE INDEX repairs_by_applicant ON repairs (applicant_account_id);

-- 政务失信投诉: anyone reports a government body; the credit office handles it.
CREATE TABLE complaints (
    id                INTEGER PRIMARY KEY,
    ticket_no         TEXT NOT NULL UNIQUE,
    body_org_id       INTEGER NOT NULL REFERENCES organisations (id),
    kind              TEXT NOT NULL CHECK (kind IN ('arrears', 'broken_promise', 'old_debts', 'contract_breach', 'other')),
    description       TEXT NOT NULL,
    amount_cents      INTEGER,
    complainant_name  TEXT NOT NULL,
    complainant_phone TEXT NOT NULL,
    company           TEXT,
    status            TEXT NOT NULL CHECK (status IN ('submitted', 'accepted', 'refused', 'substantiated', 'dismissed')),
    filed_at          TEXT NOT NULL,
    filed_on          TEXT NOT NULL,
    accept_due        TEXT NOT NULL,
    result_due        TEXT NOT NULL,
    closed_on         TEXT,
    finding           TEXT,
    idempotency_key   TEXT UNIQUE,
    request_hash      TEXT
);
CREATE INDEX complaints_by_body ON complaints (body_org_id, status);

CREATE TABLE case_events (
    id           INTEGER PRIMARY KEY,
    case_kind    TEXT NOT NULL CHECK (case_kind IN ('objection', 'repair', 'complaint')),
    case_id      INTEGER NOT NULL,
    occurred_at  TEXT NOT NULL,
    action       TEXT NOT NULL,
    actor        TEXT NOT NULL,
    note         TEXT NOT NULL,
    status_after TEXT NOT NULL,
    due          TEXT
);
CREATE INDEX case_events_by_case ON case_events (case_kind, case_id, id);

CREATE TABLE case_evidence (
    id           INTEGER PRIMARY KEY,
    case_kind    TEXT NOT NULL CHECK (case_kind IN ('objection', 'repair', 'complaint')),
    case_id      INTEGER NOT NULL,
    file_name    TEXT NOT NULL,
    media_type   TEXT NOT NULL,
    size_bytes   INTEGER NOT NULL,
    sha256       TEXT NOT NULL,
    stored_path  TEXT NOT NULL
);
CREATE INDEX case_evidence_by_case ON case_evidence (case_kind, case_id);

-- Notifications queued in the same transaction as the step they report (the outbox pattern), and
-- sent by a dispatcher through a pluggable sender.
CREATE TABLE outbox (
    id              INTEGER PRIMARY KEY,
    created_at      TEXT NOT NULL,
    channel         TEXT NOT NULL,
    recipient       TEXT NOT NULL,
    subject         TEXT NOT NULL,
    body            TEXT NOT NULL,
    status          TEXT NOT NULL CHECK (status IN ('pending', 'sent', 'failed')),
    attempts        INTEGER NOT NULL,
    next_attempt_at TEXT NOT NULL,
    sent_at         TEXT,
    last_error      TEXT
);
CREATE INDEX outbox_due ON outbox (status, next_attempt_at);
