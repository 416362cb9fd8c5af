-- Cross-file checks: problems no single file shows. One row per finding: where (file, line, column),
-- the code, and the particulars (a, b, c) the diagnostic catalogue (src/ingest/diagnostics.ts)
-- turns into its message and hint.

-- Two daily logs for one day: the later files (by path) are flagged.
SELECT d.path AS file, 1 AS line, 1 AS "column", 'day-duplicate' AS code,
       strftime(d.date, '%Y-%m-%d') AS a, first_path AS b, NULL AS c
FROM (SELECT path, date, min(path) OVER (PARTITION BY date) AS first_path FROM days) d
WHERE d.path <> d.first_path

UNION ALL
-- okrs: lists naming objectives that do not exist.
SELECT r.path, r.line, 1, 'objective-unknown', r.objective_id, NULL, NULL
FROM (
  SELECT path, line, unnest(okrs) AS objective_id FROM days
  UNION ALL SELECT path, line, unnest(okrs) FROM achievements
) r
WHERE r.objective_id NOT IN (SELECT id FROM objectives)

UNION ALL
-- Links to a key result the (existing) objective does not have. The objective is named by its id
-- or by the id's last parts ("reliability" for 2025-Q1/reliability); ends_with, not LIKE, so that a
-- "_" or "%" in a link is not a wildcard (and LIKE with a pattern per row cost most of these checks).
SELECT l.path, l.line, l."column", 'kr-unknown', o.id, l.anchor, NULL
FROM links l JOIN objectives o ON o.id = l.target OR ends_with(o.id, '/' || l.target)
WHERE l.anchor IS NOT NULL
  AND NOT EXISTS (SELECT 1 FROM key_results k WHERE k.objective_id = o.id AND k.kr_id = l.anchor)

UNION ALL
-- Wiki links that point at nothing: not a day, an objective (by id or by its last part), a 1:1
-- series or an achievement. The nearest name by edit distance is the did-you-mean.
SELECT l.path, l.line, l."column", 'link-unresolved', l.target,
       (SELECT name FROM link_targets t WHERE levenshtein(lower(t.name), lower(l.target)) <= greatest(1, least(3, length(l.target) // 3))
        ORDER BY levenshtein(lower(t.name), lower(l.target)), t.name LIMIT 1), NULL
FROM links l
WHERE lower(l.target) NOT IN (SELECT lower(name) FROM link_targets)

UNION ALL
-- Logs dated far outside the journal's span (views.sql: day_clusters).
SELECT d.path, 1, 1, 'date-outlier', strftime(d.date, '%Y-%m-%d'), strftime(s.first_month, '%Y-%m-%d'), strftime(s.last_day, '%Y-%m-%d')
FROM days d JOIN day_clusters c ON d.date BETWEEN c.first AND c.last, journal_span s
WHERE NOT c.real

UNION ALL
-- Meetings in a folder without a _series.md that loads: reported once, on the folder's first meeting.
-- Nothing says the series is public, so its meetings stay private (shareable.sql).
SELECT min(path), 1, 1, 'series-missing', series, NULL, NULL
FROM meetings
WHERE series NOT IN (SELECT id FROM series)
GROUP BY series

UNION ALL
-- Calendar against log (info): a day whose calendar meetings (summed lengths of timed events) and
-- logged meetings: differ by 1.5 hours or more, and by more than half of the larger.
SELECT d.path, 1, 1, 'meetings-gap', strftime(d.date, '%Y-%m-%d'), CAST(round(c.hours, 1) AS VARCHAR), CAST(d.meeting_hours AS VARCHAR)
FROM days d
JOIN (SELECT date, sum(hours) AS hours FROM calendar_events WHERE NOT all_day GROUP BY date) c ON c.date = d.date
WHERE d.meeting_hours IS NOT NULL
  AND abs(c.hours - d.meeting_hours) >= 1.5
  AND abs(c.hours - d.meeting_hours) > 0.5 * greatest(c.hours, d.meeting_hours)

UNION ALL
-- 1:1s on the calendar without notes (info): an event matches an active series when its title
-- names the person, or when the person (by name, or by an email: key in _series.md) is among at
-- most two attendees. Only days since the journal's first entry count.
SELECT s.path, 1, 1, 'one-on-one-unrecorded', s.person, strftime(e.date, '%Y-%m-%d'), s.id
FROM series s
JOIN (SELECT DISTINCT date, title, attendee_names, attendee_emails FROM calendar_events WHERE NOT all_day) e
  ON contains(lower(e.title), lower(s.person))
  OR (greatest(len(e.attendee_names), len(e.attendee_emails)) <= 2 AND (list_contains(list_transform(e.attendee_names, n -> lower(n)), lower(s.person))
      OR list_contains(e.attendee_emails, lower(json_extract_string(s.extra, '$.email')))))
WHERE s.active AND s.person IS NOT NULL
  AND e.date >= (SELECT min(date) FROM (SELECT min(date) AS date FROM days UNION ALL SELECT min(date) FROM meetings))
  AND NOT EXISTS (SELECT 1 FROM meetings m WHERE m.series = s.id AND m.date = e.date)
