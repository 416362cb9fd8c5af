/**
 * What each period's figures are made from, hashed for many periods in one query (rollups/_sources.sql):
 * a draft whose digest is unchanged is up to date (src/assess/sources.ts), and a report an earlier
 * build computed can be kept (report.ts), before anything is computed for it.
 */
import { readFileSync } from 'node:fs';
import type { Database } from '../db/duckdb.ts';

const SOURCES_SQL = readFileSync(new URL('./rollups/_sources.sql', import.meta.url), 'utf8');

/** A period as sources.sql reads it: its id and its first and last days ("YYYY-MM-DD"). */
export interface PeriodRange {
  id: string;
  start: string;
  end: string;
}

/**
 * The digest of each period's sources, by period id: over the shareable rows (what a draft may read),
 * or over every row (`main`: what a private site's reports read).
 */
export async function digestSources(db: Database, periods: readonly PeriodRange[], schema: 'shareable' | 'main'): Promise<Map<string, string>> {
  if (periods.length === 0) return new Map();
  const sql = schema === 'shareable' ? SOURCES_SQL : SOURCES_SQL.replaceAll('shareable.', `${schema}.`);
  const rows = await db.all<{ id: string; digest: string }>(sql, { periods: JSON.stringify(periods) });
  return new Map(rows.map((r) => [r.id, r.digest]));
}
