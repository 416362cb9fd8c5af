-- Shared inputs of the period rollups, built once per run from report_periods (_periods.sql).

-- Every day of every period up to its as-of date, and whether it is a configured work day.
CREATE OR REPLACE TEMP TABLE report_calendar AS
SELECT p.id AS period, p.kind, (p.start_date + i::INTEGER)::DATE AS date, is_work_day((p.start_date + i::INTEGER)::DATE, s.work_isodows) AS work_day
FROM report_periods p, settings s, range(0, greatest(p.as_of - p.start_date + 1, 0)) r(i);
