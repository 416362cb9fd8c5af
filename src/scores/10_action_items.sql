-- Action items across their mentions. An item's identity is its item_key (text without @owner/due:,
-- lower-cased, spaces collapsed), wherever it is mentioned: the same words in a 1:1, a sprint and a
-- daily log are one item, so ticking it anywhere closes it everywhere. `scope` is that identity.
-- The latest mention on or before a date decides open or done, owner and due date. Durations are
-- whole days.
--
-- A mention is private when its entry is (`private: true`) or its 1:1 series is. An item keeps the
-- wording, file and line of its latest public mention (public_text, public_path, public_line,
-- public_series), so an item carried through a private meeting is still shown in its public words;
-- private_only marks an item with no public mention yet, whose text must not leave the machine.

-- One row per mention, with the interval [valid_from, valid_to) in which it is the latest mention,
-- so "as of D" is a range lookup and many dates can be asked at once (period rollups).
-- Undated mentions (a sprint with no dates) count as older than every dated one.
CREATE OR REPLACE VIEW action_item_mentions AS
WITH scoped AS (
  SELECT a.*, a.item_key AS scope,
    coalesce(a.private, false) OR coalesce(s.private, false) AS private_mention
  FROM action_items a
  LEFT JOIN series s ON s.id = a.series
),
ordered AS (
  SELECT *,
    coalesce(date, DATE '0001-01-01') AS valid_from,
    coalesce(lead(coalesce(date, DATE '0001-01-01')) OVER w, DATE '9999-12-31') AS valid_to,
    row_number() OVER w AS mention_no,
    min(date) OVER (PARTITION BY scope) AS opened,
    -- Ticked mentions since the last open one form a "done run"; its first date is when it was ticked.
    sum(CASE WHEN done THEN 0 ELSE 1 END) OVER w AS open_mentions_so_far,
    last_value(CASE WHEN NOT private_mention THEN text END IGNORE NULLS) OVER w AS public_text,
    last_value(CASE WHEN NOT private_mention THEN path END IGNORE NULLS) OVER w AS public_path,
    last_value(CASE WHEN NOT private_mention THEN line END IGNORE NULLS) OVER w AS public_line,
    last_value(CASE WHEN NOT private_mention THEN coalesce(series, '') END IGNORE NULLS) OVER w AS public_series_or_empty
  FROM scoped
  WINDOW w AS (PARTITION BY scope ORDER BY date NULLS FIRST, path, line ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)
)
SELECT * EXCLUDE (public_series_or_empty),
  nullif(public_series_or_empty, '') AS public_series,
  public_text IS NULL AS private_only,
  CASE WHEN done THEN min(CASE WHEN done THEN date END) OVER (PARTITION BY scope, open_mentions_so_far) END AS closed
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
  path, line, public_text, public_path, public_line, public_series,
  private_only AS private
FROM action_item_mentions
WHERE valid_from <= as_of AND as_of::DATE < valid_to;
