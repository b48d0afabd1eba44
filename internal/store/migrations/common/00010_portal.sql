-- +goose Up
-- The public portal's articles and pages. The row holds the working copy (the newest
-- version) and its place in the editorial workflow; the public reads the version named
-- by live_version, so a correction being reviewed never shows before it is approved.
-- An article is public when live_version > 0, it is not withdrawn, and published_at
-- has come: a scheduled article appears at its time without any job.
CREATE TABLE portal_articles (
    id               TEXT PRIMARY KEY,
    kind             TEXT NOT NULL,
    slug             TEXT NOT NULL UNIQUE,
    state            TEXT NOT NULL,
    version          INTEGER NOT NULL,
    live_version     INTEGER NOT NULL DEFAULT 0,
    title            TEXT NOT NULL,
    search           TEXT NOT NULL DEFAULT '',
    counts_for_plan  BOOLEAN NOT NULL DEFAULT FALSE,
    owner_agency_id  TEXT NOT NULL REFERENCES agencies(id),
    author_id        TEXT REFERENCES users(id),
    author_name      TEXT NOT NULL DEFAULT '',
    author_agency_id TEXT REFERENCES agencies(id),
    submitted_by     TEXT REFERENCES users(id),
    review_comment   TEXT NOT NULL DEFAULT '',
    published_by     TEXT REFERENCES users(id),
    publisher_name   TEXT NOT NULL DEFAULT '',
    published_at     TIMESTAMP,
    revised_at       TIMESTAMP,
    withdrawn_at     TIMESTAMP,
    withdraw_reason  TEXT NOT NULL DEFAULT '',
    row_version      INTEGER NOT NULL DEFAULT 1,
    created_at       TIMESTAMP NOT NULL,
    updated_at       TIMESTAMP NOT NULL
);
CREATE INDEX portal_articles_public ON portal_articles(kind, live_version, published_at);
CREATE INDEX portal_articles_state ON portal_articles(state, updated_at);

-- Images uploaded for articles, already resized: only these are served publicly.
CREATE TABLE portal_images (
    hash        TEXT PRIMARY KEY REFERENCES files(hash),
    thumb_hash  TEXT NOT NULL REFERENCES files(hash),
    name        TEXT NOT NULL DEFAULT '',
    width       INTEGER NOT NULL,
    height      INTEGER NOT NULL,
    agency_id   TEXT REFERENCES agencies(id),
    uploaded_by TEXT REFERENCES users(id),
    uploaded_at TIMESTAMP NOT NULL
);
CREATE INDEX portal_images_uploaded ON portal_images(uploaded_at);

-- Every save of an article's content: who saved it, when, and all of what it said.
CREATE TABLE portal_article_versions (
    article_id    TEXT NOT NULL REFERENCES portal_articles(id),
    version       INTEGER NOT NULL,
    title         TEXT NOT NULL,
    summary       TEXT NOT NULL DEFAULT '',
    body          TEXT NOT NULL DEFAULT '',
    image_hash    TEXT REFERENCES portal_images(hash),
    image_alt     TEXT NOT NULL DEFAULT '',
    file_hash     TEXT REFERENCES files(hash),
    file_name     TEXT NOT NULL DEFAULT '',
    saved_by      TEXT REFERENCES users(id),
    saved_by_name TEXT NOT NULL DEFAULT '',
    saved_at      TIMESTAMP NOT NULL,
    PRIMARY KEY (article_id, version)
);

-- The workflow's steps: submitted, returned, published, scheduled, withdrawn.
CREATE TABLE portal_article_events (
    id         TEXT PRIMARY KEY,
    article_id TEXT NOT NULL REFERENCES portal_articles(id),
    at         TIMESTAMP NOT NULL,
    actor_id   TEXT REFERENCES users(id),
    actor      TEXT NOT NULL,
    action     TEXT NOT NULL,
    version    INTEGER NOT NULL,
    comment    TEXT NOT NULL DEFAULT ''
);
CREATE INDEX portal_article_events_article ON portal_article_events(article_id, at);

-- What publishing an article counted for in the plan: the result it recorded, or
-- why none could be (note). One row per article, so it is counted once.
CREATE TABLE portal_article_results (
    article_id   TEXT PRIMARY KEY REFERENCES portal_articles(id),
    result_id    TEXT REFERENCES results(id),
    activity_id  TEXT REFERENCES plan_activities(id),
    note         TEXT NOT NULL DEFAULT '',
    recorded_at  TIMESTAMP NOT NULL,
    withdrawn_at TIMESTAMP
);

-- The file of a library document (the signed PDF, a scan), which the portal offers
-- for download. A document has at most one.
CREATE TABLE library_files (
    doc_id      TEXT PRIMARY KEY REFERENCES library_docs(id),
    file_hash   TEXT NOT NULL REFERENCES files(hash),
    file_name   TEXT NOT NULL,
    attached_by TEXT REFERENCES users(id),
    attached_at TIMESTAMP NOT NULL
);

-- +goose Down
DROP TABLE library_files;
DROP TABLE portal_article_results;
DROP TABLE portal_article_events;
DROP TABLE portal_article_versions;
DROP TABLE portal_images;
DROP TABLE portal_articles;
