-- The weekly traffic light per member. Each figure of the week that has a threshold gets a level:
-- green at or above thresholds.<metric>.green, yellow at or above .yellow, else red (for
-- response_minutes, lower is better: at or below). computed = the worst level of the week's
-- figures (no_data when none has one); status = the manager's override from the week's note when
-- it sets one, else computed. An alert is every figure at yellow or red, override or not: the
-- numbers stay what they are.
CREATE OR REPLACE VIEW team_levels AS
SELECT f.kind, f.label, f.start, f.person, f.metric, f.value, f.n, t.green, t.yellow, t.lower_is_better,
  CASE
    WHEN t.metric IS NULL OR f.value IS NULL THEN NULL
    WHEN t.lower_is_better THEN CASE WHEN f.value <= t.green THEN 'green' WHEN f.value <= t.yellow THEN 'yellow' ELSE 'red' END
    ELSE CASE WHEN f.value >= t.green THEN 'green' WHEN f.value >= t.yellow THEN 'yellow' ELSE 'red' END
  END AS level
FROM team_figures f LEFT JOIN thresholds t USING (metric)
WHERE f.person IS NOT NULL;

CREATE OR REPLACE MACRO level_rank(level) AS CASE level WHEN 'green' THEN 1 WHEN 'yellow' THEN 2 WHEN 'red' THEN 3 ELSE 0 END;

CREATE OR REPLACE VIEW team_weekly_status AS
WITH computed AS (
  SELECT person, label AS week, start AS week_start,
    CASE max(level_rank(level)) WHEN 3 THEN 'red' WHEN 2 THEN 'yellow' WHEN 1 THEN 'green' ELSE 'no_data' END AS computed
  FROM team_levels WHERE kind = 'week'
  GROUP BY ALL
),
keys AS (
  SELECT person, week, week_start FROM computed
  UNION SELECT person, week, week_start FROM notes WHERE week_start <= (SELECT as_of FROM team_settings)
)
SELECT k.person, k.week, k.week_start, coalesce(c.computed, 'no_data') AS computed, n.status AS override,
  coalesce(n.status, c.computed, 'no_data') AS status, n.text AS note, n.path AS note_path
FROM keys k
LEFT JOIN computed c USING (person, week)
LEFT JOIN notes n USING (person, week);

CREATE OR REPLACE VIEW team_alerts AS
SELECT l.person, l.label AS week, l.start AS week_start, l.metric, l.value, l.level, l.green, l.yellow, l.lower_is_better, s.override
FROM team_levels l JOIN team_weekly_status s ON s.person = l.person AND s.week = l.label
WHERE l.kind = 'week' AND l.level IN ('yellow', 'red');

-- Flagged members: the status of their latest week up to as_of (override included) is yellow or
-- red. Only they get coaching drafts.
CREATE OR REPLACE VIEW team_flagged AS
SELECT person, week, status, computed, override
FROM team_weekly_status
WHERE status <> 'no_data'
QUALIFY row_number() OVER (PARTITION BY person ORDER BY week_start DESC) = 1 AND status IN ('yellow', 'red');
