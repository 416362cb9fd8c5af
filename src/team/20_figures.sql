-- Every team figure of every window (10_windows.sql), per member (person set) and for the whole
-- team (person NULL), computed from the rows themselves, never from other figures:
--   composite        mean of the member's weekly composite scores (0–100) whose week starts in the
--                    window; each member's composite comes from their own shareable journal
--   billable_pct     100 × Σ billable hours / Σ hours, over the billable CSV's rows dated in the window
--   velocity         mean completed story points per sprint, over the sprints that ended in the window
--   response_minutes mean minutes from opened_at to acknowledged_at, over the incidents opened in the
--                    window and acknowledged (one never acknowledged is counted in `unacknowledged` only)
-- n is the number of rows a figure is made of (weeks, worklogs, sprints, incidents); people the
-- number of members with a row.
CREATE OR REPLACE VIEW team_rows AS
SELECT person, week_start AS date, 'composite' AS metric, composite AS x, NULL::DOUBLE AS y FROM member_weeks WHERE composite IS NOT NULL
UNION ALL
SELECT person, date, 'billable_pct', CASE WHEN billable THEN hours ELSE 0 END, hours FROM billable_hours
UNION ALL
SELECT person, end_date, 'velocity', completed_points, NULL FROM sprints WHERE completed_points IS NOT NULL
UNION ALL
SELECT person, opened_at::DATE, 'response_minutes', epoch(acknowledged_at - opened_at) / 60, NULL FROM incidents WHERE acknowledged_at IS NOT NULL;

CREATE OR REPLACE VIEW team_figures AS
SELECT w.kind, w.label, w.start, w."end", r.person, r.metric,
  CASE WHEN r.metric = 'billable_pct' THEN safe_div(100 * sum(r.x), sum(r.y)) ELSE avg(r.x) END AS value,
  count(*) AS n, count(DISTINCT r.person) AS people
FROM team_windows w JOIN team_rows r ON r.date BETWEEN w.start AND w."end"
GROUP BY GROUPING SETS ((w.kind, w.label, w.start, w."end", r.metric, r.person), (w.kind, w.label, w.start, w."end", r.metric));

-- Incidents never acknowledged, per member and window (they have no response time).
CREATE OR REPLACE VIEW team_unacknowledged AS
SELECT w.kind, w.label, i.person, count(*) AS unacknowledged
FROM team_windows w JOIN incidents i ON i.opened_at::DATE BETWEEN w.start AND w."end"
WHERE i.acknowledged_at IS NULL
GROUP BY ALL;
