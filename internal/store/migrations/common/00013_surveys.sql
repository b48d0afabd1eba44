-- +goose Up
-- Surveys of citizens and businesses: satisfaction (mức độ hài lòng) and awareness of
-- administrative reform (mức độ nhận biết về CCHC). A survey is drafted by an agency,
-- opened for an answer window and closed; its questions are fixed once it leaves the
-- draft, so every answer reads against the questions it was given.
CREATE TABLE surveys (
    id             TEXT PRIMARY KEY,
    agency_id      TEXT NOT NULL REFERENCES agencies(id),
    slug           TEXT NOT NULL UNIQUE,
    kind           TEXT NOT NULL,
    title          TEXT NOT NULL,
    intro          TEXT NOT NULL DEFAULT '',
    thanks         TEXT NOT NULL DEFAULT '',
    status         TEXT NOT NULL,
    opens_at       TIMESTAMP,
    closes_at      TIMESTAMP,
    limit_mode     TEXT NOT NULL,
    results_public BOOLEAN NOT NULL DEFAULT TRUE,
    publish_text   BOOLEAN NOT NULL DEFAULT FALSE,
    -- secret signs the respondents' cookies and answer tokens and keys the hashes of
    -- their addresses; every instance reads it here.
    secret         TEXT NOT NULL,
    row_version    INTEGER NOT NULL DEFAULT 1,
    created_by     TEXT REFERENCES users(id),
    created_at     TIMESTAMP NOT NULL,
    updated_at     TIMESTAMP NOT NULL,
    opened_at      TIMESTAMP,
    closed_at      TIMESTAMP
);
CREATE INDEX surveys_agency ON surveys(agency_id, status);
CREATE INDEX surveys_status ON surveys(status, closes_at);

-- A question with a section heading starts a new section of the form.
CREATE TABLE survey_questions (
    id          TEXT PRIMARY KEY,
    survey_id   TEXT NOT NULL REFERENCES surveys(id),
    position    INTEGER NOT NULL,
    section     TEXT NOT NULL DEFAULT '',
    kind        TEXT NOT NULL,
    text        TEXT NOT NULL,
    help        TEXT NOT NULL DEFAULT '',
    required    BOOLEAN NOT NULL DEFAULT FALSE,
    min_choices INTEGER NOT NULL DEFAULT 0,
    max_choices INTEGER NOT NULL DEFAULT 0,
    scale_min   INTEGER NOT NULL DEFAULT 0,
    scale_max   INTEGER NOT NULL DEFAULT 0,
    label_low   TEXT NOT NULL DEFAULT '',
    label_high  TEXT NOT NULL DEFAULT ''
);
CREATE INDEX survey_questions_survey ON survey_questions(survey_id, position);

CREATE TABLE survey_options (
    id          TEXT PRIMARY KEY,
    question_id TEXT NOT NULL REFERENCES survey_questions(id),
    position    INTEGER NOT NULL,
    label       TEXT NOT NULL
);
CREATE INDEX survey_options_question ON survey_options(question_id, position);

-- One-time invitation codes for a closed population (the businesses of a list).
CREATE TABLE survey_codes (
    id          TEXT PRIMARY KEY,
    survey_id   TEXT NOT NULL REFERENCES surveys(id),
    code        TEXT NOT NULL,
    batch       TEXT NOT NULL DEFAULT '',
    created_at  TIMESTAMP NOT NULL,
    used_at     TIMESTAMP,
    UNIQUE (survey_id, code)
);

-- A response keeps no address and no name. respondent is a keyed hash of the answering
-- browser's cookie (one answer per browser) and code_id the invitation used: each
-- unique, so a second answer from the same person fails inside the transaction.
CREATE TABLE survey_responses (
    id           TEXT PRIMARY KEY,
    survey_id    TEXT NOT NULL REFERENCES surveys(id),
    submitted_at TIMESTAMP NOT NULL,
    respondent   TEXT,
    code_id      TEXT UNIQUE REFERENCES survey_codes(id),
    UNIQUE (survey_id, respondent)
);
CREATE INDEX survey_responses_survey ON survey_responses(survey_id, submitted_at);

-- One row per chosen option, scale value or text; seq numbers the options chosen
-- for one multiple-choice question.
CREATE TABLE survey_answers (
    response_id TEXT NOT NULL REFERENCES survey_responses(id),
    question_id TEXT NOT NULL REFERENCES survey_questions(id),
    seq         INTEGER NOT NULL,
    survey_id   TEXT NOT NULL REFERENCES surveys(id),
    option_id   TEXT REFERENCES survey_options(id),
    value       INTEGER,
    text        TEXT,
    PRIMARY KEY (response_id, question_id, seq)
);
CREATE INDEX survey_answers_question ON survey_answers(survey_id, question_id);

-- Public answers per address and ten-minute window, shared by every instance. addr is
-- a keyed hash, not the address.
CREATE TABLE survey_rate (
    survey_id TEXT NOT NULL,
    addr      TEXT NOT NULL,
    win       INTEGER NOT NULL,
    hits      INTEGER NOT NULL,
    PRIMARY KEY (survey_id, addr, win)
);
CREATE INDEX survey_rate_win ON survey_rate(win);

-- +goose Down
DROP TABLE survey_rate;
DROP TABLE survey_answers;
DROP TABLE survey_responses;
DROP TABLE survey_codes;
DROP TABLE survey_options;
DROP TABLE survey_questions;
DROP TABLE surveys;
