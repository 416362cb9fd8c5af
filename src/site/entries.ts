/**
 * The entries behind the figures, read from DuckDB for pages that show them (a day's log, a 1:1's
 * notes, an objective's check-ins). Only rows dated on or before the as-of date are read; nothing is
 * computed here.
 */
import type { Database } from '../db/duckdb.ts';
import type { Row } from '../db/tables.ts';

/** The columns of a daily log that pages show: its other ones (goals, learnings, notes…) feed figures and drafts only. */
const DAY_COLUMNS = ['date', 'path', 'week', 'hours', 'deep_work', 'meeting_hours', 'context_switches', 'energy', 'stress', 'balance', 'mood', 'okrs', 'projects', 'tags', 'blockers', 'body', 'extra', 'private'] as const;

/** Every entry table the site shows, as rows. */
export interface Entries {
  days: Pick<Row<'days'>, (typeof DAY_COLUMNS)[number]>[];
  metrics: Pick<Row<'metrics'>, 'win_id' | 'kind' | 'text'>[];
  checkIns: Row<'check_ins'>[];
  objectives: Pick<Row<'objectives'>, 'id' | 'description' | 'period_end'>[];
  series: Row<'series'>[];
  meetings: Row<'meetings'>[];
  feedback: Row<'feedback'>[];
  achievements: Row<'achievements'>[];
  sprints: Row<'sprints'>[];
  /** When each entry file was first and last committed (empty outside git). */
  history: Row<'entry_history'>[];
  /** Imported commits (turbowork import git). */
  commits: Row<'commits'>[];
}

export async function readEntries(db: Database, asOf: string): Promise<Entries> {
  const until = { as_of: asOf };
  return {
    days: await db.all(`SELECT ${DAY_COLUMNS.map((column) => `"${column}"`).join(', ')} FROM days WHERE date <= $as_of::DATE ORDER BY date, path`, until),
    metrics: await db.all(`SELECT win_id, kind, text FROM metrics WHERE date <= $as_of::DATE ORDER BY win_id, "column"`, until),
    checkIns: await db.all(`SELECT * FROM check_ins WHERE date <= $as_of::DATE ORDER BY objective_id, kr_id, date`, until),
    objectives: await db.all(`SELECT id, description, period_end FROM objectives ORDER BY id`),
    series: await db.all(`SELECT * FROM series ORDER BY id`),
    meetings: await db.all(`SELECT * FROM meetings WHERE date <= $as_of::DATE ORDER BY series, date DESC`, until),
    feedback: await db.all(`SELECT * FROM feedback WHERE date <= $as_of::DATE ORDER BY series, date DESC, line`, until),
    achievements: await db.all(`SELECT * FROM achievements WHERE date <= $as_of::DATE ORDER BY date DESC`, until),
    history: await db.all(`SELECT * FROM entry_history`),
    commits: await db.all(`SELECT * FROM commits WHERE date <= $as_of::DATE ORDER BY date, time, sha`, until),
    sprints: await db.all(`SELECT * FROM sprints WHERE coalesce(start_date, end_date) IS NULL OR coalesce(start_date, end_date) <= $as_of::DATE ORDER BY start_date NULLS LAST, id`, until),
  };
}
