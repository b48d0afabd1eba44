-- +goose Up
-- Files are stored once by the SHA-256 of their content; records point at the hash.
CREATE TABLE files (
    hash         TEXT PRIMARY KEY,
    size         BIGINT NOT NULL,
    content_type TEXT NOT NULL,
    width        INTEGER NOT NULL DEFAULT 0,
    height       INTEGER NOT NULL DEFAULT 0,
    created_at   TIMESTAMP NOT NULL
);

-- A result: what a unit did for an activity, recorded the day it happened.
CREATE TABLE results (
    id             TEXT PRIMARY KEY,
    plan_id        TEXT NOT NULL REFERENCES plans(id),
    activity_id    TEXT NOT NULL REFERENCES plan_activities(id),
    agency_id      TEXT NOT NULL REFERENCES agencies(id),
    done_on        DATE NOT NULL,
    quantity       DOUBLE PRECISION NOT NULL DEFAULT 0,
    unit           TEXT NOT NULL DEFAULT '',
    attendees      INTEGER NOT NULL DEFAULT 0,
    places         TEXT NOT NULL DEFAULT '',
    links          TEXT NOT NULL DEFAULT '[]',
    audience       TEXT NOT NULL DEFAULT '[]',
    description    TEXT NOT NULL DEFAULT '',
    spent          BIGINT NOT NULL DEFAULT 0,
    status         TEXT NOT NULL,
    review_comment TEXT NOT NULL DEFAULT '',
    reviewed_by    TEXT REFERENCES users(id),
    reviewed_at    TIMESTAMP,
    created_by     TEXT REFERENCES users(id),
    row_version    INTEGER NOT NULL DEFAULT 1,
    created_at     TIMESTAMP NOT NULL,
    updated_at     TIMESTAMP NOT NULL
);
CREATE INDEX results_plan ON results(plan_id, status);
CREATE INDEX results_activity ON results(activity_id, status);
CREATE INDEX results_agency ON results(agency_id, done_on);

CREATE TABLE result_topics (
    result_id TEXT NOT NULL REFERENCES results(id),
    topic_id  TEXT NOT NULL REFERENCES plan_topics(id),
    PRIMARY KEY (result_id, topic_id)
);
CREATE INDEX result_topics_topic ON result_topics(topic_id);

-- The coordinating units that took part.
CREATE TABLE result_partners (
    result_id TEXT NOT NULL REFERENCES results(id),
    agency_id TEXT NOT NULL REFERENCES agencies(id),
    PRIMARY KEY (result_id, agency_id)
);

CREATE TABLE result_files (
    result_id TEXT NOT NULL REFERENCES results(id),
    file_hash TEXT NOT NULL REFERENCES files(hash),
    name      TEXT NOT NULL,
    seq       INTEGER NOT NULL,
    PRIMARY KEY (result_id, file_hash)
);
CREATE INDEX result_files_hash ON result_files(file_hash);

-- Every change of a result: who, what, when, with the result as it was after.
CREATE TABLE result_events (
    id        TEXT PRIMARY KEY,
    result_id TEXT NOT NULL REFERENCES results(id),
    at        TIMESTAMP NOT NULL,
    actor_id  TEXT REFERENCES users(id),
    actor     TEXT NOT NULL,
    action    TEXT NOT NULL,
    comment   TEXT NOT NULL DEFAULT '',
    snapshot  TEXT NOT NULL DEFAULT ''
);
CREATE INDEX result_events_result ON result_events(result_id, at);

-- An activity the office marks not applicable ("nếu có" whose occasion never came).
CREATE TABLE activity_exemptions (
    activity_id TEXT PRIMARY KEY REFERENCES plan_activities(id),
    reason      TEXT NOT NULL,
    decided_by  TEXT REFERENCES users(id),
    decided_at  TIMESTAMP NOT NULL
);

CREATE TABLE difficulties (
    id          TEXT PRIMARY KEY,
    plan_id     TEXT REFERENCES plans(id),
    activity_id TEXT REFERENCES plan_activities(id),
    agency_id   TEXT NOT NULL REFERENCES agencies(id),
    title       TEXT NOT NULL,
    body        TEXT NOT NULL,
    status      TEXT NOT NULL,
    answer      TEXT NOT NULL DEFAULT '',
    created_by  TEXT REFERENCES users(id),
    row_version INTEGER NOT NULL DEFAULT 1,
    created_at  TIMESTAMP NOT NULL,
    updated_at  TIMESTAMP NOT NULL
);
CREATE INDEX difficulties_plan ON difficulties(plan_id, status);
CREATE INDEX difficulties_agency ON difficulties(agency_id);
CREATE TABLE difficulty_events (
    id            TEXT PRIMARY KEY,
    difficulty_id TEXT NOT NULL REFERENCES difficulties(id),
    at            TIMESTAMP NOT NULL,
    actor_id      TEXT REFERENCES users(id),
    actor         TEXT NOT NULL,
    action        TEXT NOT NULL,
    text          TEXT NOT NULL DEFAULT ''
);
CREATE INDEX difficulty_events_d ON difficulty_events(difficulty_id, at);

CREATE TABLE inspections (
    id           TEXT PRIMARY KEY,
    plan_id      TEXT REFERENCES plans(id),
    agency_id    TEXT NOT NULL REFERENCES agencies(id),
    inspected_on DATE NOT NULL,
    members      TEXT NOT NULL DEFAULT '',
    findings     TEXT NOT NULL DEFAULT '',
    created_by   TEXT REFERENCES users(id),
    row_version  INTEGER NOT NULL DEFAULT 1,
    created_at   TIMESTAMP NOT NULL,
    updated_at   TIMESTAMP NOT NULL
);
CREATE INDEX inspections_agency ON inspections(agency_id, inspected_on);
CREATE TABLE recommendations (
    id            TEXT PRIMARY KEY,
    inspection_id TEXT NOT NULL REFERENCES inspections(id),
    seq           INTEGER NOT NULL,
    text          TEXT NOT NULL,
    due_on        DATE,
    status        TEXT NOT NULL,
    closed_on     DATE,
    closing_note  TEXT NOT NULL DEFAULT ''
);
CREATE INDEX recommendations_inspection ON recommendations(inspection_id, seq);

-- How the PAR Index communication criterion is scored, as data: bands of the
-- completion share and the points each gives.
CREATE TABLE scoring_rules (
    id         TEXT PRIMARY KEY,
    code       TEXT NOT NULL UNIQUE,
    name       TEXT NOT NULL,
    max_points DOUBLE PRECISION NOT NULL,
    bands      TEXT NOT NULL,
    source     TEXT NOT NULL DEFAULT '',
    updated_at TIMESTAMP NOT NULL
);

-- Reminder rules per agency, and the log of every reminder sent: the unique key
-- makes a reminder go out once, however many instances run the job.
CREATE TABLE reminder_rules (
    id         TEXT PRIMARY KEY,
    agency_id  TEXT NOT NULL REFERENCES agencies(id),
    kind       TEXT NOT NULL,
    days       INTEGER NOT NULL DEFAULT 0,
    enabled    BOOLEAN NOT NULL DEFAULT TRUE,
    created_at TIMESTAMP NOT NULL
);
CREATE TABLE reminders (
    id          TEXT PRIMARY KEY,
    rule_id     TEXT REFERENCES reminder_rules(id),
    kind        TEXT NOT NULL,
    agency_id   TEXT NOT NULL REFERENCES agencies(id),
    activity_id TEXT REFERENCES plan_activities(id),
    dedupe_key  TEXT NOT NULL UNIQUE,
    title       TEXT NOT NULL,
    sent_by     TEXT REFERENCES users(id),
    channels    TEXT NOT NULL DEFAULT 'app',
    sent_at     TIMESTAMP NOT NULL
);
CREATE INDEX reminders_agency ON reminders(agency_id, sent_at);

-- +goose Down
DROP TABLE reminders;
DROP TABLE reminder_rules;
DROP TABLE scoring_rules;
DROP TABLE recommendations;
DROP TABLE inspections;
DROP TABLE difficulty_events;
DROP TABLE difficulties;
DROP TABLE activity_exemptions;
DROP TABLE result_events;
DROP TABLE result_files;
DROP TABLE result_partners;
DROP TABLE result_topics;
DROP TABLE results;
DROP TABLE files;
