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

CREATE OR REPLACE VIEW shareable.meetings AS
SELECT * FROM main.meetings WHERE private IS FALSE AND series IN (SELECT id FROM shareable.series);
CREATE OR REPLACE VIEW shareable.feedback AS
SELECT * FROM main.feedback WHERE private IS FALSE AND series IN (SELECT id FROM shareable.series);
CREATE OR REPLACE VIEW shareable.action_items AS
SELECT * FROM main.action_items
WHERE private IS FALSE AND (entry_kind <> 'one_on_one' OR series IN (SELECT id FROM shareable.series));

-- Wiki links, as private as the entry they are written in; in a 1:1 meeting, as its series.
CREATE OR REPLACE VIEW shareable.links AS
SELECT * FROM main.links
WHERE private IS FALSE AND (path NOT LIKE 'one-on-ones/%' OR split_part(path, '/', 2) IN (SELECT id FROM shareable.series));
