-- +goose Up
-- Agencies: the current state in agencies, every dated state in agency_history, so a
-- past document can print the names it was issued with.
CREATE TABLE agencies (
    id            TEXT PRIMARY KEY,
    name          TEXT NOT NULL,
    short_name    TEXT NOT NULL DEFAULT '',
    abbr          TEXT NOT NULL,
    kind          TEXT NOT NULL,
    parent_id     TEXT REFERENCES agencies(id),
    electronic_id TEXT NOT NULL DEFAULT '',
    external      BOOLEAN NOT NULL DEFAULT FALSE,
    merged_into   TEXT REFERENCES agencies(id),
    ended_on      DATE,
    row_version   INTEGER NOT NULL DEFAULT 1,
    created_at    TIMESTAMP NOT NULL,
    updated_at    TIMESTAMP NOT NULL
);
CREATE INDEX agencies_parent ON agencies(parent_id);
CREATE INDEX agencies_abbr ON agencies(abbr);

CREATE TABLE agency_history (
    id          TEXT PRIMARY KEY,
    agency_id   TEXT NOT NULL REFERENCES agencies(id),
    valid_from  DATE NOT NULL,
    valid_to    DATE,
    name        TEXT NOT NULL,
    short_name  TEXT NOT NULL DEFAULT '',
    abbr        TEXT NOT NULL,
    parent_id   TEXT REFERENCES agencies(id),
    reason      TEXT NOT NULL DEFAULT '',
    recorded_at TIMESTAMP NOT NULL
);
CREATE INDEX agency_history_agency ON agency_history(agency_id, valid_from);

CREATE TABLE users (
    id            TEXT PRIMARY KEY,
    username      TEXT NOT NULL UNIQUE,
    full_name     TEXT NOT NULL,
    email         TEXT NOT NULL DEFAULT '',
    job_title     TEXT NOT NULL DEFAULT '',
    agency_id     TEXT NOT NULL REFERENCES agencies(id),
    password_hash TEXT NOT NULL,
    disabled      BOOLEAN NOT NULL DEFAULT FALSE,
    failed_logins INTEGER NOT NULL DEFAULT 0,
    locked_until  TIMESTAMP,
    last_login_at TIMESTAMP,
    row_version   INTEGER NOT NULL DEFAULT 1,
    created_at    TIMESTAMP NOT NULL,
    updated_at    TIMESTAMP NOT NULL
);
CREATE INDEX users_agency ON users(agency_id);

-- A membership gives a role at an agency, valid for the agency's whole subtree.
CREATE TABLE memberships (
    id         TEXT PRIMARY KEY,
    user_id    TEXT NOT NULL REFERENCES users(id),
    agency_id  TEXT NOT NULL REFERENCES agencies(id),
    role       TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    UNIQUE (user_id, agency_id, role)
);
CREATE INDEX memberships_agency ON memberships(agency_id);

-- The audit log: one row per write, never updated nor deleted (triggers per dialect).
CREATE TABLE audit_log (
    id          TEXT PRIMARY KEY,
    at          TIMESTAMP NOT NULL,
    actor_id    TEXT,
    actor_name  TEXT NOT NULL,
    ip          TEXT NOT NULL DEFAULT '',
    request_id  TEXT NOT NULL DEFAULT '',
    action      TEXT NOT NULL,
    entity      TEXT NOT NULL,
    entity_id   TEXT NOT NULL,
    agency_id   TEXT,
    summary     TEXT NOT NULL DEFAULT '',
    before_json TEXT,
    after_json  TEXT
);
CREATE INDEX audit_log_at ON audit_log(at);
CREATE INDEX audit_log_entity ON audit_log(entity, entity_id);
CREATE INDEX audit_log_actor ON audit_log(actor_id);

-- One row per submitted form token: a second submission of the same form finds its
-- row and is sent where the first went instead of writing twice.
CREATE TABLE form_submissions (
    token      TEXT PRIMARY KEY,
    user_id    TEXT,
    redirect   TEXT NOT NULL DEFAULT '',
    created_at TIMESTAMP NOT NULL
);

-- +goose Down
DROP TABLE form_submissions;
DROP TABLE audit_log;
DROP TABLE memberships;
DROP TABLE users;
DROP TABLE agency_history;
DROP TABLE agencies;
