/**
 * Loads the score SQL (every .sql file beside this one, in name order) into a database. The SQL
 * defines views and table macros; TypeScript only loads it and binds parameters.
 */
import { readdirSync, readFileSync } from 'node:fs';
import type { Database } from '../db/duckdb.ts';

const folder = new URL('./', import.meta.url);
const SCORE_SQL = readdirSync(folder)
  .filter((name) => name.endsWith('.sql'))
  .sort()
  .map((name) => readFileSync(new URL(name, folder), 'utf8'));

/** Creates (or replaces) every score view and macro. */
export async function loadScores(db: Database): Promise<void> {
  for (const sql of SCORE_SQL) await db.run(sql);
}
