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
