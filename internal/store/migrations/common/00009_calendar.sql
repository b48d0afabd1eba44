-- +goose Up
-- The holiday calendar is data, one row a day: public holidays, days off in lieu and
-- the government's swaps of a working day for a Saturday. The first time a year is
-- needed, the days the Labour Code's rules give are written (generated = TRUE) and
-- holiday_years records it; an administrator then enters the year's notice. A year's
-- version changes with every edit, so that each instance knows its cache is stale.
CREATE TABLE holiday_years (
    year         INTEGER PRIMARY KEY,
    version      INTEGER NOT NULL,
    generated_at TIMESTAMP NOT NULL
);

-- falls_on is unique: a day has one entry, whatever overlaps is refused.
CREATE TABLE holidays (
    id         TEXT PRIMARY KEY,
    year       INTEGER NOT NULL REFERENCES holiday_years(year),
    falls_on   DATE NOT NULL UNIQUE,
    kind       TEXT NOT NULL,
    name       TEXT NOT NULL,
    source     TEXT NOT NULL DEFAULT '',
    generated  BOOLEAN NOT NULL DEFAULT FALSE,
    created_by TEXT REFERENCES users(id),
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX holidays_year ON holidays(year, falls_on);

-- When periodic reports are due, per reporting relation: offset_days working days
-- after (negative: before) the period's cut-off or a fixed day of its last month,
-- for the period kinds listed (a JSON array). A rule may be narrowed to reports from
-- one agency or from agencies of one kind.
CREATE TABLE deadline_rules (
    id               TEXT PRIMARY KEY,
    relation         TEXT NOT NULL,
    from_agency_kind TEXT NOT NULL DEFAULT '',
    from_agency_id   TEXT REFERENCES agencies(id),
    period_kinds     TEXT NOT NULL,
    base             TEXT NOT NULL,
    day_of_month     INTEGER NOT NULL DEFAULT 0,
    offset_days      INTEGER NOT NULL DEFAULT 0,
    description      TEXT NOT NULL DEFAULT '',
    row_version      INTEGER NOT NULL DEFAULT 1,
    updated_at       TIMESTAMP NOT NULL
);
CREATE INDEX deadline_rules_relation ON deadline_rules(relation);

-- The ministry's deadline is the one the Ministry of Home Affairs' guidance sets; the
-- other two are typical local rules an administrator sets to the province's and the
-- agency's own documents.
INSERT INTO deadline_rules (id, relation, period_kinds, base, day_of_month, offset_days, description, updated_at) VALUES
    ('00000000-0000-7000-8000-000000000201', 'ministry', '["Q1","H1","Q3","9M","Y"]', 'fixed_day_of_month', 20, 0,
     'Tỉnh, thành phố gửi Bộ Nội vụ: ngày 20 của tháng cuối kỳ báo cáo (hướng dẫn của Bộ Nội vụ); trùng ngày nghỉ thì lùi sang ngày làm việc kế tiếp.',
     CURRENT_TIMESTAMP),
    ('00000000-0000-7000-8000-000000000202', 'department_to_home_affairs', '["Q1","H1","Q3","9M","Y"]', 'cutoff', 0, 2,
     'Sở, ban, ngành gửi Sở Nội vụ: 2 ngày làm việc sau ngày chốt số liệu. Đây là mốc thường gặp, không phải quy định chung: sửa theo văn bản của tỉnh.',
     CURRENT_TIMESTAMP),
    ('00000000-0000-7000-8000-000000000203', 'unit_to_office', '["Q1","H1","Q3","9M","Y"]', 'cutoff', 0, -2,
     'Đơn vị trực thuộc gửi Văn phòng: 2 ngày làm việc trước ngày chốt số liệu, để Văn phòng kịp tổng hợp. Sửa theo quy định của cơ quan.',
     CURRENT_TIMESTAMP);

-- +goose Down
DROP TABLE deadline_rules;
DROP TABLE holidays;
DROP TABLE holiday_years;
