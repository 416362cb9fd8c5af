/**
 * Loads the score SQL (every .sql file beside this one, in name order) into a database, after the
 * one-row `settings` table those views read. The SQL defines views and table macros; TypeScript
 * only loads it and binds parameters.
 */
import { hash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import type { Database } from '../db/duckdb.ts';
import type { JournalConfig } from '../ingest/schema.ts';

const folder = new URL('./', import.meta.url);
const SCORE_SQL = readdirSync(folder)
  .filter((name) => name.endsWith('.sql'))
  .sort()
  .map((name) => readFileSync(new URL(name, folder), 'utf8'));

const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];

// journal.yml's scoring settings as one row, so views read weights, thresholds and targets in SQL.
// work_isodows holds the work days as ISO weekdays (Monday = 1), e.g. [1, 2, 3, 4, 5].
const SETTINGS_SQL = `
CREATE OR REPLACE TABLE settings AS SELECT
  $weight_delivery::DOUBLE AS weight_delivery, $weight_focus::DOUBLE AS weight_focus,
  $weight_alignment::DOUBLE AS weight_alignment, $weight_consistency::DOUBLE AS weight_consistency,
  $weight_wellbeing::DOUBLE AS weight_wellbeing,
  $threshold_green::DOUBLE AS threshold_green, $threshold_yellow::DOUBLE AS threshold_yellow,
  $target_wins_per_day::DOUBLE AS target_wins_per_day, $target_deep_work_ratio::DOUBLE AS target_deep_work_ratio,
  CASE WHEN $work_days = '' THEN []::INTEGER[] ELSE list_transform(string_split($work_days, ','), d -> d::INTEGER) END AS work_isodows,
  $year_start::VARCHAR AS year_start`;

/** Writes the `settings` row from journal.yml, unless the row already holds these values (meta settings_key). */
export async function loadSettings(db: Database, config: JournalConfig): Promise<void> {
  const { weights, thresholds, targets } = config.scoring;
  const values = {
    weight_delivery: weights.delivery,
    weight_focus: weights.focus,
    weight_alignment: weights.alignment,
    weight_consistency: weights.consistency,
    weight_wellbeing: weights.wellbeing,
    threshold_green: thresholds.green,
    threshold_yellow: thresholds.yellow,
    target_wins_per_day: targets.wins_per_day,
    target_deep_work_ratio: targets.deep_work_ratio,
    work_days: [...new Set(config.work_days)].map((d) => WEEKDAYS.indexOf(d) + 1).join(','),
    year_start: config.year_start,
  };
  await db.run(`CREATE TABLE IF NOT EXISTS meta (key VARCHAR PRIMARY KEY, value VARCHAR)`);
  const key = hash('sha1', JSON.stringify(values));
  const [stored] = await db.all<{ value: string }>(`SELECT value FROM meta WHERE key = 'settings_key'`);
  if (stored?.value === key) return;
  await db.run(SETTINGS_SQL, values);
  await db.run(`INSERT OR REPLACE INTO meta VALUES ('settings_key', $key)`, { key });
}

const SCORES_KEY = hash('sha1', SCORE_SQL.join('\n'));

/**
 * Writes the settings, then creates every score view and macro. A cached database that already
 * holds this version of them (meta.scores_key) skips the second step.
 */
export async function loadScores(db: Database, config: JournalConfig): Promise<void> {
  await loadSettings(db, config);
  const [stored] = await db.all<{ value: string }>(`SELECT value FROM meta WHERE key = 'scores_key'`);
  if (stored?.value === SCORES_KEY) return;
  for (const sql of SCORE_SQL) await db.run(sql);
  await db.run(`INSERT OR REPLACE INTO meta VALUES ('scores_key', $key)`, { key: SCORES_KEY });
}
