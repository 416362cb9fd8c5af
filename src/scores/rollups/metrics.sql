-- Per report period: the metrics read from wins, added only like with like (docs/scoring.md,
-- "Metrics"). Money saved is summed per currency in two totals: a year (savings a month × 12 plus
-- savings a year) and one-off; costs, targets, other amounts and savings over several years are
-- never added. Time saved is the minutes saved by before → after changes of a duration (not
-- latencies); durations (windows and spans) and time savings written as such ("saving 2h a week",
-- "45 minutes per release": no common basis) are never added. Before → after pairs are listed with
-- their change as a fraction, (after − before) / before (null when before is 0); percentages (rates
-- and changes given as a percent) are listed. Every total keeps the ids of the wins behind it.
-- Lists are ordered by list_sort on their leading fields (faster than ordered aggregates).
WITH period_metrics AS (
  SELECT c.period, m.*
  FROM report_calendar c
  JOIN metrics m ON m.date = c.date
),
savings AS (
  SELECT period, unit, 'per_year' AS basis, per_year AS amount, win_id
  FROM period_metrics WHERE kind = 'saving' AND per IN ('month', 'year') AND unit NOT IN ('ms', 's', 'min', 'h')
  UNION ALL
  SELECT period, unit, 'one_off', value, win_id
  FROM period_metrics WHERE kind = 'saving' AND per = 'once' AND unit NOT IN ('ms', 's', 'min', 'h')
),
money AS (
  SELECT period, list_sort(list({'currency': unit, 'basis': basis, 'total': total, 'count': n, 'win_ids': win_ids})) AS money
  FROM (
    SELECT period, unit, basis, sum(amount) AS total, count(*) AS n, list_sort(list_distinct(list(win_id))) AS win_ids
    FROM savings GROUP BY period, unit, basis
  )
  GROUP BY period
),
rest AS (
  SELECT period,
    sum(minutes_saved) AS time_saved_minutes,
    count(minutes_saved) AS time_saved_count,
    list_sort(list_distinct(list(win_id) FILTER (WHERE minutes_saved IS NOT NULL))) AS time_saved_win_ids,
    list_sort(list({
      'date': date, 'path': path, 'line': line, 'column': "column", 'win_id': win_id, 'text': text, 'before': before,
      'after': after, 'unit': unit, 'direction': direction, 'change': change, 'minutes_saved': minutes_saved,
      'private': private
    }) FILTER (WHERE kind = 'change' AND before IS NOT NULL)) AS changes,
    list_sort(list({
      'date': date, 'path': path, 'line': line, 'column': "column", 'win_id': win_id, 'text': text, 'value': value,
      'kind': kind, 'direction': direction, 'private': private
    }) FILTER (WHERE unit = '%' AND before IS NULL)) AS percents
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
