-- Key results as of a date: current value, progress and expected pace in percent (0–100), status,
-- the confidence declared on the latest check-in (shown beside the status, never instead of it),
-- and the "no check-in" and "stale" flags. Days are whole days, both ends counted.
--
-- kr_progress_for(requests) answers many questions at once: requests is a list of
-- {as_of_date, objective_id}, one row per key result of each requested objective, so a report run
-- over hundreds of periods asks only for the objectives each period shows. kr_progress_at(dates)
-- asks for every objective on each date; kr_progress(as_of) for one date.
CREATE OR REPLACE MACRO kr_progress_for(requests) AS TABLE
WITH requested AS (
  -- (SELECT DISTINCT unnest(requests, recursive := true) drops rows in DuckDB 1.5: unnest first.)
  SELECT DISTINCT r.as_of_date::DATE AS as_of_date, r.objective_id FROM (SELECT unnest(requests) AS r)
),
grid AS (
  SELECT r.as_of_date, k.*, o.period_start, o.period_end, o.status AS lifecycle
  FROM requested r JOIN key_results k ON k.objective_id = r.objective_id JOIN objectives o ON o.id = r.objective_id
),
matched AS (
  -- The latest check-in on or before the date (on one date, the later line in the file), and how many.
  SELECT g.as_of_date, g.objective_id, g.kr_id, max_by(c, (c.date, c.line)) AS c, count(*) AS check_ins_so_far
  FROM grid g JOIN check_ins c ON c.objective_id = g.objective_id AND c.kr_id = g.kr_id AND c.date <= g.as_of_date
  GROUP BY g.as_of_date, g.objective_id, g.kr_id
),
latest AS (
  SELECT g.*, m.c.date AS last_check_in, m.c.value AS check_in_value, m.c.confidence, m.c.note,
    m.check_ins_so_far, m.c.path AS check_in_path, m.c.line AS check_in_line
  FROM grid g LEFT JOIN matched m USING (as_of_date, objective_id, kr_id)
),
measured AS (
  SELECT *,
    coalesce(check_in_value, start) AS current,
    -- A target equal to its start has no direction: only the target value itself counts as reached.
    CASE
      WHEN target = start THEN CASE WHEN coalesce(check_in_value, start) = target THEN 100.0 ELSE 0.0 END
      ELSE 100 * clamp(share_of_way(coalesce(check_in_value, start), start, target), 0, 1)
    END AS progress,
    100 * clamp(safe_div(as_of_date - period_start + 1, period_end - period_start + 1), 0, 1) AS expected
  FROM latest
)
SELECT
  as_of_date, objective_id, kr_id, title, unit, weight, start, target, current, progress, expected,
  CASE
    WHEN progress >= 100 THEN 'achieved'
    WHEN expected IS NULL THEN 'no_data'                -- the objective has no period
    WHEN progress >= expected - 10 THEN 'on_track'
    WHEN progress >= expected - 25 THEN 'at_risk'
    ELSE 'off_track'
  END AS status,
  confidence,                                           -- declared on the latest check-in
  last_check_in,
  coalesce(check_ins_so_far, 0) AS check_ins,
  as_of_date - last_check_in AS days_since_check_in,
  last_check_in IS NULL AS no_check_in,
  -- Stale: the objective is active on as_of_date and nothing was checked in for 14 days (counting from
  -- the objective's start when there is no check-in yet). An achieved key result is never stale.
  coalesce(
    lifecycle = 'active' AND as_of_date BETWEEN period_start AND period_end AND progress < 100
      AND as_of_date - coalesce(last_check_in, period_start) >= 14,
    false
  ) AS stale,
  note, path, line, check_in_path, check_in_line, private
FROM measured;

-- Every key result on each of a list of dates, e.g. kr_progress_at([DATE '2025-01-31', DATE '2025-02-28']).
CREATE OR REPLACE MACRO kr_progress_at(dates) AS TABLE
SELECT * FROM kr_progress_for((
  SELECT list({'as_of_date': d.as_of_date, 'objective_id': o.id})
  FROM (SELECT DISTINCT unnest(dates)::DATE AS as_of_date) d CROSS JOIN objectives o
));

-- Key results as of one date, e.g. SELECT * FROM kr_progress(DATE '2025-02-15').
CREATE OR REPLACE MACRO kr_progress(as_of) AS TABLE
SELECT * EXCLUDE (as_of_date) FROM kr_progress_at([as_of::DATE]) ORDER BY objective_id, line;
