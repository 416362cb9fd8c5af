-- Per report period: wins (list items under a daily log's Wins) and achievements (STAR write-ups).
-- Counts are wins. A win is tied to an objective when it links one, or its day's okrs is non-empty;
-- a highlight is a win tagged #highlight, or an achievement with highlight: true. Weeks and ranges
-- list every win; quarters and years list their highlights (every win is in its week's report).
-- Lists are ordered by list_sort on their leading fields (date, path, line): much faster than an
-- ordered aggregate over hundreds of periods.
WITH period_wins AS (
  SELECT c.period, c.kind, w.*, len(w.objective_ids) > 0 OR len(d.okrs) > 0 AS tied
  FROM report_calendar c
  JOIN wins w ON w.date = c.date
  LEFT JOIN days d ON d.path = w.path
),
win_rollup AS (
  SELECT period,
    count(*) AS count,
    count(*) FILTER (WHERE highlight) AS highlights,
    count(*) FILTER (WHERE tied) AS tied,
    list_sort(list({
      'date': date, 'path': path, 'line': line, 'id': id, 'text': text, 'tags': tags, 'highlight': highlight,
      'objective_ids': objective_ids, 'kr_refs': kr_refs, 'tied': coalesce(tied, false), 'private': private
    }) FILTER (WHERE highlight OR kind IN ('week', 'range'))) AS items
  FROM period_wins
  GROUP BY period
),
achievement_rollup AS (
  SELECT c.period,
    list_sort(list({
      'date': a.date, 'id': a.id, 'path': a.path, 'line': a.line, 'title': a.title, 'highlight': a.highlight,
      'dimensions': a.dimensions, 'skills': a.skills, 'okrs': a.okrs,
      'metric': CASE WHEN a.metric_name IS NOT NULL THEN {
        'name': a.metric_name, 'unit': a.metric_unit, 'before': a.metric_before, 'after': a.metric_after,
        'value': a.metric_value, 'change': safe_div(a.metric_after - a.metric_before, a.metric_before)
      } END,
      'private': a.private
    })) AS achievements
  FROM report_calendar c
  JOIN achievements a ON a.date = c.date
  GROUP BY c.period
)
SELECT p.id AS period_id,
  {
    'count': coalesce(w.count, 0), 'highlights': coalesce(w.highlights, 0), 'tied': coalesce(w.tied, 0),
    'listed': CASE WHEN p.kind IN ('week', 'range') THEN 'all' ELSE 'highlights' END,
    'items': coalesce(w.items, [])
  } AS wins,
  coalesce(a.achievements, []) AS achievements
FROM report_periods p
LEFT JOIN win_rollup w ON w.period = p.id
LEFT JOIN achievement_rollup a ON a.period = p.id
