-- +goose Up
-- One counter that every publishing write moves on: each app instance compares it
-- with the one its cache of public pages was filled at, and empties the cache when it
-- has moved (PostgreSQL also announces the move with NOTIFY loa_public).
CREATE TABLE site_generation (
    id          INTEGER PRIMARY KEY,
    generation  BIGINT NOT NULL,
    changed_at  TIMESTAMP NOT NULL
);
INSERT INTO site_generation (id, generation, changed_at) VALUES (1, 1, CURRENT_TIMESTAMP);

-- +goose Down
DROP TABLE site_generation;
