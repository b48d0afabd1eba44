-- +goose Up
-- The figures of a plan (dashboard, reports) add up its results by activity, unit and
-- status over a span of days. An index holding every column they read answers that
-- from the index alone, without a seek into the table for each of a year's results.
CREATE INDEX results_plan_figures ON results(plan_id, done_on, activity_id, agency_id, status, quantity, attendees, updated_at, created_at);

-- +goose Down
DROP INDEX results_plan_figures;
