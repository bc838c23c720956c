-- Government integrity: breaches of trust by government bodies are records that know their source,
-- and each one opens a rectification case (整改) followed to its end; consequences are kept on the body.

-- Where a record came from when it was not reported as such: a complaint found true (its ticket
-- number), a commitment found breached (the commitment's id).
ALTER TABLE credit_records ADD COLUMN source_kind TEXT CHECK (source_kind IN ('complaint', 'commitment'));
ALTER TABLE credit_records ADD COLUMN source_ref TEXT;

-- Rectification is a case kind: its steps and evidence join the shared tables, whose closed list
-- of kinds SQLite can only widen by building the tables again.
CREATE TABLE case_events_new (
    id           INTEGER PRIMARY KEY,
    case_kind    TEXT NOT NULL CHECK (case_kind IN ('objection', 'repair', 'complaint', 'rectification')),
    case_id      INTEGER NOT NULL,
    occurred_at  TEXT NOT NULL,
    action       TEXT NOT NULL,
    actor        TEXT NOT NULL,
    note         TEXT NOT NULL,
    status_after TEXT NOT NULL,
    due          TEXT
);
INSERT INTO case_events_new SELECT id, case_kind, case_id, occurred_at, action, actor, note, status_after, due FROM case_events;
DROP TABLE case_events;
ALTER TABLE case_events_new RENAME TO case_events;
CREATE INDEX case_events_by_case ON case_events (case_kind, case_id, id);

CREATE TABLE case_evidence_new (
    id           INTEGER PRIMARY KEY,
    case_kind    TEXT NOT NULL CHECK (case_kind IN ('objection', 'repair', 'complaint', 'rectification')),
    case_id      INTEGER NOT NULL,
    file_name    TEXT NOT NULL,
    media_type   TEXT NOT NULL,
    size_bytes   INTEGER NOT NULL,
    sha256       TEXT NOT NULL,
    stored_path  TEXT NOT NULL
);
INSERT INTO case_evidence_new SELECT id, case_kind, case_id, file_name, media_type, size_bytes, sha256, stored_path FROM case_evidence;
DROP TABLE case_evidence;
ALTER TABLE case_evidence_new RENAME TO case_evidence;
CREATE INDEX case_evidence_by_case ON case_evidence (case_kind, case_id);

-- One case per government breach record. `first_due` is the deadline first set: whether the body
-- rectified on time is judged against it, so sending a report back does not move the goalposts.
CREATE TABLE rectifications (
    id                     INTEGER PRIMARY KEY,
    ticket_no              TEXT NOT NULL UNIQUE,
    body_org_id            INTEGER NOT NULL REFERENCES organisations (id),
    record_id              INTEGER NOT NULL UNIQUE REFERENCES credit_records (id),
    status                 TEXT NOT NULL CHECK (status IN ('opened', 'awaiting_report', 'report_submitted', 'rectified', 'withdrawn')),
    opened_at              TEXT NOT NULL,
    opened_on              TEXT NOT NULL,
    assign_due             TEXT NOT NULL,
    first_due              TEXT,
    report_due             TEXT,
    escalation             TEXT NOT NULL DEFAULT 'none' CHECK (escalation IN ('none', 'reminder', 'warning', 'interview')),
    explanation            TEXT,
    report                 TEXT,
    report_submitted_on    TEXT,
    report_idempotency_key TEXT UNIQUE,
    report_request_hash    TEXT,
    closed_on              TEXT,
    on_time                INTEGER CHECK (on_time IN (0, 1))
);
CREATE INDEX rectifications_by_body ON rectifications (body_org_id, status);
CREATE INDEX rectifications_by_status ON rectifications (status, id);

-- What a breach costs the body (依规取消荣誉评选资格、通报批评、移送): recorded with its document
-- number; the notices among them are queued in the outbox in the same transaction.
CREATE TABLE body_consequences (
    id                INTEGER PRIMARY KEY,
    body_org_id       INTEGER NOT NULL REFERENCES organisations (id),
    rectification_id  INTEGER NOT NULL REFERENCES rectifications (id),
    kind              TEXT NOT NULL CHECK (kind IN ('honours_ineligible', 'public_criticism', 'notice_supervisor', 'notice_audit', 'notice_discipline')),
    document_no       TEXT NOT NULL,
    note              TEXT NOT NULL,
    recipient         TEXT,
    effective_from    TEXT NOT NULL,
    effective_until   TEXT,
    created_by        TEXT NOT NULL,
    created_at        TEXT NOT NULL
);
CREATE INDEX body_consequences_by_body ON body_consequences (body_org_id, kind);
