-- Per report period: the objectives whose period overlaps it, as of the report's as-of date, each
-- with its key results (objective_progress_for); progress and expected in percent (0–100), counts
-- of objectives per status, and the stale key results (a gap).
WITH shown AS (
  SELECT p.id AS period, p.as_of, o.id AS objective_id
  FROM report_periods p
  JOIN objectives o ON o.period_start <= p.end_date AND o.period_end >= p.start_date
),
op AS (
  SELECT * FROM objective_progress_for((SELECT list({'as_of_date': as_of, 'objective_id': objective_id}) FROM shown))
),
period_objectives AS (
  SELECT s.period, op.*
  FROM shown s JOIN op ON op.as_of_date = s.as_of AND op.objective_id = s.objective_id
),
stale AS (
  SELECT period, list_sort(list({
    'objective_id': kr.objective_id, 'line': kr.line, 'kr_id': kr.kr_id, 'title': kr.title, 'last_check_in': kr.last_check_in,
    'days_since_check_in': kr.days_since_check_in, 'path': kr.path
  })) AS stale_key_results
  FROM (SELECT period, unnest(key_results) AS kr FROM period_objectives)
  WHERE kr.stale
  GROUP BY period
),
rollup AS (
  SELECT period,
    avg(progress) AS mean_progress,
    count(*) FILTER (WHERE status = 'achieved') AS achieved,
    count(*) FILTER (WHERE status = 'on_track') AS on_track,
    count(*) FILTER (WHERE status = 'at_risk') AS at_risk,
    count(*) FILTER (WHERE status = 'off_track') AS off_track,
    count(*) FILTER (WHERE status = 'no_data') AS no_data,
    list_sort(list({
      'objective_id': objective_id, 'title': title, 'quarter': quarter, 'start': period_start, 'end': period_end,
      'lifecycle': lifecycle, 'progress': progress, 'expected': expected, 'status': status,
      'stale_count': stale_count, 'no_check_in_count': no_check_in_count,
      'key_results': list_transform(key_results, k -> {
        'kr_id': k.kr_id, 'title': k.title, 'unit': k.unit, 'weight': k.weight, 'start': k.start, 'target': k.target,
        'current': k.current, 'progress': k.progress, 'expected': k.expected, 'status': k.status,
        'confidence': k.confidence, 'last_check_in': k.last_check_in, 'check_ins': k.check_ins,
        'days_since_check_in': k.days_since_check_in, 'no_check_in': k.no_check_in, 'stale': k.stale, 'note': k.note,
        'path': k.path, 'line': k.line, 'check_in_path': k.check_in_path, 'check_in_line': k.check_in_line
      }),
      'path': path, 'line': line, 'private': private
    })) AS items
  FROM period_objectives
  GROUP BY period
)
SELECT p.id AS period_id,
  {
    'mean_progress': r.mean_progress,
    'achieved': coalesce(r.achieved, 0), 'on_track': coalesce(r.on_track, 0), 'at_risk': coalesce(r.at_risk, 0),
    'off_track': coalesce(r.off_track, 0), 'no_data': coalesce(r.no_data, 0),
    'items': coalesce(r.items, [])
  } AS objectives,
  coalesce(s.stale_key_results, []) AS stale_key_results
FROM report_periods p
LEFT JOIN rollup r ON r.period = p.id
LEFT JOIN stale s ON s.period = p.id
