-- Accounts of people who sign in, their sessions and refresh tokens, sign-in throttling, the
-- grants people give for authorised queries, and the log of every read of non-public records.

CREATE TABLE accounts (
    id              INTEGER PRIMARY KEY,
    username        TEXT NOT NULL UNIQUE,
    display_name    TEXT NOT NULL,
    password_hash   TEXT NOT NULL,
    -- Comma-separated role codes, read in the same query as the account on every request.
    roles           TEXT NOT NULL,
    person_id       INTEGER REFERENCES persons (id),
    organisation_id INTEGER REFERENCES organisations (id),
    created_at      TEXT NOT NULL,
    disabled_at     TEXT
);
CREATE INDEX accounts_by_person ON accounts (person_id);

-- A session is one sign-in; its refresh tokens form a family. Reusing a spent token revokes it.
CREATE TABLE sessions (
    id             TEXT PRIMARY KEY,
    account_id     INTEGER NOT NULL REFERENCES accounts (id),
    created_at     TEXT NOT NULL,
    revoked_at     TEXT,
    revoked_reason TEXT
);
CREATE INDEX sessions_by_account ON sessions (account_id);

CREATE TABLE refresh_tokens (
    token_hash TEXT PRIMARY KEY,
    session_id TEXT NOT NULL REFERENCES sessions (id),
    issued_at  TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    spent_at   TEXT
);
CREATE INDEX refresh_tokens_by_session ON refresh_tokens (session_id);

-- Failed sign-ins per account name (known or not, so lockout reveals nothing) and per address.
CREATE TABLE login_failures (
    key          TEXT PRIMARY KEY,
    failures     INTEGER NOT NULL,
    last_failure TEXT NOT NULL,
    locked_until TEXT
);

-- 授权查询: a person lets an app (by API key) or an organisation read chosen categories.
CREATE TABLE grants (
    id                  INTEGER PRIMARY KEY,
    person_id           INTEGER NOT NULL REFERENCES persons (id),
    grantee_kind        TEXT NOT NULL CHECK (grantee_kind IN ('app', 'organisation')),
    grantee_api_key_id  INTEGER REFERENCES api_keys (id),
    grantee_org_id      INTEGER REFERENCES organisations (id),
    grantee_name        TEXT NOT NULL,
    purpose             TEXT NOT NULL,
    categories          TEXT NOT NULL,
    valid_until         TEXT NOT NULL,
    created_at          TEXT NOT NULL,
    revoked_at          TEXT,
    CHECK ((grantee_kind = 'app' AND grantee_api_key_id IS NOT NULL AND grantee_org_id IS NULL)
        OR (grantee_kind = 'organisation' AND grantee_org_id IS NOT NULL AND grantee_api_key_id IS NULL))
);
CREATE INDEX grants_by_person ON grants (person_id);

-- Every read of a person's non-public records: who, when, through which route, for what purpose.
CREATE TABLE access_log (
    id                  INTEGER PRIMARY KEY,
    person_id           INTEGER NOT NULL REFERENCES persons (id),
    accessed_at         TEXT NOT NULL,
    channel             TEXT NOT NULL CHECK (channel IN ('government_sharing', 'authorised_query', 'internal')),
    accessor_account_id INTEGER REFERENCES accounts (id),
    accessor_org_id     INTEGER REFERENCES organisations (id),
    api_key_id          INTEGER REFERENCES api_keys (id),
    grant_id            INTEGER REFERENCES grants (id),
    accessor_name       TEXT NOT NULL,
    purpose             TEXT NOT NULL,
    categories          TEXT NOT NULL,
    record_count        INTEGER NOT NULL
);
CREATE INDEX access_log_by_person ON access_log (person_id, id);
CREATE TRIGGER access_log_no_update BEFORE UPDATE ON access_log
BEGIN SELECT RAISE(ABORT, 'access_log is append-only'); END;
CREATE TRIGGER access_log_no_delete BEFORE DELETE ON access_log
BEGIN SELECT RAISE(ABORT, 'access_log is append-only'); END;
