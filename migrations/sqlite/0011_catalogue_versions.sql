-- The catalogue of record kinds is data the credit office keeps: it adds kinds and retires them,
-- and every change is a new version with the previous one kept. A kind is never deleted.
ALTER TABLE record_kinds ADD COLUMN subjects TEXT NOT NULL DEFAULT 'any' CHECK (subjects IN ('person', 'organisation', 'any'));
ALTER TABLE record_kinds ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE record_kinds ADD COLUMN retired_on TEXT;
ALTER TABLE record_kinds ADD COLUMN changed_by TEXT NOT NULL DEFAULT 'system';
ALTER TABLE record_kinds ADD COLUMN changed_at TEXT;

-- Every earlier version of a kind, as JSON, with who replaced it and when.
CREATE TABLE record_kind_versions (
    code       TEXT NOT NULL REFERENCES record_kinds (code),
    version    INTEGER NOT NULL,
    body       TEXT NOT NULL,
    changed_by TEXT NOT NULL,
    changed_at TEXT NOT NULL,
    PRIMARY KEY (code, version)
);
