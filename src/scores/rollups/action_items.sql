-- Per report period: action items as of its as-of date (action_item_mentions: the latest mention
-- decides). opened: first mentioned in the period; done: ticked in the period and still done;
-- open: not done as of the as-of date; overdue: open with a due date before it. days_open is in days.
-- The counts cover every item. The list holds the items in play: opened or done in the period, or
-- open at its end and mentioned or due in it; for a period that reaches the run's as-of date (the
-- current one) every open item, however old (all_open_listed).
-- Counting sweeps over time (open and overdue intervals as +1/−1 events) rather than pairing every
-- period with every item, so it stays linear in periods plus mentions.
WITH items AS (
  SELECT * FROM action_item_mentions
),
events AS (
  -- An unticked mention is open over [valid_from, valid_to), and overdue from the day after its due date.
  SELECT valid_from AS day, 1 AS open_delta, 0 AS overdue_delta FROM items WHERE NOT done
  UNION ALL SELECT valid_to, -1, 0 FROM items WHERE NOT done
  UNION ALL SELECT greatest(valid_from, due + 1), 0, 1 FROM items WHERE NOT done AND due + 1 < valid_to
  UNION ALL SELECT valid_to, 0, -1 FROM items WHERE NOT done AND due + 1 < valid_to
),
running AS (
  SELECT day,
    sum(sum(open_delta)) OVER (ORDER BY day) AS open,
    sum(sum(overdue_delta)) OVER (ORDER BY day) AS overdue
  FROM events
  GROUP BY day
),
open_counts AS (
  SELECT p.id AS period, r.open, r.overdue
  FROM report_periods p ASOF JOIN running r ON p.as_of >= r.day
),
opened_counts AS (
  SELECT c.period, count(*) AS opened
  FROM (SELECT DISTINCT scope, item_key, opened FROM items) i
  JOIN report_calendar c ON c.date = i.opened
  GROUP BY c.period
),
done_runs AS (
  -- A run of ticked mentions: closed on its first, done until the item is mentioned unticked again.
  SELECT scope, item_key, closed, max(valid_to) AS run_end FROM items WHERE done GROUP BY ALL
),
done_counts AS (
  SELECT c.period, count(*) AS done
  FROM done_runs r
  JOIN report_calendar c ON c.date = r.closed
  JOIN report_periods p ON p.id = c.period
  WHERE p.as_of < r.run_end
  GROUP BY c.period
),
candidates AS (
  -- Items opened, ticked, mentioned or due in the period, and every item open in the current period.
  SELECT c.period, d.scope, d.item_key
  FROM (
    SELECT scope, item_key, date AS day FROM items
    UNION SELECT scope, item_key, due FROM items WHERE due IS NOT NULL
  ) d
  JOIN report_calendar c ON c.date = d.day
  UNION
  SELECT p.id, i.scope, i.item_key
  FROM (SELECT * FROM report_periods WHERE as_of = report_as_of) p
  JOIN items i ON NOT i.done AND i.valid_from <= p.as_of AND p.as_of < i.valid_to
),
listed AS (
  SELECT p.period, m.*,
    m.opened BETWEEN p.start_date AND p.as_of AS opened_in_period,
    m.done AND m.closed BETWEEN p.start_date AND p.as_of AS done_in_period,
    NOT m.done AND m.due < p.as_of AS overdue,
    CASE WHEN m.done THEN m.closed - m.opened ELSE p.as_of - m.opened END AS days_open
  FROM (SELECT k.*, p.start_date, p.as_of FROM candidates k JOIN report_periods p ON p.id = k.period) p
  -- The latest mention on or before as_of (intervals emptied by a same-day later mention left out).
  ASOF JOIN (SELECT * FROM items WHERE valid_from < valid_to) m
    ON m.scope = p.scope AND m.item_key = p.item_key AND p.as_of >= m.valid_from
),
lists AS (
  -- list_sort orders by the leading fields (opened, scope, item_key): faster than an ordered aggregate.
  SELECT period, list_sort(list({
    'opened': opened, 'scope': scope, 'item_key': item_key, 'entry_kind': entry_kind, 'series': series,
    'text': text, 'owner': owner, 'due': due, 'done': done, 'closed': closed,
    'last_mentioned': date, 'mentions': mention_no, 'days_open': days_open,
    'opened_in_period': coalesce(opened_in_period, false), 'done_in_period': coalesce(done_in_period, false),
    'open': NOT done, 'overdue': coalesce(overdue, false), 'path': path, 'line': line, 'private': private_only
  })) AS items
  FROM listed
  WHERE opened_in_period OR done_in_period OR NOT done
  GROUP BY period
)
SELECT p.id AS period_id,
  {
    'opened': coalesce(oc.opened, 0), 'done': coalesce(dc.done, 0),
    'open': coalesce(o.open, 0)::BIGINT, 'overdue': coalesce(o.overdue, 0)::BIGINT,
    'all_open_listed': p.as_of = p.report_as_of,
    'items': coalesce(l.items, [])
  } AS action_items
FROM report_periods p
LEFT JOIN open_counts o ON o.period = p.id
LEFT JOIN opened_counts oc ON oc.period = p.id
LEFT JOIN done_counts dc ON dc.period = p.id
LEFT JOIN lists l ON l.period = p.id
