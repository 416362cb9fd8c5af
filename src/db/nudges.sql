-- Nudges (info level; `nudges: false` in journal.yml turns them off): advice that makes the
-- evidence stronger, in the shape of the Diagnostic type like checks.sql.

-- A highlight win from which no figure was read (no metrics row).
SELECT w.path AS file, w.line AS line, 1 AS "column", 'info' AS severity, 'win-unquantified' AS code,
       'Quantify this win: before → after?' AS message,
       'A figure makes a highlight hold in a review: "from 850ms to 120ms", "by 30%", "$40K", "2h".' AS hint
FROM wins w
WHERE w.highlight AND NOT EXISTS (SELECT 1 FROM metrics m WHERE m.win_id = w.id)

UNION ALL
-- An achievement whose metric has no number (or which has no metric).
SELECT a.path, 1, 1, 'info', 'win-unquantified',
       'Quantify this win: before → after?',
       'Add metric: { name, unit, before, after } (or value) to the front matter.'
FROM achievements a
WHERE a.metric_before IS NULL AND a.metric_after IS NULL AND a.metric_value IS NULL
