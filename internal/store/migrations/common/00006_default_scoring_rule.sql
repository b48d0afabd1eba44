-- +goose Up
-- The usual scoring of the PAR Index criterion on communicating administrative reform:
-- full points for the whole plan done, about half for 80–99 %, none below 80 %. The
-- points a province gives the criterion differ; an administrator sets max_points and
-- the bands to the province's decision.
INSERT INTO scoring_rules (id, code, name, max_points, bands, source, updated_at) VALUES (
    '00000000-0000-7000-8000-000000000001', 'par_communication',
    'Tiêu chí thông tin, tuyên truyền CCHC (Chỉ số CCHC)', 1.0,
    '[{"min_share":1.0,"points":1.0},{"min_share":0.8,"points":0.5},{"min_share":0,"points":0}]',
    'Cách chấm phổ biến của Bộ chỉ số CCHC cấp sở: hoàn thành 100% kế hoạch đạt điểm tối đa, 80% đến dưới 100% đạt một nửa, dưới 80% không đạt',
    CURRENT_TIMESTAMP);

-- +goose Down
DELETE FROM scoring_rules WHERE code = 'par_communication';
