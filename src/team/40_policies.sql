-- Policy changes judged by their rules, per calendar month of the policy and over the whole of it:
-- the team's figure in the before window (10_windows.sql) against the figure during (a month, cut
-- to the policy's days, or the whole span). A rule is broken when during < at_least, during >
-- at_most, or the worsening exceeds max_worsening_pct, where worsening = 100 × (before − during) /
-- before for figures where higher is better and 100 × (during − before) / before where lower is
-- better (response_minutes). A rule whose figure is missing on either side is unknown (broken NULL).
-- The recommendation is the policy's if_broken when any rule is broken, its if_held when every rule
-- holds, and NULL while a rule is unknown and none is broken.
CREATE OR REPLACE VIEW team_policy_rules AS
WITH periods AS (
  SELECT p.policy, w.label AS period, w.kind, w.start, w."end"
  FROM policies p JOIN team_windows w ON (w.kind = 'policy_month' AND w.label LIKE p.policy || '/%') OR (w.kind = 'during' AND w.label = p.policy)
)
SELECT pe.policy, CASE WHEN pe.kind = 'during' THEN 'during' ELSE split_part(pe.period, '/', 2) END AS period,
  pe.start, pe."end", r.ordinal, r.metric, r.at_least, r.at_most, r.max_worsening_pct,
  b.value AS before, d.value AS during,
  100 * safe_div(CASE WHEN m.lower_is_better THEN d.value - b.value ELSE b.value - d.value END, b.value) AS worsening_pct,
  CASE
    WHEN d.value IS NULL OR (r.max_worsening_pct IS NOT NULL AND b.value IS NULL) THEN NULL
    ELSE coalesce(d.value < r.at_least, false) OR coalesce(d.value > r.at_most, false)
      OR coalesce(100 * safe_div(CASE WHEN m.lower_is_better THEN d.value - b.value ELSE b.value - d.value END, b.value) > r.max_worsening_pct, false)
  END AS broken
FROM periods pe
JOIN policy_rules r USING (policy)
JOIN metrics m USING (metric)
LEFT JOIN team_figures b ON b.kind = 'before' AND b.label = pe.policy AND b.metric = r.metric AND b.person IS NULL
LEFT JOIN team_figures d ON d.kind = pe.kind AND d.label = pe.period AND d.metric = r.metric AND d.person IS NULL;

CREATE OR REPLACE VIEW team_policy_recommendations AS
SELECT p.policy, p.name, r.period, min(r.start) AS start, max(r."end") AS "end",
  count(*) FILTER (WHERE r.broken) AS broken_rules, count(*) FILTER (WHERE r.broken IS NULL) AS unknown_rules,
  CASE WHEN count(*) FILTER (WHERE r.broken) > 0 THEN p.if_broken
       WHEN count(*) FILTER (WHERE r.broken IS NULL) = 0 THEN p.if_held END AS recommendation
FROM policies p JOIN team_policy_rules r USING (policy)
GROUP BY p.policy, p.name, r.period, p.if_broken, p.if_held;

-- Every figure before and during each policy, per member and for the team (person NULL), rules or not.
CREATE OR REPLACE VIEW team_policy_figures AS
SELECT p.policy, f.kind, f.label, f.person, f.metric, f.value, f.n
FROM policies p JOIN team_figures f ON (f.kind IN ('before', 'during') AND f.label = p.policy) OR (f.kind = 'policy_month' AND f.label LIKE p.policy || '/%');
