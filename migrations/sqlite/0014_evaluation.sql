-- The integrity evaluation of government bodies (政务诚信考核评价): schemes versioned like the
-- scoring rulebooks, annual evaluations the credit office opens, scores and publishes; a published
-- evaluation keeps its results as they were (a correction is a new version with its reason).
CREATE TABLE evaluation_schemes (
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

CREATE TABLE evaluations (
    id             INTEGER PRIMARY KEY,
    year           INTEGER NOT NULL,
    version        INTEGER NOT NULL,
    scheme_code    TEXT NOT NULL,
    scheme_version INTEGER NOT NULL,
    status         TEXT NOT NULL CHECK (status IN ('draft', 'published', 'superseded')),
    reason         TEXT,
    created_by     TEXT NOT NULL,
    created_at     TEXT NOT NULL,
    published_by   TEXT,
    published_at   TEXT,
    results        TEXT,
    UNIQUE (year, version)
);

CREATE TABLE evaluation_scores (
    evaluation_id  INTEGER NOT NULL REFERENCES evaluations (id),
    body_org_id    INTEGER NOT NULL REFERENCES organisations (id),
    indicator_code TEXT NOT NULL,
    points         REAL NOT NULL,
    evidence       TEXT NOT NULL,
    entered_by     TEXT NOT NULL,
    entered_at     TEXT NOT NULL,
    PRIMARY KEY (evaluation_id, body_org_id, indicator_code)
);
