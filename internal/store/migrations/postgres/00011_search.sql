-- +goose Up
-- The public search index (internal/search). search_docs holds each public item as
-- written, for results and snippets. search_terms is the narrow table the GIN index
-- serves: its tsv holds the words, cut and folded in Go (no diacritics, đ→d, lower
-- case) and given as a tsvector literal with weights (title A, summary B, body D), so
-- PostgreSQL's parser never cuts words differently from SQLite. Kept apart from the
-- text, it stays small enough to be read from memory when a common word hits half of it.
-- The id tells the year and the kind (year·10¹³ + kind·10¹¹ + sequence), as on SQLite.
CREATE TABLE search_docs (
    id         BIGINT PRIMARY KEY,
    kind       TEXT NOT NULL,
    ref        TEXT NOT NULL,
    year       INTEGER NOT NULL DEFAULT 0,
    date       TIMESTAMP,
    updated_at TIMESTAMP NOT NULL,
    lang       TEXT NOT NULL DEFAULT '',
    url        TEXT NOT NULL DEFAULT '',
    title      TEXT NOT NULL,
    summary    TEXT NOT NULL DEFAULT '',
    body       TEXT NOT NULL DEFAULT '',
    UNIQUE (kind, ref)
);
CREATE INDEX search_docs_stale ON search_docs (kind, updated_at);
CREATE SEQUENCE search_seq;
CREATE TABLE search_terms (
    id  BIGINT PRIMARY KEY REFERENCES search_docs (id) ON DELETE CASCADE,
    tsv TSVECTOR NOT NULL
);
CREATE INDEX search_terms_tsv ON search_terms USING GIN (tsv);

-- +goose Down
DROP TABLE search_terms;
DROP SEQUENCE search_seq;
DROP TABLE search_docs;
