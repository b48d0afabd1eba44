-- +goose Up
-- Indicators that rate how an agency serves and governs: the national PAR Index,
-- SIPAS, PAPI and PCI, and any index an agency tracks for itself. An indicator
-- without an owner is the installation's, shared by every agency.
CREATE TABLE indicators (
    id               TEXT PRIMARY KEY,
    code             TEXT NOT NULL,
    name             TEXT NOT NULL,
    short_name       TEXT NOT NULL DEFAULT '',
    publisher        TEXT NOT NULL DEFAULT '',
    unit             TEXT NOT NULL,
    max_value        DOUBLE PRECISION NOT NULL,
    higher_is_better BOOLEAN NOT NULL DEFAULT TRUE,
    owner_agency_id  TEXT REFERENCES agencies(id),
    description      TEXT NOT NULL DEFAULT '',
    row_version      INTEGER NOT NULL DEFAULT 1,
    created_at       TIMESTAMP NOT NULL,
    updated_at       TIMESTAMP NOT NULL
);
-- NULL owners never collide in a plain unique index: the installation's codes are
-- keyed by ''.
CREATE UNIQUE INDEX indicators_code ON indicators (COALESCE(owner_agency_id, ''), code);

-- One value per indicator, measured agency and year: the published result (with
-- the decision or page that published it) or the agency's own self-assessment.
CREATE TABLE indicator_values (
    id             TEXT PRIMARY KEY,
    indicator_id   TEXT NOT NULL REFERENCES indicators(id),
    agency_id      TEXT NOT NULL REFERENCES agencies(id),
    year           INTEGER NOT NULL,
    value          DOUBLE PRECISION NOT NULL,
    rank           INTEGER,
    ranked_of      INTEGER,
    status         TEXT NOT NULL,
    source         TEXT NOT NULL DEFAULT '',
    source_url     TEXT NOT NULL DEFAULT '',
    library_doc_id TEXT REFERENCES library_docs(id),
    published_on   DATE,
    row_version    INTEGER NOT NULL DEFAULT 1,
    created_at     TIMESTAMP NOT NULL,
    updated_at     TIMESTAMP NOT NULL,
    UNIQUE (indicator_id, agency_id, year)
);
CREATE INDEX indicator_values_agency ON indicator_values(agency_id, year);

-- What an agency aims for in a year: a value, a rank, or both.
CREATE TABLE indicator_targets (
    id           TEXT PRIMARY KEY,
    indicator_id TEXT NOT NULL REFERENCES indicators(id),
    agency_id    TEXT NOT NULL REFERENCES agencies(id),
    year         INTEGER NOT NULL,
    value        DOUBLE PRECISION,
    rank         INTEGER,
    note         TEXT NOT NULL DEFAULT '',
    row_version  INTEGER NOT NULL DEFAULT 1,
    created_at   TIMESTAMP NOT NULL,
    updated_at   TIMESTAMP NOT NULL,
    UNIQUE (indicator_id, agency_id, year)
);

-- The plan topics meant to move an indicator. topic_id has no foreign key on
-- purpose: saving a draft plan deletes its topic rows and writes them again with
-- the same ids, which a foreign key would refuse (or, cascading, would drop the
-- links). Readers join plan_topics, so the link of a topic that was removed is
-- simply not shown.
CREATE TABLE topic_indicators (
    topic_id     TEXT NOT NULL,
    indicator_id TEXT NOT NULL REFERENCES indicators(id),
    PRIMARY KEY (topic_id, indicator_id)
);
CREATE INDEX topic_indicators_indicator ON topic_indicators(indicator_id);

-- The four indices the yearly communication plans name. Results for year N are
-- published around April of N+1.
INSERT INTO indicators (id, code, name, short_name, publisher, unit, max_value, higher_is_better, description, created_at, updated_at) VALUES
('00000000-0000-7000-8000-000000000101', 'PAR_INDEX', 'Chỉ số cải cách hành chính', 'PAR Index', 'Bộ Nội vụ', 'percent', 100, TRUE,
 'Kết quả cải cách hành chính hằng năm của các bộ và tỉnh, thành phố, do Ban Chỉ đạo Cải cách hành chính của Chính phủ công bố (Bộ Nội vụ chủ trì). Tỉnh, thành phố cũng xác định Chỉ số của các sở, ban, ngành theo bộ tiêu chí của mình.',
 CURRENT_TIMESTAMP, CURRENT_TIMESTAMP),
('00000000-0000-7000-8000-000000000102', 'SIPAS', 'Chỉ số hài lòng của người dân, tổ chức đối với sự phục vụ của cơ quan hành chính nhà nước', 'SIPAS', 'Bộ Nội vụ', 'percent', 100, TRUE,
 'Tỷ lệ hài lòng của người dân, tổ chức khi giải quyết thủ tục hành chính, đo bằng điều tra xã hội học do Bộ Nội vụ chủ trì.',
 CURRENT_TIMESTAMP, CURRENT_TIMESTAMP),
('00000000-0000-7000-8000-000000000103', 'PAPI', 'Chỉ số hiệu quả quản trị và hành chính công cấp tỉnh', 'PAPI', 'CECODES, UNDP', 'points', 80, TRUE,
 'Tám chỉ số nội dung, mỗi chỉ số tối đa 10 điểm, từ khảo sát ý kiến người dân; công bố hằng năm.',
 CURRENT_TIMESTAMP, CURRENT_TIMESTAMP),
('00000000-0000-7000-8000-000000000104', 'PCI', 'Chỉ số năng lực cạnh tranh cấp tỉnh', 'PCI', 'VCCI', 'points', 100, TRUE,
 'Chất lượng điều hành kinh tế của chính quyền tỉnh, thành phố theo cảm nhận của doanh nghiệp; thang điểm 100.',
 CURRENT_TIMESTAMP, CURRENT_TIMESTAMP);

-- +goose Down
DROP TABLE topic_indicators;
DROP TABLE indicator_targets;
DROP TABLE indicator_values;
DROP TABLE indicators;
