/**
 * The entries behind the figures, read from DuckDB for pages that show them (a day's log, a 1:1's
 * notes, an objective's check-ins). Only rows dated on or before the as-of date are read; nothing is
 * computed here.
 */
import type { Database } from '../db/duckdb.ts';
import type { Row } from '../db/tables.ts';

/** Every entry table the site shows, as rows. */
export interface Entries {
  days: Row<'days'>[];
  metrics: Pick<Row<'metrics'>, 'win_id' | 'kind' | 'text'>[];
  checkIns: Row<'check_ins'>[];
  objectives: Pick<Row<'objectives'>, 'id' | 'description' | 'period_end'>[];
  series: Row<'series'>[];
  meetings: Row<'meetings'>[];
  feedback: Row<'feedback'>[];
  achievements: Row<'achievements'>[];
  sprints: Row<'sprints'>[];
}

export async function readEntries(db: Database, asOf: string): Promise<Entries> {
  const until = { as_of: asOf };
  return {
    days: await db.all(`SELECT * FROM days WHERE date <= $as_of::DATE ORDER BY date, path`, until),
    metrics: await db.all(`SELECT win_id, kind, text FROM metrics WHERE date <= $as_of::DATE ORDER BY win_id, "column"`, until),
    checkIns: await db.all(`SELECT * FROM check_ins WHERE date <= $as_of::DATE ORDER BY objective_id, kr_id, date`, until),
    objectives: await db.all(`SELECT id, description, period_end FROM objectives ORDER BY id`),
    series: await db.all(`SELECT * FROM series ORDER BY id`),
    meetings: await db.all(`SELECT * FROM meetings WHERE date <= $as_of::DATE ORDER BY series, date DESC`, until),
    feedback: await db.all(`SELECT * FROM feedback WHERE date <= $as_of::DATE ORDER BY series, date DESC, line`, until),
    achievements: await db.all(`SELECT * FROM achievements WHERE date <= $as_of::DATE ORDER BY date DESC`, until),
    sprints: await db.all(`SELECT * FROM sprints WHERE coalesce(start_date, end_date) IS NULL OR coalesce(start_date, end_date) <= $as_of::DATE ORDER BY start_date NULLS LAST, id`, until),
  };
}
