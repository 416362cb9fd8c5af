-- Action items as of a date: one row per item, its state decided by its latest mention.
-- Identity within a 1:1 series is item_key (text without @owner/due:, lower-cased, spaces collapsed);
-- items in daily logs and sprints are scoped to their own file. Durations are in days.
CREATE OR REPLACE MACRO action_item_status(as_of) AS TABLE
WITH mentions AS (
  SELECT *, coalesce('series:' || series, entry_kind || ':' || path) AS scope
  FROM action_items
  WHERE date IS NULL OR date <= as_of
),
ranked AS (
  SELECT *,
    row_number() OVER (PARTITION BY scope, item_key ORDER BY date DESC NULLS LAST, path DESC, line DESC) AS latest,
    min(date) OVER (PARTITION BY scope, item_key) AS opened,
    count(*) OVER (PARTITION BY scope, item_key) AS mentions,
    bool_or(private) OVER (PARTITION BY scope, item_key) AS any_private
  FROM mentions
)
SELECT
  scope, entry_kind, series, item_key, text, owner, due, done,
  opened,                                              -- first mention
  CASE WHEN done THEN date END AS closed,              -- the mention that ticked it
  date AS last_mentioned,
  mentions,
  NOT done AND due IS NOT NULL AND due < as_of AS overdue,
  CASE WHEN done THEN date - opened ELSE as_of::DATE - opened END AS days_open,
  path, line, any_private AS private
FROM ranked
WHERE latest = 1;
