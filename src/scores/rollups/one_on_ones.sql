-- Per report period: 1:1s held per series (count of meetings, with the meetings behind it),
-- feedback received (one item per list entry under Feedback), and quiet series (a gap): active
-- series whose last meeting on or before the as-of date is at least twice their cadence ago
-- (weekly 7, biweekly 14, monthly 30 days). A series shows in a period when it met in it, or is
-- active and had met by its end; series with no meeting yet are not counted as quiet.
WITH series_all AS (
  -- Series files, plus folders with meetings but no _series.md.
  SELECT id, person, relationship, cadence, coalesce(active, true) AS active, path, line FROM series
  UNION ALL
  SELECT DISTINCT series, NULL, NULL, NULL, true, NULL, NULL FROM meetings WHERE series NOT IN (SELECT id FROM series)
),
held AS (
  SELECT c.period, m.series, count(*) AS held,
    list_sort(list({'date': m.date, 'path': m.path, 'line': m.line, 'mood': m.mood, 'topics': m.topics, 'private': m.private})) AS meetings
  FROM report_calendar c
  JOIN meetings m ON m.date = c.date
  GROUP BY c.period, m.series
),
last_met AS (
  -- The last meeting of every series on or before each period's as-of date.
  SELECT q.period, q.as_of, q.series, m.date AS last_meeting
  FROM (SELECT p.id AS period, p.as_of, s.id AS series FROM report_periods p CROSS JOIN series_all s) q
  ASOF JOIN (SELECT DISTINCT series, date FROM meetings) m ON m.series = q.series AND q.as_of >= m.date
),
shown AS (
  SELECT l.period, s.*, coalesce(h.held, 0) AS held, coalesce(h.meetings, []) AS meetings,
    l.last_meeting, l.as_of - l.last_meeting AS days_since_meeting,
    s.active AND l.as_of - l.last_meeting >= cadence_days(s.cadence) * 2 AS quiet
  FROM last_met l
  JOIN series_all s ON s.id = l.series
  LEFT JOIN held h ON h.series = l.series AND h.period = l.period
  WHERE h.held IS NOT NULL OR s.active
),
series_rollup AS (
  SELECT period,
    list_sort(list({
      'series': id, 'person': person, 'relationship': relationship, 'cadence': cadence, 'active': active,
      'held': held, 'last_meeting': last_meeting, 'days_since_meeting': days_since_meeting,
      'meetings': meetings, 'path': path, 'line': line
    })) AS one_on_ones,
    list_sort(list({
      'series': id, 'person': person, 'cadence': cadence, 'last_meeting': last_meeting,
      'days_since_meeting': days_since_meeting, 'path': path, 'line': line
    }) FILTER (WHERE quiet)) AS quiet_series
  FROM shown
  GROUP BY period
),
feedback_rollup AS (
  SELECT c.period,
    list_sort(list({'date': f.date, 'path': f.path, 'line': f.line, 'series': f.series, 'text': f.text, 'private': f.private})) AS feedback
  FROM report_calendar c
  JOIN feedback f ON f.date = c.date
  GROUP BY c.period
)
SELECT p.id AS period_id,
  coalesce(s.one_on_ones, []) AS one_on_ones,
  coalesce(f.feedback, []) AS feedback,
  coalesce(s.quiet_series, []) AS quiet_series
FROM report_periods p
LEFT JOIN series_rollup s ON s.period = p.id
LEFT JOIN feedback_rollup f ON f.period = p.id
