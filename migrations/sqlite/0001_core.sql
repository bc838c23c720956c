-- Core model of Chengxin (SQLite). The PostgreSQL migration of the same number holds the same
-- tables with native types. Dates are ISO 'YYYY-MM-DD' text, instants RFC 3339 UTC text.

CREATE TABLE organisations (
    id          INTEGER PRIMARY KEY,
    uscc        TEXT NOT NULL UNIQUE,
    name        TEXT NOT NULL,
    kind        TEXT NOT NULL CHECK (kind IN ('government_body', 'public_institution', 'enterprise', 'social_organisation')),
    level       TEXT CHECK (level IN ('city', 'district', 'township')),
    parent_id   INTEGER REFERENCES organisations (id),
    region_code TEXT,
    address     TEXT,
    created_at  TEXT NOT NULL
);
CREATE INDEX organisations_by_name ON organisations (name);
CREATE INDEX organisations_by_kind ON organisations (kind);

-- A person's ID number never appears in clear: encrypted value, keyed hash for exact lookup,
-- and the strictly masked form for display.
CREATE TABLE persons (
    id              INTEGER PRIMARY KEY,
    name            TEXT NOT NULL,
    id_cipher       BLOB NOT NULL,
    id_lookup       TEXT NOT NULL UNIQUE,
    id_masked       TEXT NOT NULL,
    gender          TEXT CHECK (gender IN ('male', 'female')),
    scoring_consent INTEGER NOT NULL DEFAULT 0 CHECK (scoring_consent IN (0, 1)),
    created_at      TEXT NOT NULL
);
CREATE INDEX persons_by_name ON persons (name);

CREATE TABLE appointments (
    id              INTEGER PRIMARY KEY,
    person_id       INTEGER NOT NULL REFERENCES persons (id),
    organisation_id INTEGER NOT NULL REFERENCES organisations (id),
    position        TEXT NOT NULL,
    rank            TEXT,
    started_on      TEXT NOT NULL,
    ended_on        TEXT
);
CREATE INDEX appointments_by_person ON appointments (person_id);
CREATE INDEX appointments_by_organisation ON appointments (organisation_id);

-- The catalogue of record kinds: which category, route and tier a kind has by default, and the
-- scoring item it falls under.
CREATE TABLE record_kinds (
    code                 TEXT PRIMARY KEY,
    name                 TEXT NOT NULL,
    category             TEXT NOT NULL CHECK (category IN ('basic', 'positive', 'general_breach', 'serious_breach', 'risk_warning')),
    source               TEXT NOT NULL,
    default_route        TEXT NOT NULL CHECK (default_route IN ('public', 'government_sharing', 'authorised_query', 'internal')),
    default_tier         TEXT CHECK (default_tier IN ('minor', 'general', 'serious')),
    score_item           TEXT,
    min_publicity_months INTEGER,
    max_publicity_months INTEGER
);

CREATE TABLE credit_records (
    id               INTEGER PRIMARY KEY,
    subject_kind     TEXT NOT NULL CHECK (subject_kind IN ('person', 'organisation')),
    person_id        INTEGER REFERENCES persons (id),
    organisation_id  INTEGER REFERENCES organisations (id),
    category         TEXT NOT NULL CHECK (category IN ('basic', 'positive', 'general_breach', 'serious_breach', 'risk_warning')),
    kind_code        TEXT NOT NULL REFERENCES record_kinds (code),
    title            TEXT NOT NULL,
    content          TEXT NOT NULL,
    decision_no      TEXT,
    deciding_org_id  INTEGER REFERENCES organisations (id),
    reporting_org_id INTEGER NOT NULL REFERENCES organisations (id),
    decided_on       TEXT NOT NULL,
    occurred_on      TEXT NOT NULL,
    conduct_ended_on TEXT,
    route            TEXT NOT NULL CHECK (route IN ('public', 'government_sharing', 'authorised_query', 'internal')),
    tier             TEXT CHECK (tier IN ('minor', 'general', 'serious')),
    publish_from     TEXT,
    repairable_from  TEXT,
    publish_until    TEXT,
    status           TEXT NOT NULL CHECK (status IN ('pending', 'returned', 'effective', 'exempt', 'repaired', 'revoked')),
    score_item       TEXT,
    act_key          TEXT,
    version          INTEGER NOT NULL DEFAULT 1,
    created_at       TEXT NOT NULL,
    updated_at       TEXT NOT NULL,
    CHECK ((subject_kind = 'person' AND person_id IS NOT NULL AND organisation_id IS NULL)
        OR (subject_kind = 'organisation' AND organisation_id IS NOT NULL AND person_id IS NULL))
);
CREATE INDEX credit_records_by_person ON credit_records (person_id);
CREATE INDEX credit_records_by_organisation ON credit_records (organisation_id);
CREATE INDEX credit_records_public ON credit_records (route, status, publish_until);
CREATE INDEX credit_records_by_decision_no ON credit_records (decision_no);
CREATE INDEX credit_records_by_reporter ON credit_records (reporting_org_id, status);

-- Every earlier version of a record, with the reason it changed. Nothing is overwritten unseen.
CREATE TABLE credit_record_versions (
    record_id  INTEGER NOT NULL REFERENCES credit_records (id),
    version    INTEGER NOT NULL,
    snapshot   TEXT NOT NULL,
    reason     TEXT NOT NULL,
    changed_by TEXT NOT NULL,
    changed_at TEXT NOT NULL,
    PRIMARY KEY (record_id, version)
);

CREATE TABLE serious_breach_entries (
    id                 INTEGER PRIMARY KEY,
    subject_kind       TEXT NOT NULL CHECK (subject_kind IN ('person', 'organisation')),
    person_id          INTEGER REFERENCES persons (id),
    organisation_id    INTEGER REFERENCES organisations (id),
    subject_name       TEXT NOT NULL,
    subject_uscc       TEXT,
    subject_id_masked  TEXT,
    list_kind          TEXT NOT NULL,
    deciding_org_id    INTEGER NOT NULL REFERENCES organisations (id),
    basis_doc_no       TEXT NOT NULL,
    reason             TEXT NOT NULL,
    legal_basis        TEXT NOT NULL,
    listed_on          TEXT NOT NULL,
    removal_conditions TEXT NOT NULL,
    removal_due_on     TEXT,
    removed_on         TEXT,
    status             TEXT NOT NULL CHECK (status IN ('noticed', 'listed', 'removed')),
    source_org_id      INTEGER NOT NULL REFERENCES organisations (id),
    record_id          INTEGER REFERENCES credit_records (id),
    case_no            TEXT,
    court              TEXT,
    duty               TEXT,
    performed_part     TEXT,
    unperformed_part   TEXT,
    created_at         TEXT NOT NULL,
    updated_at         TEXT NOT NULL
);
CREATE INDEX serious_breach_by_name ON serious_breach_entries (subject_name);
CREATE INDEX serious_breach_by_uscc ON serious_breach_entries (subject_uscc);
CREATE INDEX serious_breach_by_department ON serious_breach_entries (deciding_org_id, listed_on);
CREATE INDEX serious_breach_by_listing ON serious_breach_entries (status, listed_on, id);

CREATE TABLE commitments (
    id               INTEGER PRIMARY KEY,
    kind             TEXT NOT NULL,
    subject_kind     TEXT NOT NULL CHECK (subject_kind IN ('person', 'organisation')),
    person_id        INTEGER REFERENCES persons (id),
    organisation_id  INTEGER REFERENCES organisations (id),
    subject_name     TEXT NOT NULL,
    content          TEXT NOT NULL,
    made_on          TEXT NOT NULL,
    accepting_org_id INTEGER NOT NULL REFERENCES organisations (id),
    due_on           TEXT,
    status           TEXT NOT NULL CHECK (status IN ('in_progress', 'fulfilled', 'breached', 'lawfully_changed')),
    route            TEXT NOT NULL CHECK (route IN ('public', 'government_sharing', 'authorised_query', 'internal')),
    source_org_id    INTEGER NOT NULL REFERENCES organisations (id),
    created_at       TEXT NOT NULL,
    updated_at       TEXT NOT NULL
);
CREATE INDEX commitments_by_subject ON commitments (organisation_id);
CREATE INDEX commitments_by_acceptor ON commitments (accepting_org_id, status);

CREATE TABLE commitment_fulfilments (
    id            INTEGER PRIMARY KEY,
    commitment_id INTEGER NOT NULL REFERENCES commitments (id),
    status        TEXT NOT NULL CHECK (status IN ('in_progress', 'fulfilled', 'breached', 'lawfully_changed')),
    note          TEXT NOT NULL,
    recorded_on   TEXT NOT NULL,
    created_at    TEXT NOT NULL
);
CREATE INDEX commitment_fulfilments_by_commitment ON commitment_fulfilments (commitment_id);

-- Administrative penalties (双公示), columns named after the national exchange items (cf_*).
CREATE TABLE penalties (
    id               INTEGER PRIMARY KEY,
    cf_wsh           TEXT NOT NULL,
    cf_wfxw          TEXT NOT NULL,
    cf_sy            TEXT NOT NULL,
    cf_yj            TEXT NOT NULL,
    cf_cflb          TEXT NOT NULL,
    cf_nr            TEXT NOT NULL,
    fine_cents       INTEGER,
    cf_jdrq          TEXT NOT NULL,
    cf_gsjzq         TEXT NOT NULL,
    cf_cfjg          TEXT NOT NULL,
    cf_cfjgdm        TEXT NOT NULL,
    cf_sjly          TEXT NOT NULL,
    cf_sjlydm        TEXT NOT NULL,
    cf_xdr_mc        TEXT NOT NULL,
    cf_xdr_lb        TEXT NOT NULL,
    cf_xdr_shxym     TEXT,
    cf_xdr_zjlx      TEXT,
    xdr_id_masked    TEXT,
    xdr_id_cipher    BLOB,
    person_id        INTEGER REFERENCES persons (id),
    organisation_id  INTEGER REFERENCES organisations (id),
    tier             TEXT NOT NULL CHECK (tier IN ('minor', 'general', 'serious')),
    published_on     TEXT,
    status           TEXT NOT NULL CHECK (status IN ('pending', 'returned', 'effective', 'exempt', 'repaired', 'revoked')),
    record_id        INTEGER REFERENCES credit_records (id),
    created_at       TEXT NOT NULL,
    UNIQUE (cf_cfjgdm, cf_wsh)
);
CREATE INDEX penalties_by_subject_name ON penalties (cf_xdr_mc);
CREATE INDEX penalties_by_uscc ON penalties (cf_xdr_shxym);
CREATE INDEX penalties_public ON penalties (status, cf_gsjzq, cf_jdrq);

-- Administrative licences (双公示), columns named after the national exchange items (xk_*).
CREATE TABLE licences (
    id               INTEGER PRIMARY KEY,
    xk_wsh           TEXT NOT NULL,
    xk_xkws          TEXT NOT NULL,
    xk_xklb          TEXT NOT NULL,
    xk_xkzs          TEXT,
    xk_xkbh          TEXT,
    xk_nr            TEXT NOT NULL,
    xk_jdrq          TEXT NOT NULL,
    xk_yxqz          TEXT NOT NULL,
    xk_yxqzi         TEXT,
    xk_xkjg          TEXT NOT NULL,
    xk_xkjgdm        TEXT NOT NULL,
    xk_sjly          TEXT NOT NULL,
    xk_sjlydm        TEXT NOT NULL,
    xk_xdr_mc        TEXT NOT NULL,
    xk_xdr_lb        TEXT NOT NULL,
    xk_xdr_shxym     TEXT,
    organisation_id  INTEGER REFERENCES organisations (id),
    published_on     TEXT,
    status           TEXT NOT NULL CHECK (status IN ('pending', 'returned', 'effective', 'exempt', 'repaired', 'revoked')),
    created_at       TEXT NOT NULL,
    UNIQUE (xk_xkjgdm, xk_wsh)
);
CREATE INDEX licences_by_subject_name ON licences (xk_xdr_mc);
CREATE INDEX licences_by_uscc ON licences (xk_xdr_shxym);

-- Scoring rulebooks as versioned data; a new version never rewrites an old one.
CREATE TABLE rulebooks (
    id             INTEGER PRIMARY KEY,
    code           TEXT NOT NULL,
    version        INTEGER NOT NULL,
    name           TEXT NOT NULL,
    body           TEXT NOT NULL,
    effective_from TEXT NOT NULL,
    created_by     TEXT NOT NULL,
    created_at     TEXT NOT NULL,
    UNIQUE (code, version)
);

-- Holidays and weekend make-up workdays, over the shipped national data.
CREATE TABLE holidays (
    day    TEXT PRIMARY KEY,
    kind   TEXT NOT NULL CHECK (kind IN ('holiday', 'workday')),
    name   TEXT NOT NULL,
    source TEXT NOT NULL
);

-- Append-only, hash-chained audit log: each row's hash covers the previous hash, so removing or
-- changing a row breaks the chain from that point on.
CREATE TABLE audit_log (
    seq         INTEGER PRIMARY KEY,
    occurred_at TEXT NOT NULL,
    actor       TEXT NOT NULL,
    action      TEXT NOT NULL,
    entity      TEXT NOT NULL,
    entity_id   TEXT NOT NULL,
    detail      TEXT NOT NULL,
    prev_hash   TEXT NOT NULL,
    hash        TEXT NOT NULL
);
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;

-- The head of the chain, one row: updating it first serialises writers on both backends.
CREATE TABLE audit_head (
    id        INTEGER PRIMARY KEY CHECK (id = 1),
    seq       INTEGER NOT NULL,
    last_hash TEXT NOT NULL
);
INSERT INTO audit_head (id, seq, last_hash) VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');
