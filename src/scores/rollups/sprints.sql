-- Per report period: the sprints that ended in it (or started, when no end is given) by the as-of
-- date, with velocity = completed points / planned points (a fraction; null when nothing was
-- planned), the mean of those velocities, and the points summed.
WITH period_sprints AS (
  SELECT c.period, s.*, safe_div(s.completed_points, s.planned_points) AS velocity
  FROM report_calendar c
  JOIN sprints s ON coalesce(s.end_date, s.start_date) = c.date
)
SELECT p.id AS period_id,
  {
    'mean_velocity': avg(s.velocity),
    'planned_points': sum(s.planned_points),
    'completed_points': sum(s.completed_points),
    'items': coalesce(list_sort(list({
      'end': s.end_date, 'start': s.start_date, 'id': s.id, 'name': s.name, 'goal': s.goal,
      'planned_points': s.planned_points, 'completed_points': s.completed_points, 'velocity': s.velocity,
      'path': s.path, 'line': s.line, 'private': s.private
    }) FILTER (WHERE s.id IS NOT NULL)), [])
  } AS sprints
FROM report_periods p
LEFT JOIN period_sprints s ON s.period = p.id
GROUP BY p.id
