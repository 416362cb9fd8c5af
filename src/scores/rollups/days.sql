-- Per report period: the period itself, the daily logs in it (the rows behind every daily figure)
-- and coverage. Counts are days; hours are summed hours; coverage is the fraction (0–1) of the
-- period's work days, up to the as-of date, that have a log. missing_days lists those work days
-- without a log (a gap).
WITH win_counts AS (
  SELECT path, count(*) AS wins FROM wins GROUP BY path
),
logged AS (
  SELECT c.period, c.work_day, d.*, coalesce(w.wins, 0) AS wins
  FROM report_calendar c
  JOIN days d ON d.date = c.date
  LEFT JOIN win_counts w ON w.path = d.path
),
day_rollup AS (
  SELECT period,
    count(DISTINCT date) AS logged_days,
    count(DISTINCT date) FILTER (WHERE work_day) AS logged_work_days,
    sum(hours) AS hours, sum(deep_work) AS deep_work, sum(meeting_hours) AS meeting_hours,
    -- list_sort orders by the leading fields (date, path): faster than an ordered aggregate.
    list_sort(list({
      'date': date, 'path': path, 'line': line, 'week': week, 'weekday': isodow(date), 'work_day': work_day,
      'hours': hours, 'deep_work': deep_work, 'meeting_hours': meeting_hours, 'energy': energy, 'stress': stress,
      'balance': balance, 'mood': mood, 'wins': wins, 'private': private
    })) AS days
  FROM logged
  GROUP BY period
),
work_rollup AS (
  SELECT c.period, count(*) AS work_days,
    coalesce(list_sort(list(c.date) FILTER (WHERE d.date IS NULL)), []) AS missing_days
  FROM report_calendar c
  LEFT JOIN (SELECT DISTINCT date FROM days) d ON d.date = c.date
  WHERE c.work_day
  GROUP BY c.period
)
SELECT p.id AS period_id,
  {
    'kind': p.kind, 'id': p.id, 'start': p.start_date, 'end': p.end_date, 'as_of': p.as_of,
    'complete': p.as_of = p.end_date
  } AS period,
  {
    'work_days': coalesce(w.work_days, 0),
    'logged_days': coalesce(d.logged_days, 0),
    'logged_work_days': coalesce(d.logged_work_days, 0),
    'coverage': safe_div(coalesce(d.logged_work_days, 0), w.work_days),
    'hours': d.hours, 'deep_work': d.deep_work, 'meeting_hours': d.meeting_hours
  } AS coverage,
  coalesce(d.days, []) AS days,
  coalesce(w.missing_days, []) AS missing_days
FROM report_periods p
LEFT JOIN day_rollup d ON d.period = p.id
LEFT JOIN work_rollup w ON w.period = p.id
