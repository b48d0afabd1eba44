-- +goose Up
-- The public search index (internal/search); the same tables on PostgreSQL.
-- search_docs holds each public item as written, for results and snippets. Its id
-- tells the year and the kind (year·10¹³ + kind·10¹¹ + sequence).
--
-- search_bits is an inverted index of bitmaps, written and read by Go: for each key
-- (a folded word, a pair of words that stand together in one field, a word of the
-- title, a word of the summary, a year and kind) and each part of 16,384 sequence
-- numbers, the set of docs that hold it — a sorted array of 16-bit offsets when few,
-- else a 2,048-byte bitmap. A search reads the few rows of its words and intersects,
-- counts and orders them in Go in microseconds, where an FTS engine steps through
-- every matching doc of every word. Both engines hold the same bytes, so they find
-- the same docs.
CREATE TABLE search_docs (
    id         INTEGER PRIMARY KEY,
    kind       TEXT NOT NULL,
    ref        TEXT NOT NULL,
    year       INTEGER NOT NULL DEFAULT 0,
    date       TIMESTAMP,
    lang       TEXT NOT NULL DEFAULT '',
    url        TEXT NOT NULL DEFAULT '',
    title      TEXT NOT NULL,
    summary    TEXT NOT NULL DEFAULT '',
    body       TEXT NOT NULL DEFAULT '',
    UNIQUE (ref, kind) -- ref first: a batch looks up many refs of one kind
);
CREATE TABLE search_seq (
    id INTEGER PRIMARY KEY,
    n  INTEGER NOT NULL
);
INSERT INTO search_seq (id, n) VALUES (1, 0);
CREATE TABLE search_bits (
    field INTEGER NOT NULL,
    key   TEXT NOT NULL,
    part  INTEGER NOT NULL,
    bits  BLOB NOT NULL,
    PRIMARY KEY (field, key, part)
) WITHOUT ROWID;

-- +goose Down
DROP TABLE search_bits;
DROP TABLE search_seq;
DROP TABLE search_docs;
