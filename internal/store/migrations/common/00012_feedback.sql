-- +goose Up
-- Citizens' and businesses' feedback (phản ánh, kiến nghị), sent from the public portal
-- without an account. agency_id is the agency that receives it, unit_id the unit it is
-- assigned to for an answer. The citizen's name and contact stay here and in no public
-- page: the questions and answers published on the portal are the public_* columns,
-- which staff write (usually edited from the original) when they publish.
CREATE TABLE feedback (
    id               TEXT PRIMARY KEY,
    code             TEXT NOT NULL UNIQUE,
    submit_token     TEXT NOT NULL UNIQUE,
    agency_id        TEXT NOT NULL REFERENCES agencies(id),
    unit_id          TEXT REFERENCES agencies(id),
    status           TEXT NOT NULL,
    topic            TEXT NOT NULL,
    sender_kind      TEXT NOT NULL,
    name             TEXT NOT NULL,
    contact          TEXT NOT NULL,
    contact_key      TEXT NOT NULL,
    organisation     TEXT NOT NULL DEFAULT '',
    address          TEXT NOT NULL DEFAULT '',
    content          TEXT NOT NULL,
    received_at      TIMESTAMP NOT NULL,
    due_on           DATE NOT NULL,
    assigned_at      TIMESTAMP,
    assign_note      TEXT NOT NULL DEFAULT '',
    answer           TEXT NOT NULL DEFAULT '',
    answer_agency_id TEXT REFERENCES agencies(id),
    answered_by      TEXT REFERENCES users(id),
    answered_at      TIMESTAMP,
    reject_reason    TEXT NOT NULL DEFAULT '',
    public_title     TEXT NOT NULL DEFAULT '',
    public_question  TEXT NOT NULL DEFAULT '',
    public_answer    TEXT NOT NULL DEFAULT '',
    public_files     BOOLEAN NOT NULL DEFAULT FALSE,
    published_at     TIMESTAMP,
    row_version      INTEGER NOT NULL DEFAULT 1,
    created_at       TIMESTAMP NOT NULL,
    updated_at       TIMESTAMP NOT NULL
);
CREATE INDEX feedback_agency ON feedback(agency_id, status, due_on);
CREATE INDEX feedback_unit ON feedback(unit_id, status, due_on);
CREATE INDEX feedback_published ON feedback(status, published_at);

-- Files of an item: the citizen's attachments (part 'question', seen by staff only)
-- and those of the answer (part 'answer', seen by the citizen and, when the answer is
-- published with its files, by everyone).
CREATE TABLE feedback_files (
    feedback_id TEXT NOT NULL REFERENCES feedback(id),
    part        TEXT NOT NULL,
    file_hash   TEXT NOT NULL REFERENCES files(hash),
    name        TEXT NOT NULL,
    seq         INTEGER NOT NULL,
    PRIMARY KEY (feedback_id, part, file_hash)
);
CREATE INDEX feedback_files_hash ON feedback_files(file_hash);

-- What happened to an item, for its history on the staff page.
CREATE TABLE feedback_events (
    id          TEXT PRIMARY KEY,
    feedback_id TEXT NOT NULL REFERENCES feedback(id),
    at          TIMESTAMP NOT NULL,
    actor_id    TEXT REFERENCES users(id),
    actor       TEXT NOT NULL,
    action      TEXT NOT NULL,
    text        TEXT NOT NULL DEFAULT ''
);
CREATE INDEX feedback_events_item ON feedback_events(feedback_id, at);

-- Reusable answers, kept by an agency for itself and the units below it.
CREATE TABLE feedback_templates (
    id          TEXT PRIMARY KEY,
    agency_id   TEXT NOT NULL REFERENCES agencies(id),
    title       TEXT NOT NULL,
    body        TEXT NOT NULL,
    created_by  TEXT REFERENCES users(id),
    row_version INTEGER NOT NULL DEFAULT 1,
    created_at  TIMESTAMP NOT NULL,
    updated_at  TIMESTAMP NOT NULL
);
CREATE INDEX feedback_templates_agency ON feedback_templates(agency_id);

-- Reminders sent about a deadline; the key (item, unit, kind, step) is unique, so a
-- reminder goes out once however often and on however many instances the sweep runs.
CREATE TABLE feedback_reminders (
    dedupe_key  TEXT PRIMARY KEY,
    feedback_id TEXT NOT NULL REFERENCES feedback(id),
    agency_id   TEXT NOT NULL REFERENCES agencies(id),
    kind        TEXT NOT NULL,
    sent_at     TIMESTAMP NOT NULL
);
CREATE INDEX feedback_reminders_item ON feedback_reminders(feedback_id);

-- Fixed-window counters of the public forms, per client address and window (Unix
-- seconds of its start): kept in the database so that the limit holds across instances.
CREATE TABLE feedback_rate (
    bucket       TEXT NOT NULL,
    window_start BIGINT NOT NULL,
    hits         INTEGER NOT NULL,
    PRIMARY KEY (bucket, window_start)
);

-- The installation's secret keys (the challenge's HMAC key), made on first use; every
-- instance reads the same one.
CREATE TABLE feedback_keys (
    name       TEXT PRIMARY KEY,
    secret     TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL
);

-- +goose Down
DROP TABLE feedback_keys;
DROP TABLE feedback_rate;
DROP TABLE feedback_reminders;
DROP TABLE feedback_templates;
DROP TABLE feedback_events;
DROP TABLE feedback_files;
DROP TABLE feedback;
