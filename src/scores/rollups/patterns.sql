-- Per report period, work patterns from the daily logs (SCORING.md "Work patterns"):
--   weekdays: mean deep work (hours) and energy (1–5) per ISO weekday, with how many days and weeks;
--   meetings_vs_energy, meetings_vs_deep_work: Pearson r (−1…1) of meeting hours against each, per day,
--     over days giving both (null with fewer than three such days, where r is ±1 by construction,
--     or with no variation);
--   streak: the longest run of consecutive work days that all have a log (days off in between do
--     not break it), the latest of equally long runs;
--   meeting_heavy_weeks: ISO weeks whose meeting hours are above 50% of hours (logs giving both).
-- The rows behind them are the period's days. A suggestion is made only when its pattern rests on
-- at least 8 distinct weeks of data; thresholds are in docs/scoring.md.
WITH logs AS (
  SELECT c.period, c.work_day, d.*, isodow(d.date) AS weekday
  FROM report_calendar c
  JOIN days d ON d.date = c.date
),
weekdays AS (
  SELECT period, weekday, weekday_name(weekday) AS name, bool_or(work_day) AS work_day, count(*) AS days,
    avg(deep_work) AS deep_work, count(DISTINCT week) FILTER (WHERE deep_work IS NOT NULL) AS deep_work_weeks,
    avg(energy) AS energy, count(DISTINCT week) FILTER (WHERE energy IS NOT NULL) AS energy_weeks
  FROM logs
  GROUP BY period, weekday
),
weekday_extremes AS (
  -- Best and worst work weekdays, among those whose mean rests on 8 weeks or more. Ties (also ties
  -- hidden by the last bits of a float sum) go to the earlier weekday, so every run picks the same.
  SELECT period,
    arg_max(name, (round(deep_work, 9), -weekday)) FILTER (WHERE work_day AND deep_work_weeks >= 8) AS deep_best,
    max(deep_work) FILTER (WHERE work_day AND deep_work_weeks >= 8) AS deep_max,
    arg_min(name, (round(deep_work, 9), weekday)) FILTER (WHERE work_day AND deep_work_weeks >= 8) AS deep_worst,
    min(deep_work) FILTER (WHERE work_day AND deep_work_weeks >= 8) AS deep_min,
    min(deep_work_weeks) FILTER (WHERE work_day AND deep_work_weeks >= 8) AS deep_weeks,
    arg_max(name, (round(energy, 9), -weekday)) FILTER (WHERE work_day AND energy_weeks >= 8) AS energy_best,
    max(energy) FILTER (WHERE work_day AND energy_weeks >= 8) AS energy_max,
    arg_min(name, (round(energy, 9), weekday)) FILTER (WHERE work_day AND energy_weeks >= 8) AS energy_worst,
    min(energy) FILTER (WHERE work_day AND energy_weeks >= 8) AS energy_min,
    min(energy_weeks) FILTER (WHERE work_day AND energy_weeks >= 8) AS energy_weeks
  FROM weekdays
  GROUP BY period
),
weekday_lists AS (
  SELECT period, list_sort(list({
    'weekday': weekday, 'name': name, 'days': days, 'deep_work': deep_work, 'deep_work_weeks': deep_work_weeks,
    'energy': energy, 'energy_weeks': energy_weeks
  })) AS weekdays
  FROM weekdays
  GROUP BY period
),
correlations AS (
  SELECT period,
    count(DISTINCT week) AS weeks_of_data,
    CASE WHEN count(*) FILTER (WHERE energy IS NOT NULL AND meeting_hours IS NOT NULL) >= 3
      THEN finite_or_null(corr(energy, meeting_hours)) END AS energy_r,
    count(*) FILTER (WHERE energy IS NOT NULL AND meeting_hours IS NOT NULL) AS energy_days,
    count(DISTINCT week) FILTER (WHERE energy IS NOT NULL AND meeting_hours IS NOT NULL) AS energy_weeks,
    CASE WHEN count(*) FILTER (WHERE deep_work IS NOT NULL AND meeting_hours IS NOT NULL) >= 3
      THEN finite_or_null(corr(deep_work, meeting_hours)) END AS deep_r,
    count(*) FILTER (WHERE deep_work IS NOT NULL AND meeting_hours IS NOT NULL) AS deep_days,
    count(DISTINCT week) FILTER (WHERE deep_work IS NOT NULL AND meeting_hours IS NOT NULL) AS deep_weeks
  FROM logs
  GROUP BY period
),
runs AS (
  -- Gaps and islands over the work-day calendar: logged days in one run share n − m.
  SELECT period, date,
    row_number() OVER (PARTITION BY period ORDER BY date)
      - row_number() OVER (PARTITION BY period, logged ORDER BY date) AS island,
    logged
  FROM (
    SELECT c.period, c.date, c.date IN (SELECT date FROM days) AS logged
    FROM report_calendar c WHERE c.work_day
  )
),
streaks AS (
  SELECT period, arg_max({'days': days, 'start': first_day, 'end': last_day}, (days, last_day)) AS streak
  FROM (SELECT period, island, count(*) AS days, min(date) AS first_day, max(date) AS last_day FROM runs WHERE logged GROUP BY period, island)
  GROUP BY period
),
week_shares AS (
  SELECT period, week,
    sum(hours) FILTER (WHERE meeting_hours IS NOT NULL) AS hours,
    sum(meeting_hours) FILTER (WHERE hours IS NOT NULL) AS meeting_hours,
    safe_div(sum(meeting_hours) FILTER (WHERE hours IS NOT NULL), sum(hours) FILTER (WHERE meeting_hours IS NOT NULL)) AS share
  FROM logs
  GROUP BY period, week
),
heavy AS (
  SELECT period,
    count(*) FILTER (WHERE share IS NOT NULL) AS weeks_measured,
    count(*) FILTER (WHERE share > 0.5) AS heavy_weeks,
    coalesce(list_sort(list({'week': week, 'hours': hours, 'meeting_hours': meeting_hours, 'share': share}) FILTER (WHERE share > 0.5)), []) AS items
  FROM week_shares
  GROUP BY period
),
suggestions AS (
  SELECT p.id AS period, list(s ORDER BY s.pattern) FILTER (WHERE s.text IS NOT NULL) AS suggestions
  FROM report_periods p
  LEFT JOIN weekday_extremes x ON x.period = p.id
  LEFT JOIN correlations c ON c.period = p.id
  LEFT JOIN heavy h ON h.period = p.id,
  -- Figures are rounded to 9 decimals before printf: a mean of 3.05 may be 3.0499… or 3.0500… from
  -- one load to the next (float sums in parallel), and must print the same every time.
  LATERAL (SELECT unnest([
    {'pattern': 'deep_work_by_weekday', 'text': CASE WHEN x.deep_max - x.deep_min >= 1 THEN printf(
      'Deep work is highest on %s (%.1f h on average) and lowest on %s (%.1f h) over %d weeks: plan focused work for %s and gather meetings on %s.',
      x.deep_best, round(x.deep_max, 9), x.deep_worst, round(x.deep_min, 9), x.deep_weeks, x.deep_best, x.deep_worst) END},
    {'pattern': 'energy_by_weekday', 'text': CASE WHEN x.energy_max - x.energy_min >= 0.5 THEN printf(
      'Energy is highest on %s (%.1f of 5) and lowest on %s (%.1f) over %d weeks: put demanding work on %s and lighter work on %s.',
      x.energy_best, round(x.energy_max, 9), x.energy_worst, round(x.energy_min, 9), x.energy_weeks, x.energy_best, x.energy_worst) END},
    {'pattern': 'meetings_vs_energy', 'text': CASE WHEN c.energy_weeks >= 8 AND c.energy_r <= -0.3 THEN printf(
      'Days with more meeting hours have lower energy (r = %.2f over %d days in %d weeks): keep some days meeting-free.',
      round(c.energy_r, 9), c.energy_days, c.energy_weeks) END},
    {'pattern': 'meetings_vs_deep_work', 'text': CASE WHEN c.deep_weeks >= 8 AND c.deep_r <= -0.3 THEN printf(
      'Days with more meeting hours have less deep work (r = %.2f over %d days in %d weeks): cluster meetings to keep long focus blocks.',
      round(c.deep_r, 9), c.deep_days, c.deep_weeks) END},
    {'pattern': 'meeting_heavy_weeks', 'text': CASE WHEN h.weeks_measured >= 8 AND h.heavy_weeks >= 0.25 * h.weeks_measured THEN printf(
      'In %d of %d weeks meetings took more than half of your hours: review your recurring meetings.',
      h.heavy_weeks, h.weeks_measured) END}
  ]) AS s)
  GROUP BY p.id
)
SELECT p.id AS period_id,
  {
    'weeks_of_data': coalesce(c.weeks_of_data, 0),
    'weekdays': coalesce(w.weekdays, []),
    'meetings_vs_energy': {'r': c.energy_r, 'days': coalesce(c.energy_days, 0), 'weeks': coalesce(c.energy_weeks, 0)},
    'meetings_vs_deep_work': {'r': c.deep_r, 'days': coalesce(c.deep_days, 0), 'weeks': coalesce(c.deep_weeks, 0)},
    'streak': coalesce(st.streak, {'days': 0, 'start': NULL::DATE, 'end': NULL::DATE}),
    'meeting_heavy_weeks': {'weeks_measured': coalesce(h.weeks_measured, 0), 'count': coalesce(h.heavy_weeks, 0), 'items': coalesce(h.items, [])},
    'suggestions': coalesce(sg.suggestions, [])
  } AS patterns
FROM report_periods p
LEFT JOIN weekday_lists w ON w.period = p.id
LEFT JOIN correlations c ON c.period = p.id
LEFT JOIN streaks st ON st.period = p.id
LEFT JOIN heavy h ON h.period = p.id
LEFT JOIN suggestions sg ON sg.period = p.id
