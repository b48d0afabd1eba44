-- +goose Up
-- The documents library: what plans cite and the portal publishes.
CREATE TABLE library_docs (
    id               TEXT PRIMARY KEY,
    number           TEXT NOT NULL DEFAULT '',
    symbol           TEXT NOT NULL DEFAULT '',
    type_code        TEXT NOT NULL DEFAULT '',
    type_name        TEXT NOT NULL DEFAULT '',
    issuer           TEXT NOT NULL DEFAULT '',
    issuer_agency_id TEXT REFERENCES agencies(id),
    issued_on        DATE,
    summary          TEXT NOT NULL DEFAULT '',
    scope            TEXT NOT NULL,
    url              TEXT NOT NULL DEFAULT '',
    owner_agency_id  TEXT NOT NULL REFERENCES agencies(id),
    search           TEXT NOT NULL DEFAULT '',
    row_version      INTEGER NOT NULL DEFAULT 1,
    created_at       TIMESTAMP NOT NULL,
    updated_at       TIMESTAMP NOT NULL
);
CREATE INDEX library_docs_symbol ON library_docs(number, symbol);
CREATE INDEX library_docs_issued ON library_docs(issued_on);

-- Per-agency settings that documents need.
CREATE TABLE agency_settings (
    agency_id  TEXT PRIMARY KEY REFERENCES agencies(id),
    place      TEXT NOT NULL DEFAULT '',
    numbering  TEXT NOT NULL DEFAULT 'single',
    updated_at TIMESTAMP NOT NULL
);

-- The register of numbers: one sequence per agency and year (type_code '') or one per
-- type, as the agency chooses. issued_numbers refuses the same number and symbol twice.
CREATE TABLE number_registers (
    agency_id   TEXT NOT NULL REFERENCES agencies(id),
    year        INTEGER NOT NULL,
    type_code   TEXT NOT NULL,
    last_number INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (agency_id, year, type_code)
);
CREATE TABLE issued_numbers (
    agency_id  TEXT NOT NULL REFERENCES agencies(id),
    year       INTEGER NOT NULL,
    number     INTEGER NOT NULL,
    symbol     TEXT NOT NULL,
    doc_kind   TEXT NOT NULL,
    doc_id     TEXT NOT NULL,
    issued_on  DATE NOT NULL,
    created_at TIMESTAMP NOT NULL,
    PRIMARY KEY (agency_id, year, number, symbol)
);

CREATE TABLE plans (
    id             TEXT PRIMARY KEY,
    series_id      TEXT NOT NULL,
    version        INTEGER NOT NULL,
    agency_id      TEXT NOT NULL REFERENCES agencies(id),
    year           INTEGER NOT NULL,
    status         TEXT NOT NULL,
    parent_plan_id TEXT REFERENCES plans(id),
    source_plan_id TEXT REFERENCES plans(id),
    number         TEXT NOT NULL DEFAULT '',
    symbol         TEXT NOT NULL DEFAULT '',
    place          TEXT NOT NULL DEFAULT '',
    date_day       INTEGER NOT NULL DEFAULT 0,
    date_month     INTEGER NOT NULL DEFAULT 0,
    date_year      INTEGER NOT NULL DEFAULT 0,
    summary        TEXT NOT NULL DEFAULT '',
    content        TEXT NOT NULL,
    row_version    INTEGER NOT NULL DEFAULT 1,
    created_by     TEXT REFERENCES users(id),
    created_at     TIMESTAMP NOT NULL,
    updated_at     TIMESTAMP NOT NULL,
    UNIQUE (series_id, version)
);
CREATE INDEX plans_agency_year ON plans(agency_id, year);

CREATE TABLE plan_topics (
    id        TEXT PRIMARY KEY,
    plan_id   TEXT NOT NULL REFERENCES plans(id),
    seq       INTEGER NOT NULL,
    text      TEXT NOT NULL,
    citations TEXT NOT NULL DEFAULT '[]'
);
CREATE INDEX plan_topics_plan ON plan_topics(plan_id, seq);

CREATE TABLE plan_channels (
    id      TEXT PRIMARY KEY,
    plan_id TEXT NOT NULL REFERENCES plans(id),
    seq     INTEGER NOT NULL,
    kind    TEXT NOT NULL,
    text    TEXT NOT NULL
);
CREATE INDEX plan_channels_plan ON plan_channels(plan_id, seq);

CREATE TABLE plan_activities (
    id               TEXT PRIMARY KEY,
    plan_id          TEXT NOT NULL REFERENCES plans(id),
    seq              INTEGER NOT NULL,
    kind             TEXT NOT NULL,
    text             TEXT NOT NULL,
    lead_name        TEXT NOT NULL DEFAULT '',
    lead_agency_id   TEXT REFERENCES agencies(id),
    supplier_name    TEXT NOT NULL DEFAULT '',
    supplier_agency_id TEXT REFERENCES agencies(id),
    time_text        TEXT NOT NULL DEFAULT '',
    starts_on        DATE,
    ends_on          DATE,
    conditional      BOOLEAN NOT NULL DEFAULT FALSE,
    target_quantity  DOUBLE PRECISION,
    target_unit      TEXT NOT NULL DEFAULT '',
    budget           BIGINT NOT NULL DEFAULT 0
);
CREATE INDEX plan_activities_plan ON plan_activities(plan_id, seq);
CREATE INDEX plan_activities_lead ON plan_activities(lead_agency_id);

CREATE TABLE plan_activity_partners (
    activity_id TEXT NOT NULL REFERENCES plan_activities(id),
    seq         INTEGER NOT NULL,
    name        TEXT NOT NULL,
    agency_id   TEXT REFERENCES agencies(id),
    PRIMARY KEY (activity_id, seq)
);
CREATE INDEX plan_activity_partners_agency ON plan_activity_partners(agency_id);

-- What happened to a plan: submitted, returned with a comment, approved, issued …
CREATE TABLE plan_events (
    id        TEXT PRIMARY KEY,
    plan_id   TEXT NOT NULL REFERENCES plans(id),
    at        TIMESTAMP NOT NULL,
    actor_id  TEXT REFERENCES users(id),
    actor     TEXT NOT NULL,
    action    TEXT NOT NULL,
    comment   TEXT NOT NULL DEFAULT ''
);
CREATE INDEX plan_events_plan ON plan_events(plan_id, at);

-- In-app notifications, to a user or to everyone of an agency.
CREATE TABLE notifications (
    id         TEXT PRIMARY KEY,
    user_id    TEXT REFERENCES users(id),
    agency_id  TEXT REFERENCES agencies(id),
    kind       TEXT NOT NULL,
    title      TEXT NOT NULL,
    link       TEXT NOT NULL DEFAULT '',
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX notifications_user ON notifications(user_id, created_at);
CREATE INDEX notifications_agency ON notifications(agency_id, created_at);
CREATE TABLE notification_reads (
    notification_id TEXT NOT NULL REFERENCES notifications(id),
    user_id         TEXT NOT NULL REFERENCES users(id),
    read_at         TIMESTAMP NOT NULL,
    PRIMARY KEY (notification_id, user_id)
);

-- +goose Down
DROP TABLE notification_reads;
DROP TABLE notifications;
DROP TABLE plan_events;
DROP TABLE plan_activity_partners;
DROP TABLE plan_activities;
DROP TABLE plan_channels;
DROP TABLE plan_topics;
DROP TABLE plans;
DROP TABLE issued_numbers;
DROP TABLE number_registers;
DROP TABLE agency_settings;
DROP TABLE library_docs;
