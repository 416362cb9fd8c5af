-- Objectives as of a date: progress in percent (0–100) as the weighted mean of their key results'
-- progress (weights default 1), expected pace in percent, and status: the worst key-result status
-- (off_track < at_risk < on_track < achieved), so "achieved" only when every key result is.
-- An objective without key results has null progress and status no_data.
--
-- Each row carries its key results (kr_progress_for rows) in `key_results`, ordered as written.
-- As with key results: objective_progress_for(requests) takes a list of {as_of_date, objective_id},
-- objective_progress_at(dates) every objective on each date, objective_progress(as_of) one date.
CREATE OR REPLACE MACRO objective_progress_for(requests) AS TABLE
WITH requested AS (
  -- (SELECT DISTINCT unnest(requests, recursive := true) drops rows in DuckDB 1.5: unnest first.)
  SELECT DISTINCT r.as_of_date::DATE AS as_of_date, r.objective_id FROM (SELECT unnest(requests) AS r)
),
krs AS (
  SELECT * FROM kr_progress_for(requests)
)
SELECT
  a.as_of_date, o.id AS objective_id, o.title, o.quarter, o.period_start, o.period_end,
  o.status AS lifecycle,                                 -- as written: draft, active, achieved, missed, cancelled
  safe_div(sum(k.progress * k.weight), sum(k.weight)) AS progress,
  100 * clamp(safe_div(a.as_of_date - o.period_start + 1, o.period_end - o.period_start + 1), 0, 1) AS expected,
  CASE WHEN count(k.kr_id) = 0 THEN 'no_data' ELSE arg_max(k.status, status_rank(k.status)) END AS status,
  count(k.kr_id) AS key_result_count,
  count(k.kr_id) FILTER (WHERE k.stale) AS stale_count,
  count(k.kr_id) FILTER (WHERE k.no_check_in) AS no_check_in_count,
  -- Ordered by line through list_sort on a {line, kr} wrapper: faster than an ordered aggregate.
  coalesce(list_transform(list_sort(list({'line': k.line, 'kr': k}) FILTER (WHERE k.kr_id IS NOT NULL)), x -> x.kr), []) AS key_results,
  o.path, o.line, o.private
FROM requested a
JOIN objectives o ON o.id = a.objective_id
LEFT JOIN krs k ON k.objective_id = o.id AND k.as_of_date = a.as_of_date
GROUP BY ALL;

CREATE OR REPLACE MACRO objective_progress_at(dates) AS TABLE
SELECT * FROM objective_progress_for((
  SELECT list({'as_of_date': d.as_of_date, 'objective_id': o.id})
  FROM (SELECT DISTINCT unnest(dates)::DATE AS as_of_date) d CROSS JOIN objectives o
));

-- Objectives as of one date, e.g. SELECT * FROM objective_progress(DATE '2025-02-15').
CREATE OR REPLACE MACRO objective_progress(as_of) AS TABLE
SELECT * EXCLUDE (as_of_date) FROM objective_progress_at([as_of::DATE]) ORDER BY objective_id;
