-- +goose Up
-- The public search index (internal/search); the same tables as on SQLite, where the
-- design is explained. Keys compare byte by byte (COLLATE "C"), so that a range of
-- keys is every key beginning with a prefix. Containers are at most 2,048 bytes and
-- kept PLAIN: in the row, neither compressed nor moved to TOAST, so reading one is a
-- page read and a copy.
CREATE TABLE search_docs (
    id         BIGINT PRIMARY KEY,
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
    n  BIGINT NOT NULL
);
INSERT INTO search_seq (id, n) VALUES (1, 0);
CREATE TABLE search_bits (
    field SMALLINT NOT NULL,
    key   TEXT COLLATE "C" NOT NULL,
    part  INTEGER NOT NULL,
    bits  BYTEA NOT NULL,
    PRIMARY KEY (field, key, part)
);
ALTER TABLE search_bits ALTER COLUMN bits SET STORAGE PLAIN;

-- +goose Down
DROP TABLE search_bits;
DROP TABLE search_seq;
DROP TABLE search_docs;
