-- Per report period: its weeks' scores (weekly_scores_as_of, materialized as report_weeks), the
-- count of weeks per status, and the mean composite and dimensions (0–100) over weeks with logs (a
-- week without logs has consistency 0 but no other score, so it is left out of every mean).
-- A week belongs to the period containing its Thursday (the ISO rule), and only weeks that have
-- begun by the as-of date count.
WITH period_weeks AS (
  SELECT p.id AS period, w.*
  FROM report_periods p
  JOIN report_weeks w ON (w.week_start + 3) BETWEEN p.start_date AND p.end_date AND w.week_start <= p.as_of
)
SELECT p.id AS period_id,
  {
    'green': count(w.week) FILTER (WHERE w.status = 'green'),
    'yellow': count(w.week) FILTER (WHERE w.status = 'yellow'),
    'red': count(w.week) FILTER (WHERE w.status = 'red'),
    'no_data': count(w.week) FILTER (WHERE w.status = 'no_data'),
    'overridden': count(w.week) FILTER (WHERE w.status_override IS NOT NULL),
    'mean_composite': avg(w.composite),
    'mean_consistency': avg(w.consistency) FILTER (WHERE w.logged_days > 0),
    'mean_delivery': avg(w.delivery), 'mean_focus': avg(w.focus),
    'mean_alignment': avg(w.alignment), 'mean_wellbeing': avg(w.wellbeing),
    'items': coalesce(list_sort(list({
      'week_start': w.week_start, 'week': w.week, 'week_end': w.week_end, 'logged_days': w.logged_days,
      'work_days': w.work_days, 'logged_work_days': w.logged_work_days, 'wins': w.wins, 'tied_wins': w.tied_wins,
      'highlights': w.highlights, 'hours': w.hours, 'deep_work': w.deep_work, 'meeting_hours': w.meeting_hours,
      'consistency': w.consistency, 'delivery': w.delivery, 'focus': w.focus, 'alignment': w.alignment,
      'wellbeing': w.wellbeing, 'composite': w.composite, 'status': w.status, 'computed_status': w.computed_status,
      'status_override': w.status_override, 'override_reason': w.override_reason, 'confidence': w.confidence,
      'delta': w.delta, 'trend_4w': w.trend_4w, 'checkin_path': w.checkin_path, 'checkin_line': w.checkin_line
    }) FILTER (WHERE w.week IS NOT NULL)), [])
  } AS weeks
FROM report_periods p
LEFT JOIN period_weeks w ON w.period = p.id
GROUP BY p.id
