-- +goose Up
-- Periodic reports: compiled from accepted results, frozen on submission, approved,
-- numbered from the register and sent up. Every version of a report is a row of one
-- series, as for plans.
CREATE TABLE reports (
    id                  TEXT PRIMARY KEY,
    series_id           TEXT NOT NULL,
    version             INTEGER NOT NULL,
    agency_id           TEXT NOT NULL REFERENCES agencies(id),
    plan_id             TEXT REFERENCES plans(id),
    period              TEXT NOT NULL,
    period_from         DATE NOT NULL,
    period_to           DATE NOT NULL,
    status              TEXT NOT NULL,
    number              TEXT NOT NULL DEFAULT '',
    symbol              TEXT NOT NULL DEFAULT '',
    place               TEXT NOT NULL DEFAULT '',
    date_day            INTEGER NOT NULL DEFAULT 0,
    date_month          INTEGER NOT NULL DEFAULT 0,
    date_year           INTEGER NOT NULL DEFAULT 0,
    recipient_agency_id TEXT REFERENCES agencies(id),
    deadline            DATE,
    header              TEXT NOT NULL DEFAULT '{}',
    narrative           TEXT NOT NULL DEFAULT '{}',
    figures             TEXT NOT NULL DEFAULT '',
    row_version         INTEGER NOT NULL DEFAULT 1,
    created_by          TEXT REFERENCES users(id),
    submitted_at        TIMESTAMP,
    sent_at             TIMESTAMP,
    created_at          TIMESTAMP NOT NULL,
    updated_at          TIMESTAMP NOT NULL,
    UNIQUE (series_id, version)
);
CREATE INDEX reports_agency_period ON reports(agency_id, period);
CREATE INDEX reports_recipient ON reports(recipient_agency_id, status);

CREATE TABLE report_events (
    id        TEXT PRIMARY KEY,
    report_id TEXT NOT NULL REFERENCES reports(id),
    at        TIMESTAMP NOT NULL,
    actor_id  TEXT REFERENCES users(id),
    actor     TEXT NOT NULL,
    action    TEXT NOT NULL,
    comment   TEXT NOT NULL DEFAULT ''
);
CREATE INDEX report_events_report ON report_events(report_id, at);

-- +goose Down
DROP TABLE report_events;
DROP TABLE reports;
