-- Weekly scores over ISO weeks, each dimension 0–100 and null when its input is missing:
--   consistency = min(100, 100 × logged work days / work days)
--   delivery    = min(100, 100 × wins / (targets.wins_per_day × logged days))
--   focus       = min(100, 100 × (Σ deep_work / Σ hours) / targets.deep_work_ratio), over logs giving both
--   alignment   = 100 × wins tied to an objective / wins
--   wellbeing   = 100 × mean of every (energy − 1)/4, (5 − stress)/4, (balance − 1)/4 the logs give
--   composite   = Σ(score × weight) / Σ(weight) over the non-null dimensions; null without logs
-- status: the check-in's status_override, else no_data without logs, else green/yellow/red by
-- thresholds. delta: composite minus the previous week's; trend_4w: mean composite of the last 4
-- weeks with data (this one included). Hours are hours; counts are days or wins.
--
-- weekly_scores_as_of(as_of) counts only logs, wins and check-ins on or before as_of, and in the
-- week containing as_of only the work days up to it (a Wednesday report is not short of Thursday).
CREATE OR REPLACE MACRO weekly_scores_as_of(as_of) AS TABLE
WITH s AS (
  SELECT * FROM settings
),
logs AS (
  SELECT d.*, iso_week_start(d.date) AS week_start, is_work_day(d.date, s.work_isodows) AS work_day
  FROM days d, s
  WHERE d.date <= as_of
    AND d.date >= coalesce((SELECT first_month FROM journal_span), d.date) -- outliers make no weeks
),
checkins AS (
  SELECT * FROM weekly_checkins
  WHERE week_start <= as_of
  QUALIFY row_number() OVER (PARTITION BY week ORDER BY path) = 1
),
span AS (
  SELECT min(week_start) AS first_week, max(week_start) AS last_week
  FROM (SELECT week_start FROM logs UNION ALL SELECT week_start FROM checkins)
),
weeks AS (
  SELECT (span.first_week + (7 * i)::INTEGER)::DATE AS week_start
  FROM span, range(0, (span.last_week - span.first_week) // 7 + 1) r(i)
  WHERE span.first_week IS NOT NULL
),
calendar AS (
  -- Work days of each week, up to as_of.
  SELECT w.week_start, count(*) FILTER (WHERE is_work_day((w.week_start + i::INTEGER)::DATE, s.work_isodows) AND w.week_start + i::INTEGER <= as_of) AS work_days
  FROM weeks w, s, range(0, 7) r(i)
  GROUP BY w.week_start
),
day_stats AS (
  SELECT week_start,
    count(DISTINCT date) AS logged_days,
    count(DISTINCT date) FILTER (WHERE work_day) AS logged_work_days,
    sum(hours) AS hours, sum(deep_work) AS deep_work, sum(meeting_hours) AS meeting_hours,
    sum(deep_work) FILTER (WHERE hours IS NOT NULL) AS focus_deep_work,
    sum(hours) FILTER (WHERE deep_work IS NOT NULL) AS focus_hours,
    coalesce(sum((energy - 1) / 4), 0) + coalesce(sum((5 - stress) / 4), 0) + coalesce(sum((balance - 1) / 4), 0) AS wellbeing_sum,
    count(energy) + count(stress) + count(balance) AS wellbeing_terms
  FROM logs
  GROUP BY week_start
),
win_stats AS (
  -- A win is tied to an objective when it links one, or its day's okrs is non-empty.
  SELECT l.week_start, count(*) AS wins,
    count(*) FILTER (WHERE len(w.objective_ids) > 0 OR len(l.okrs) > 0) AS tied_wins,
    count(*) FILTER (WHERE w.highlight) AS highlights
  FROM wins w JOIN logs l ON l.path = w.path
  GROUP BY l.week_start
),
dimensions AS (
  SELECT w.week_start, c.work_days,
    coalesce(d.logged_days, 0) AS logged_days, coalesce(d.logged_work_days, 0) AS logged_work_days,
    coalesce(ws.wins, 0) AS wins, coalesce(ws.tied_wins, 0) AS tied_wins, coalesce(ws.highlights, 0) AS highlights,
    d.hours, d.deep_work, d.meeting_hours,
    clamp(100 * safe_div(coalesce(d.logged_work_days, 0), c.work_days), 0, 100) AS consistency,
    clamp(100 * safe_div(coalesce(ws.wins, 0), s.target_wins_per_day * d.logged_days), 0, 100) AS delivery,
    clamp(100 * safe_div(safe_div(d.focus_deep_work, d.focus_hours), s.target_deep_work_ratio), 0, 100) AS focus,
    100 * safe_div(ws.tied_wins, ws.wins) AS alignment,
    100 * safe_div(d.wellbeing_sum, d.wellbeing_terms) AS wellbeing,
    s.*
  FROM weeks w
  CROSS JOIN s
  JOIN calendar c USING (week_start)
  LEFT JOIN day_stats d USING (week_start)
  LEFT JOIN win_stats ws USING (week_start)
),
composed AS (
  -- A week without logs has no composite (it is no_data), though its consistency is 0.
  SELECT *,
    CASE WHEN logged_days > 0 THEN safe_div(
      coalesce(consistency * weight_consistency, 0) + coalesce(delivery * weight_delivery, 0)
        + coalesce(focus * weight_focus, 0) + coalesce(alignment * weight_alignment, 0)
        + coalesce(wellbeing * weight_wellbeing, 0),
      CASE WHEN consistency IS NULL THEN 0 ELSE weight_consistency END
        + CASE WHEN delivery IS NULL THEN 0 ELSE weight_delivery END
        + CASE WHEN focus IS NULL THEN 0 ELSE weight_focus END
        + CASE WHEN alignment IS NULL THEN 0 ELSE weight_alignment END
        + CASE WHEN wellbeing IS NULL THEN 0 ELSE weight_wellbeing END
    ) END AS composite
  FROM dimensions
),
statused AS (
  SELECT c.*,
    CASE
      WHEN c.logged_days = 0 OR c.composite IS NULL THEN 'no_data'
      WHEN c.composite >= c.threshold_green THEN 'green'
      WHEN c.composite >= c.threshold_yellow THEN 'yellow'
      ELSE 'red'
    END AS computed_status,
    k.status_override, k.override_reason, k.confidence, k.path AS checkin_path, k.line AS checkin_line,
    -- Weeks with data so far, so trend_4w can take the last four of them.
    count(c.composite) OVER (ORDER BY c.week_start) AS data_weeks_so_far
  FROM composed c
  LEFT JOIN checkins k USING (week_start)
)
SELECT
  iso_week(week_start) AS week, week_start, (week_start + 6)::DATE AS week_end,
  logged_days, work_days, logged_work_days, wins, tied_wins, highlights, hours, deep_work, meeting_hours,
  consistency, delivery, focus, alignment, wellbeing, composite,
  coalesce(status_override, computed_status) AS status,
  computed_status, status_override, override_reason,
  confidence,                                            -- declared in the weekly check-in
  composite - lag(composite) OVER (ORDER BY week_start) AS delta,
  avg(composite) OVER (ORDER BY data_weeks_so_far RANGE BETWEEN 3 PRECEDING AND CURRENT ROW) AS trend_4w,
  checkin_path, checkin_line
FROM statused
ORDER BY week_start;

-- Every week from the first to the last week with a log or check-in.
CREATE OR REPLACE VIEW weekly_scores AS
SELECT * FROM weekly_scores_as_of(DATE '9999-12-31');
