-- Action items across their mentions. An item's identity is its scope plus item_key (text without
-- @owner/due:, lower-cased, spaces collapsed); the scope is its 1:1 series, or its own file for items
-- in daily logs and sprints. The latest mention on or before a date decides open or done, owner and
-- due date. Durations are whole days.

-- One row per mention, with the interval [valid_from, valid_to) in which it is the latest mention,
-- so "as of D" is a range lookup and many dates can be asked at once (period rollups).
-- Undated mentions (a sprint with no dates) count as older than every dated one.
CREATE OR REPLACE VIEW action_item_mentions AS
WITH scoped AS (
  SELECT *, coalesce('series:' || series, entry_kind || ':' || path) AS scope
  FROM action_items
),
ordered AS (
  SELECT *,
    coalesce(date, DATE '0001-01-01') AS valid_from,
    coalesce(lead(coalesce(date, DATE '0001-01-01')) OVER w, DATE '9999-12-31') AS valid_to,
    row_number() OVER w AS mention_no,
    min(date) OVER (PARTITION BY scope, item_key) AS opened,
    -- Ticked mentions since the last open one form a "done run"; its first date is when it was ticked.
    sum(CASE WHEN done THEN 0 ELSE 1 END) OVER w AS open_mentions_so_far,
    bool_or(private) OVER (PARTITION BY scope, item_key) AS any_private
  FROM scoped
  WINDOW w AS (PARTITION BY scope, item_key ORDER BY date NULLS FIRST, path, line)
)
SELECT *,
  CASE WHEN done THEN min(CASE WHEN done THEN date END) OVER (PARTITION BY scope, item_key, open_mentions_so_far) END AS closed
FROM ordered;

-- Action items as of a date: one row per item, decided by its latest mention on or before as_of.
-- overdue: open with a due date before as_of. days_open: first mention to the tick, or to as_of.
CREATE OR REPLACE MACRO action_item_status(as_of) AS TABLE
SELECT
  scope, entry_kind, series, item_key, text, owner, due, done,
  opened,                                              -- first mention
  closed,                                              -- the mention that ticked it (done items)
  date AS last_mentioned,
  mention_no AS mentions,                              -- mentions on or before as_of
  NOT done AND due IS NOT NULL AND due < as_of AS overdue,
  CASE WHEN done THEN closed - opened ELSE as_of::DATE - opened END AS days_open,
  path, line, any_private AS private
FROM action_item_mentions
WHERE valid_from <= as_of AND as_of::DATE < valid_to;
