-- Peer comparison per calendar month and figure: each member's figure beside the team's median and
-- their rank (1 = best; for response_minutes the lowest). Only where at least min_comparison_size
-- members have the figure that month: in a smaller group a median or a rank gives a person away.
CREATE OR REPLACE VIEW team_peer_comparison AS
WITH per AS (
  SELECT f.label AS month, f.person, f.metric, f.value, m.lower_is_better
  FROM team_figures f JOIN metrics m USING (metric)
  WHERE f.kind = 'month' AND f.person IS NOT NULL AND f.value IS NOT NULL
),
groups AS (
  SELECT month, metric, count(*) AS people, median(value) AS median FROM per GROUP BY ALL
)
SELECT per.month, per.person, per.metric, per.value, g.median, g.people,
  rank() OVER (PARTITION BY per.month, per.metric ORDER BY CASE WHEN per.lower_is_better THEN per.value ELSE -per.value END) AS rank
FROM per JOIN groups g USING (month, metric)
WHERE g.people >= (SELECT min_comparison_size FROM team_settings);
