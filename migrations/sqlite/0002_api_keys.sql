-- API keys of third-party apps. Only a hash of the secret is kept; the key is shown once.
CREATE TABLE api_keys (
    id             INTEGER PRIMARY KEY,
    prefix         TEXT NOT NULL UNIQUE,
    secret_hash    TEXT NOT NULL,
    name           TEXT NOT NULL,
    owner          TEXT NOT NULL,
    created_at     TEXT NOT NULL,
    revoked_at     TEXT
);
