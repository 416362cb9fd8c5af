-- Nudges (info level; `nudges: false` in journal.yml turns them off): advice that makes the
-- evidence stronger, in the shape of checks.sql (where, code, particulars a, b, c).

-- A highlight win from which no figure was read (no metrics row).
SELECT w.path AS file, w.line AS line, 1 AS "column", 'win-unquantified' AS code, 'win' AS a, NULL AS b, NULL AS c
FROM wins w
WHERE w.highlight AND NOT EXISTS (SELECT 1 FROM metrics m WHERE m.win_id = w.id)

UNION ALL
-- An achievement whose metric has no number (or which has no metric).
SELECT a.path, 1, 1, 'win-unquantified', 'achievement', NULL, NULL
FROM achievements a
WHERE a.metric_before IS NULL AND a.metric_after IS NULL AND a.metric_value IS NULL
