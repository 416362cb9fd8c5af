-- Cross-file checks: problems no single file shows. One diagnostic row per finding, in the shape of
-- the Diagnostic type (file, line, column, severity, code, message, hint).

-- Two daily logs for one day: the later files (by path) are flagged.
SELECT d.path AS file, 1 AS line, 1 AS "column", 'error' AS severity, 'day-duplicate' AS code,
       'Another log for ' || strftime(d.date, '%Y-%m-%d') || ' already exists: ' || first_path AS message,
       'Merge the two files into one; scores would count the day twice.' AS hint
FROM (SELECT path, date, min(path) OVER (PARTITION BY date) AS first_path FROM days) d
WHERE d.path <> d.first_path

UNION ALL
-- Wiki links and okrs: lists naming objectives that do not exist.
SELECT r.path, r.line, 1, 'warning', 'objective-unknown',
       'No objective "' || r.objective_id || '" exists for this link', 'Create okrs/' || r.objective_id || '.md, or fix the link.'
FROM (
  SELECT path, line, unnest(objective_ids) AS objective_id FROM wins
  UNION ALL SELECT path, line, unnest(okrs) FROM days
  UNION ALL SELECT path, line, unnest(okrs) FROM achievements
) r
WHERE r.objective_id NOT IN (SELECT id FROM objectives)

UNION ALL
-- Links to a key result the (existing) objective does not have.
SELECT w.path, w.line, 1, 'warning', 'kr-unknown',
       'Objective "' || split_part(w.ref, '#', 1) || '" has no key result "' || split_part(w.ref, '#', 2) || '"',
       'Use one of the ids under key_results in okrs/' || split_part(w.ref, '#', 1) || '.md.'
FROM (SELECT path, line, unnest(kr_refs) AS ref FROM wins) w
WHERE split_part(w.ref, '#', 1) IN (SELECT id FROM objectives)
  AND w.ref NOT IN (SELECT objective_id || '#' || kr_id FROM key_results)

UNION ALL
-- Meetings in a folder without a _series.md that loads: reported once, on the folder's first meeting.
-- Nothing says the series is public, so its meetings stay private (shareable.sql).
SELECT min(path), 1, 1, 'warning', 'series-missing',
       'The 1:1 folder "' || series || '" has no _series.md that loads, so its meetings are kept private',
       'Add one-on-ones/' || series || '/_series.md with with:, relationship: and cadence: (and private: false to share them).'
FROM meetings
WHERE series NOT IN (SELECT id FROM series)
GROUP BY series

UNION ALL
-- Calendar against log (info): a day whose calendar meetings (summed lengths of timed events) and
-- logged meetings: differ by 1.5 hours or more, and by more than half of the larger.
SELECT d.path, 1, 1, 'info', 'meetings-gap',
       'The calendar has ' || round(c.hours, 1) || ' h of meetings on ' || strftime(d.date, '%Y-%m-%d') || '; the log says meetings: ' || d.meeting_hours,
       'Correct meetings: if the calendar is right; declined or skipped events also count in the calendar.'
FROM days d
JOIN (SELECT date, sum(hours) AS hours FROM calendar_events WHERE NOT all_day GROUP BY date) c ON c.date = d.date
WHERE d.meeting_hours IS NOT NULL
  AND abs(c.hours - d.meeting_hours) >= 1.5
  AND abs(c.hours - d.meeting_hours) > 0.5 * greatest(c.hours, d.meeting_hours)

UNION ALL
-- 1:1s on the calendar without notes (info): an event matches an active series when its title
-- names the person, or when the person (by name, or by an email: key in _series.md) is among at
-- most two attendees. Only days since the journal's first entry count.
SELECT s.path, 1, 1, 'info', 'one-on-one-unrecorded',
       'The calendar has a 1:1 with ' || s.person || ' on ' || strftime(e.date, '%Y-%m-%d') || ' ("' || e.title || '") and no notes for it yet',
       'Write them with: turbowork new 1on1 ' || s.id || ' --date ' || strftime(e.date, '%Y-%m-%d')
FROM series s
JOIN (SELECT DISTINCT date, title, attendee_names, attendee_emails FROM calendar_events WHERE NOT all_day) e
  ON contains(lower(e.title), lower(s.person))
  OR (greatest(len(e.attendee_names), len(e.attendee_emails)) <= 2 AND (list_contains(list_transform(e.attendee_names, n -> lower(n)), lower(s.person))
      OR list_contains(e.attendee_emails, lower(json_extract_string(s.extra, '$.email')))))
WHERE s.active AND s.person IS NOT NULL
  AND e.date >= (SELECT min(date) FROM (SELECT min(date) AS date FROM days UNION ALL SELECT min(date) FROM meetings))
  AND NOT EXISTS (SELECT 1 FROM meetings m WHERE m.series = s.id AND m.date = e.date)
