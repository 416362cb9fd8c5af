-- Per report period: the metrics read from wins. Money is summed per currency (currency units);
-- durations are summed as time saved (minutes); before → after pairs are listed with their change
-- as a fraction, (after − before) / before (null when before is 0); percentages are listed.
-- Every figure keeps the ids of the wins it came from. Lists are ordered by list_sort on their
-- leading fields (faster than ordered aggregates).
WITH period_metrics AS (
  SELECT c.period, m.*
  FROM report_calendar c
  JOIN metrics m ON m.date = c.date
),
money AS (
  SELECT period, list_sort(list({'currency': unit, 'total': total, 'count': n, 'win_ids': win_ids})) AS money
  FROM (
    SELECT period, unit, sum(value) AS total, count(*) AS n, list_sort(list_distinct(list(win_id))) AS win_ids
    FROM period_metrics WHERE kind = 'money' GROUP BY period, unit
  )
  GROUP BY period
),
rest AS (
  SELECT period,
    sum(value) FILTER (WHERE kind = 'duration') AS time_saved_minutes,
    count(*) FILTER (WHERE kind = 'duration') AS time_saved_count,
    list_sort(list_distinct(list(win_id) FILTER (WHERE kind = 'duration'))) AS time_saved_win_ids,
    list_sort(list({
      'date': date, 'path': path, 'line': line, 'column': "column", 'win_id': win_id, 'text': text, 'before': before,
      'after': after, 'unit': unit, 'change': safe_div(after - before, before), 'private': private
    }) FILTER (WHERE kind = 'before_after')) AS changes,
    list_sort(list({
      'date': date, 'path': path, 'line': line, 'column': "column", 'win_id': win_id, 'text': text, 'value': value,
      'private': private
    }) FILTER (WHERE kind = 'percent')) AS percents
  FROM period_metrics
  GROUP BY period
)
SELECT p.id AS period_id,
  {
    'money': coalesce(m.money, []),
    'time_saved': {
      'minutes': r.time_saved_minutes, 'count': coalesce(r.time_saved_count, 0), 'win_ids': coalesce(r.time_saved_win_ids, [])
    },
    'changes': coalesce(r.changes, []),
    'percents': coalesce(r.percents, [])
  } AS metrics
FROM report_periods p
LEFT JOIN money m ON m.period = p.id
LEFT JOIN rest r ON r.period = p.id
