-- +goose Up
-- The public search index (internal/search). search_docs holds each public item as
-- written, for results and snippets. search_fts indexes its words, cut and folded in
-- Go (no diacritics, đ→d, lower case) and joined by spaces, so the tokenizer has
-- nothing left to decide; it is contentless (the words are not stored twice).
-- The id tells the year and the kind (year·10¹³ + kind·10¹¹ + sequence), so that
-- counting hits per kind and year, filtering by them and taking the newest hits all
-- happen inside the FTS index, without reading a row of search_docs per hit.
CREATE TABLE search_docs (
    id         INTEGER PRIMARY KEY,
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
CREATE TABLE search_seq (
    id INTEGER PRIMARY KEY,
    n  INTEGER NOT NULL
);
INSERT INTO search_seq (id, n) VALUES (1, 0);
CREATE VIRTUAL TABLE search_fts USING fts5(
    title, summary, body,
    content = '', contentless_delete = 1,
    tokenize = 'unicode61 remove_diacritics 0',
    prefix = '2 3'
);

-- +goose Down
DROP TABLE search_fts;
DROP TABLE search_seq;
DROP TABLE search_docs;
