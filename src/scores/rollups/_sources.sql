-- The sources of many periods' figures, hashed in one query (src/scores/sources.ts): for each
-- period of $periods (JSON [{id, start, end}]), a digest of the rows its report and draft are made
-- from, so an up-to-date draft (src/assess/sources.ts) or a report an earlier build computed
-- (src/scores/report.ts) is known before anything is computed. It is written over the shareable
-- rows (src/db/shareable.sql), which drafts read; a site build reads it over every row (the schema
-- `main` in place of `shareable`). A digest is the sum of its rows' hashes (DuckDB's hash() of the
-- whole row) and their count: the order of rows does not matter, and a changed, added or removed
-- row changes it. (A new DuckDB version may hash differently: every draft then takes the slow path
-- once, where its inputs hash finds it up to date and records the new sources hash.)
--
-- A period's sources, each a superset of what its report (src/scores/rollups) and entries
-- (src/assess/entries.ts) read:
-- - dated rows from four weeks with logs before its start to its end: a week's score looks back
--   at the weeks before it (its change from the last week, its four-week trend: 30_weekly_scores.sql);
-- - action items and 1:1 meeting dates up to its end: open items, and the days since the last
--   meeting, carry over from the periods before;
-- - sprints and objectives (with their key results and check-ins) whose dates overlap that window;
-- - a year's self-ratings (its yearly/ file), dated on the year's first day;
-- - every 1:1 series, and the date the journal's git history starts (a win's "written later").
WITH periods AS (
  SELECT * FROM (SELECT unnest(from_json($periods, '[{"id": "VARCHAR", "start": "DATE", "end": "DATE"}]'), recursive := true))
),
data_weeks AS (
  SELECT week_start, lag(week_start, 3) OVER (ORDER BY week_start) AS fourth_back
  FROM (SELECT DISTINCT week_start FROM (SELECT date_trunc('week', date)::DATE AS week_start FROM shareable.days UNION SELECT week_start FROM shareable.weekly_checkins) WHERE week_start IS NOT NULL)
),
windows AS (
  SELECT p.id, p."end", coalesce(w.fourth_back, DATE '0001-01-01') AS "from"
  FROM periods p ASOF LEFT JOIN data_weeks w ON p.start > w.week_start
),
dated AS (
  SELECT date, hash('day', t)::HUGEINT AS h FROM shareable.days t
  UNION ALL SELECT date, hash('win', t)::HUGEINT FROM shareable.wins t
  UNION ALL SELECT date, hash('metric', t)::HUGEINT FROM shareable.metrics t
  UNION ALL SELECT date, hash('feedback', t)::HUGEINT FROM shareable.feedback t
  UNION ALL SELECT date, hash('meeting', t)::HUGEINT FROM shareable.meetings t
  UNION ALL SELECT date, hash('achievement', t)::HUGEINT FROM shareable.achievements t
  UNION ALL SELECT date, hash('check-in', t)::HUGEINT FROM shareable.check_ins t
  UNION ALL SELECT date, hash('commit', t)::HUGEINT FROM shareable.commits t
  UNION ALL SELECT week_start, hash('weekly', t)::HUGEINT FROM shareable.weekly_checkins t
  -- A year's file's self-ratings, on the first day of its year (inside that year's window).
  UNION ALL SELECT try_cast(year || '-01-01' AS DATE), hash('rating', t)::HUGEINT FROM shareable.self_ratings t
  UNION ALL SELECT d.date, hash('history', h)::HUGEINT FROM shareable.entry_history h JOIN shareable.days d USING (path)
),
-- Running sums by date: a window's digest is the sum at its end less the sum before its start.
by_date AS (
  SELECT date, sum(sum(h)) OVER (ORDER BY date) AS h, sum(count(*)) OVER (ORDER BY date) AS n FROM dated WHERE date IS NOT NULL GROUP BY date
),
carried AS (
  SELECT date, sum(sum(h)) OVER (ORDER BY date) AS h, sum(count(*)) OVER (ORDER BY date) AS n
  FROM (
    SELECT coalesce(date, DATE '0001-01-01') AS date, hash('action', t)::HUGEINT AS h FROM shareable.action_items t
    UNION ALL SELECT date, hash('met', series, date)::HUGEINT FROM shareable.meetings WHERE date IS NOT NULL
  )
  GROUP BY date
),
spans AS (
  SELECT coalesce(start_date, end_date, DATE '0001-01-01') AS first, coalesce(end_date, start_date, DATE '9999-12-31') AS last,
    hash('sprint', t)::HUGEINT AS h
  FROM shareable.sprints t
  UNION ALL
  SELECT coalesce(o.period_start, DATE '0001-01-01'), coalesce(o.period_end, DATE '9999-12-31'), r.h
  FROM shareable.objectives o JOIN (
    SELECT id AS objective_id, hash('objective', t)::HUGEINT AS h FROM shareable.objectives t
    UNION ALL SELECT objective_id, hash('kr', t)::HUGEINT FROM shareable.key_results t
    UNION ALL SELECT objective_id, hash('check-in', t)::HUGEINT FROM shareable.check_ins t
  ) r ON r.objective_id = o.id
),
everywhere AS (
  SELECT coalesce(sum(hash('series', t)::HUGEINT), 0) AS h, count(*) AS n,
    (SELECT min(first_written) FROM shareable.entry_history)::VARCHAR AS history_start
  FROM shareable.series t
),
dated_digests AS (
  SELECT w.id, coalesce(upto.h, 0) - coalesce(before.h, 0) AS h, coalesce(upto.n, 0) - coalesce(before.n, 0) AS n
  FROM windows w
  ASOF LEFT JOIN by_date upto ON w."end" >= upto.date
  ASOF LEFT JOIN by_date before ON w."from" > before.date
),
carried_digests AS (
  SELECT w.id, c.h, c.n FROM windows w ASOF JOIN carried c ON w."end" >= c.date
),
span_digests AS (
  SELECT w.id, sum(s.h) AS h, count(*) AS n FROM windows w JOIN spans s ON s.first <= w."end" AND s.last >= w."from" GROUP BY w.id
)
SELECT w.id, concat_ws(' ', coalesce(d.h, 0), coalesce(d.n, 0), coalesce(c.h, 0), coalesce(c.n, 0), coalesce(s.h, 0), coalesce(s.n, 0), e.h, e.n, coalesce(e.history_start, '')) AS digest
FROM windows w
LEFT JOIN dated_digests d USING (id)
LEFT JOIN carried_digests c USING (id)
LEFT JOIN span_digests s USING (id)
CROSS JOIN everywhere e
