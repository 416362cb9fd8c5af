-- What may leave the machine: the `shareable` schema holds one view per journal table, with the
-- same columns, keeping only the rows that may go into a prompt or a --public site. Privacy is
-- decided here and nowhere else; prompts, every draft's figures and --public builds read these
-- views (through a copy, src/db/shareable.ts), so their rules cannot drift apart.
--
-- It fails closed:
-- - a row is shareable only when its entry says so: `private IS FALSE` (NULL is private). The
--   parser marks an entry private when its privacy cannot be read (src/ingest/privacy.ts);
-- - a 1:1 series that is private makes its meetings, feedback and action items private, and so
--   does a series whose _series.md is missing or cannot be loaded: nothing says it is public.
CREATE SCHEMA IF NOT EXISTS shareable;

CREATE OR REPLACE VIEW shareable.series AS SELECT * FROM main.series WHERE private IS FALSE;

CREATE OR REPLACE VIEW shareable.days AS SELECT * FROM main.days WHERE private IS FALSE;
CREATE OR REPLACE VIEW shareable.wins AS SELECT * FROM main.wins WHERE private IS FALSE;
CREATE OR REPLACE VIEW shareable.metrics AS SELECT * FROM main.metrics WHERE private IS FALSE;
CREATE OR REPLACE VIEW shareable.objectives AS SELECT * FROM main.objectives WHERE private IS FALSE;
CREATE OR REPLACE VIEW shareable.key_results AS SELECT * FROM main.key_results WHERE private IS FALSE;
CREATE OR REPLACE VIEW shareable.check_ins AS SELECT * FROM main.check_ins WHERE private IS FALSE;
CREATE OR REPLACE VIEW shareable.weekly_checkins AS SELECT * FROM main.weekly_checkins WHERE private IS FALSE;
CREATE OR REPLACE VIEW shareable.achievements AS SELECT * FROM main.achievements WHERE private IS FALSE;
CREATE OR REPLACE VIEW shareable.sprints AS SELECT * FROM main.sprints WHERE private IS FALSE;
CREATE OR REPLACE VIEW shareable.years AS SELECT * FROM main.years WHERE private IS FALSE;
CREATE OR REPLACE VIEW shareable.self_ratings AS SELECT * FROM main.self_ratings WHERE private IS FALSE;

CREATE OR REPLACE VIEW shareable.meetings AS
SELECT * FROM main.meetings WHERE private IS FALSE AND series IN (SELECT id FROM shareable.series);
CREATE OR REPLACE VIEW shareable.feedback AS
SELECT * FROM main.feedback WHERE private IS FALSE AND series IN (SELECT id FROM shareable.series);
-- An action item is one item wherever it is mentioned (10_action_items.sql). Its private mentions
-- are kept only for an item that also has a public mention, and only as what they decide: their
-- date, due date and tick. Their words, file, line, series and owner are the item's latest public
-- mention's, so a tick in a private meeting closes the item everywhere without its text leaving
-- the machine. An item only ever mentioned in private is left out.
CREATE OR REPLACE VIEW shareable.action_items AS
WITH public AS (
  SELECT * FROM main.action_items
  WHERE private IS FALSE AND (entry_kind <> 'one_on_one' OR series IN (SELECT id FROM shareable.series))
),
wording AS (
  SELECT item_key,
    arg_max(entry_kind, (date, path, line)) AS entry_kind, arg_max(series, (date, path, line)) AS series,
    arg_max(path, (date, path, line)) AS path, arg_max(line, (date, path, line)) AS line,
    arg_max(text, (date, path, line)) AS text, arg_max(owner, (date, path, line)) AS owner
  FROM public GROUP BY item_key
)
SELECT * FROM public
UNION ALL BY NAME
SELECT m.item_key, w.entry_kind, w.series, m.date, w.path, w.line, w.text, w.owner, m.due, m.done, false AS private
FROM main.action_items m JOIN wording w USING (item_key)
WHERE NOT (m.private IS FALSE AND (m.entry_kind <> 'one_on_one' OR m.series IN (SELECT id FROM shareable.series)));

-- Wiki links, as private as the entry they are written in; in a 1:1 meeting, as its series.
CREATE OR REPLACE VIEW shareable.links AS
SELECT * FROM main.links
WHERE private IS FALSE AND (path NOT LIKE 'one-on-ones/%' OR split_part(path, '/', 2) IN (SELECT id FROM shareable.series));

-- Imported evidence. Commits are the person's own work, as their wins are: they go into prompts (after
-- redaction, as every line does) and onto a --public site. Calendar events are loaded private: they
-- name other people, and nothing that leaves the machine needs them.
CREATE OR REPLACE VIEW shareable.commits AS SELECT * FROM main.commits WHERE private IS FALSE;
CREATE OR REPLACE VIEW shareable.calendar_events AS SELECT * FROM main.calendar_events WHERE private IS FALSE;
-- When an entry was written: only for entries that are themselves shareable.
CREATE OR REPLACE VIEW shareable.entry_history AS
SELECT * FROM main.entry_history
WHERE private IS FALSE
  AND path IN (SELECT path FROM shareable.days UNION SELECT path FROM shareable.achievements UNION SELECT path FROM shareable.meetings);
