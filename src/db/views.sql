-- Views over the journal's tables, made with them on every load (checks.sql and the scores use them).

-- Every name a wiki link may point at: days, objectives (id and its last part), 1:1 series, achievements.
CREATE OR REPLACE VIEW link_targets AS
  SELECT strftime(date, '%Y-%m-%d') AS name FROM days
  UNION SELECT id FROM objectives UNION SELECT split_part(id, '/', -1) FROM objectives
  UNION SELECT id FROM series UNION SELECT id FROM achievements;

-- Runs of logged days with no gap of more than a year. A run is real when it is the only one, or
-- holds at least 3 days and 2% of all logged days; the others are outliers (a stray 2006 file in a
-- 2022 journal, a typo'd year), reported as date-outlier.
CREATE OR REPLACE VIEW day_clusters AS
WITH logged AS (SELECT DISTINCT date FROM days),
marked AS (SELECT date, CASE WHEN date - lag(date) OVER (ORDER BY date) > 365 THEN 1 ELSE 0 END AS brk FROM logged),
numbered AS (SELECT date, sum(brk) OVER (ORDER BY date) AS cluster FROM marked),
sized AS (SELECT cluster, count(*) AS n, min(date) AS first, max(date) AS last FROM numbered GROUP BY cluster)
SELECT cluster, n, first, last,
  (SELECT count(*) FROM sized) = 1 OR n >= greatest(3, 0.02 * (SELECT count(*) FROM logged)) AS real
FROM sized;

-- The journal's span: from the first day of the first month holding real entries to the last real
-- day. Week pages and gaps count from first_month; null when there are no logs.
CREATE OR REPLACE VIEW journal_span AS
SELECT date_trunc('month', min(first))::DATE AS first_month, max(last) AS last_day FROM day_clusters WHERE real;
