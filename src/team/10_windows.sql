-- The periods team figures are computed over, one row each: kind 'week' (ISO weeks), 'month'
-- (calendar months), and per policy 'before' (its baseline_months whole months before it started),
-- 'during' (its start to its end, or to as_of) and 'policy_month' (each calendar month of the
-- policy, cut to the days the policy was in force). Weeks and months run from the first dated row of
-- any member to as_of. Dates are DATE; label is e.g. "2026-W10", "2026-03", "4x10" or "4x10/2026-03".
CREATE OR REPLACE VIEW team_dates AS
SELECT min(d) AS first_day, (SELECT as_of FROM team_settings) AS last_day
FROM (
  SELECT week_start AS d FROM member_weeks UNION ALL SELECT date FROM billable_hours
  UNION ALL SELECT end_date FROM sprints UNION ALL SELECT opened_at::DATE FROM incidents
);

CREATE OR REPLACE VIEW team_windows AS
WITH weeks AS (
  SELECT 'week' AS kind, iso_week(w::DATE) AS label, w::DATE AS start, (w + INTERVAL 6 DAY)::DATE AS "end"
  FROM team_dates, generate_series(iso_week_start(first_day)::TIMESTAMP, last_day::TIMESTAMP, INTERVAL 7 DAY) g(w)
  WHERE first_day IS NOT NULL
),
months AS (
  SELECT 'month' AS kind, strftime(m, '%Y-%m') AS label, m::DATE AS start, (m + INTERVAL 1 MONTH - INTERVAL 1 DAY)::DATE AS "end"
  FROM team_dates, generate_series(date_trunc('month', first_day)::TIMESTAMP, last_day::TIMESTAMP, INTERVAL 1 MONTH) g(m)
  WHERE first_day IS NOT NULL
),
policy_spans AS (
  SELECT p.*, least(coalesce(p."end", s.as_of), s.as_of) AS until FROM policies p, team_settings s
)
SELECT * FROM weeks
UNION ALL SELECT * FROM months
UNION ALL
SELECT 'before', policy, (date_trunc('month', start) - to_months(baseline_months))::DATE, (start - 1)::DATE FROM policy_spans
UNION ALL
SELECT 'during', policy, start, until FROM policy_spans WHERE until >= start
UNION ALL
SELECT 'policy_month', p.policy || '/' || m.label, greatest(m.start, p.start), least(m."end", p.until)
FROM policy_spans p JOIN months m ON m.start <= p.until AND m."end" >= p.start;
