-- The first and last dates the journal has entries for (logs, check-ins, meetings, achievements,
-- sprints, objectives' periods), up to $as_of: the span computeAllReports covers. Entries more than
-- a year before the first month holding real logs (journal_span, src/db/views.sql) are outliers.
SELECT min(d)::VARCHAR AS first, least(max(d), $as_of::DATE)::VARCHAR AS last
FROM (
  SELECT date AS d FROM days
  UNION ALL SELECT week_start FROM weekly_checkins
  UNION ALL SELECT date FROM check_ins
  UNION ALL SELECT period_start FROM objectives
  UNION ALL SELECT date FROM meetings
  UNION ALL SELECT date FROM achievements
  UNION ALL SELECT coalesce(end_date, start_date) FROM sprints
  UNION ALL SELECT date FROM action_items
)
WHERE d <= $as_of::DATE
  AND d >= coalesce((SELECT first_month - INTERVAL 365 DAY FROM journal_span), d)
