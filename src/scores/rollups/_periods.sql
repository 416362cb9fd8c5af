-- The periods of one report run, from $periods (JSON: [{kind, id, start, end}]) and $as_of, the
-- run's as-of date. A period's as_of is the last day whose entries count: its last day, or the
-- run's as-of date when that is earlier (before start_date for a period that has not begun).
CREATE OR REPLACE TEMP TABLE report_periods AS
SELECT kind, id, start AS start_date, "end" AS end_date,
  least("end", $as_of::DATE) AS as_of,
  $as_of::DATE AS report_as_of
FROM (
  SELECT unnest(from_json($periods, '[{"kind": "VARCHAR", "id": "VARCHAR", "start": "DATE", "end": "DATE"}]'), recursive := true)
)
