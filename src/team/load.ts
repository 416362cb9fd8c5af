/**
 * Team mode's database: every member's journal read through the same per-person pipeline as
 * `build --public` (openJournal, then the shareable copy of src/db/shareable.ts, which decides
 * privacy alone), written out as Parquet files per member, and read into one DuckDB database where
 * every table has a `person` column. The CSV sources, the manager's notes and team.yml's settings
 * join them, and the team SQL (src/team/*.sql) computes every team figure.
 *
 * Parquet per member is also the scale path (docs/team.md): the team queries run unchanged over
 * files that members' own builds publish, on object storage or MotherDuck.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm, stat } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Database } from '../db/duckdb.ts';
import { openShareable } from '../db/shareable.ts';
import { compareDiagnostics, diagnose, type Diagnostic } from '../ingest/diagnostics.ts';
import { isoWeekStart } from '../ingest/dates.ts';
import { JournalNotFoundError } from '../files.ts';
import { openJournal } from '../journal.ts';
import { readTeamConfig, LOWER_IS_BETTER, METRICS, type Member, type TeamConfig } from './config.ts';
import { readTeamSources } from './csv.ts';
import { readNotes } from './notes.ts';

/** The tables each member contributes to the team database; all from their shareable copy. */
export const MEMBER_TABLES = ['days', 'wins', 'sprints', 'weekly_checkins', 'achievements', 'member_weeks'] as const;

const folder = new URL('./', import.meta.url);
// The score helpers (safe_div, iso_week, …) first, then the team's own SQL in name order.
const TEAM_SQL = [
  readFileSync(new URL('../scores/00_helpers.sql', import.meta.url), 'utf8'),
  ...readdirSync(folder).filter((name) => name.endsWith('.sql')).sort().map((name) => readFileSync(new URL(name, folder), 'utf8')),
];

/** An opened team. Close it to release the database. */
export interface Team {
  db: Database;
  config: TeamConfig;
  /** Folder of team.yml, absolute. */
  dir: string;
  /** Every problem found: team.yml, CSVs, notes, and each member's journal; paths from the team repository. */
  diagnostics: Diagnostic[];
  /** Members whose journal could not be read, by id. */
  missing: string[];
  /** The members' DuckDB cache folder, or null when journals are read into memory. */
  cacheDir: string | null;
}

export interface OpenTeamOptions {
  /** The team repository, holding team.yml. */
  teamDir: string;
  /** "YYYY-MM-DD": nothing after it counts. */
  asOf: string;
  /** Parquet files of each member go here; default a temporary folder removed when the team is open. */
  exportDir?: string;
  /**
   * Where each member's journal keeps its DuckDB cache, as `build` does (".turbowork"), so a
   * rebuild and the coaching drafts read an unchanged journal warm; null (the default) reads every
   * journal into memory.
   */
  cacheDir?: string | null;
}

/** Reads team.yml, every member's shareable journal, the CSVs and notes, and loads the team SQL. */
export async function openTeam({ teamDir, asOf, exportDir, cacheDir = null }: OpenTeamOptions): Promise<Team> {
  const dir = resolve(teamDir);
  const { config, diagnostics, journalLine } = await readTeamConfig(dir);
  const scratch = exportDir ?? await mkdtemp(join(tmpdir(), 'turbowork-team-'));
  const db = await Database.open(':memory:');
  try {
    // A few members at a time (one per core, at most MEMBER_CONCURRENCY): each journal's database
    // is closed before the next one starts, so memory stays that of a few journals, not of the team.
    const reads = await mapConcurrently(config.members, MEMBER_CONCURRENCY, async (member) => {
      const journalDir = resolve(dir, member.journal);
      if (!(await isFolder(journalDir))) return null;
      return exportMember(member, journalDir, join(scratch, member.id), asOf, cacheDir).catch((error: unknown) => {
        if (error instanceof JournalNotFoundError) return null;
        throw error;
      });
    });
    const missing: string[] = [];
    const exported: Member[] = [];
    config.members.forEach((member, i) => {
      const read = reads[i];
      if (read === null) {
        missing.push(member.id);
        diagnostics.push(diagnose('team-journal-missing', { file: 'team.yml', ...journalLine(member.id) }, { id: member.id, path: member.journal }));
        return;
      }
      diagnostics.push(...read);
      exported.push(member);
    });
    await loadMembers(db, exported, scratch);
    const sources = await readTeamSources(dir, config);
    const notes = await readNotes(dir, config);
    diagnostics.push(...sources.diagnostics, ...notes.diagnostics);
    await loadTeamInputs(db, config, asOf, sources, notes.notes);
    for (const sql of TEAM_SQL) await db.run(sql);
    return { db, config, dir, diagnostics: diagnostics.sort(compareDiagnostics), missing, cacheDir };
  } catch (error) {
    db.close();
    throw error;
  } finally {
    if (!exportDir) await rm(scratch, { recursive: true, force: true });
  }
}

/** Members read at once: parsing a journal of under 4,000 files takes one core (src/ingest/parallel.ts). */
const MEMBER_CONCURRENCY = Math.min(availableParallelism(), 4);

/** `work` over `items` with at most `limit` running at once; results in the items' order. */
async function mapConcurrently<T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const lane = async () => {
    for (let i = next++; i < items.length; i = next++) results[i] = await work(items[i]);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
  return results;
}

const isFolder = (path: string) => stat(path).then((s) => s.isDirectory(), () => false);

/**
 * One member's journal → Parquet files of their shareable tables and weekly scores as of `asOf`.
 * Returns the journal's diagnostics with paths from the team repository (the member's journal: before each).
 */
async function exportMember(member: Member, journalDir: string, out: string, asOf: string, cacheDir: string | null): Promise<Diagnostic[]> {
  // Paths as the manager sees them, from the team repository: "members/ana/daily/…".
  const prefix = `${member.journal.replace(/\\/g, '/').replace(/\/+$/, '')}/`;
  const journal = await openJournal({ journalDir, cacheDir });
  try {
    const shareable = await openShareable(journal.db, journal.config);
    try {
      await mkdir(out, { recursive: true });
      const file = (table: string) => `'${join(out, `${table}.parquet`).replaceAll("'", "''")}'`;
      for (const table of MEMBER_TABLES.filter((t) => t !== 'member_weeks')) {
        await shareable.run(`COPY (SELECT * FROM ${table} WHERE coalesce(${dateColumn(table)}, DATE '0001-01-01') <= $as_of::DATE) TO ${file(table)} (FORMAT parquet)`, { as_of: asOf });
      }
      await shareable.run(`COPY (SELECT * FROM weekly_scores_as_of($as_of::DATE)) TO ${file('member_weeks')} (FORMAT parquet)`, { as_of: asOf });
    } finally {
      shareable.close();
    }
    return journal.diagnostics.map((d) => ({ ...d, file: `${prefix}${d.file}` }));
  } finally {
    journal.db.close();
  }
}

/** The column that dates a row of each exported table. */
function dateColumn(table: string): string {
  return table === 'sprints' ? 'end_date' : table === 'weekly_checkins' ? 'week_start' : 'date';
}

/** Each member table in the team database: the member's rows with `person` first. */
async function loadMembers(db: Database, members: readonly Member[], scratch: string): Promise<void> {
  for (const table of MEMBER_TABLES) {
    const parts = members.map((m) => `SELECT '${m.id}' AS person, * FROM read_parquet('${join(scratch, m.id, `${table}.parquet`).replaceAll("'", "''")}')`);
    // A team without journals still gets the tables, empty, with their columns.
    await db.run(`CREATE TABLE ${table} AS ${parts.length > 0 ? parts.join(' UNION ALL BY NAME ') : emptyTable(table)}`);
  }
}

/** An empty stand-in with the columns the team SQL reads, for a team with no readable journal. */
function emptyTable(table: (typeof MEMBER_TABLES)[number]): string {
  const columns: Record<string, string> = {
    days: 'NULL::VARCHAR AS person, NULL::DATE AS date, NULL::VARCHAR AS path, NULL::BOOLEAN AS private',
    wins: 'NULL::VARCHAR AS person, NULL::VARCHAR AS id, NULL::DATE AS date, NULL::VARCHAR AS text, NULL::VARCHAR AS path, NULL::INTEGER AS line',
    sprints: 'NULL::VARCHAR AS person, NULL::VARCHAR AS id, NULL::DATE AS end_date, NULL::DOUBLE AS completed_points, NULL::DOUBLE AS planned_points, NULL::VARCHAR AS path',
    weekly_checkins: 'NULL::VARCHAR AS person, NULL::VARCHAR AS week',
    achievements: 'NULL::VARCHAR AS person, NULL::VARCHAR AS id, NULL::DATE AS date, NULL::VARCHAR AS title',
    member_weeks: 'NULL::VARCHAR AS person, NULL::VARCHAR AS week, NULL::DATE AS week_start, NULL::DOUBLE AS composite, NULL::VARCHAR AS status, NULL::INTEGER AS logged_days, NULL::INTEGER AS wins',
  };
  return `SELECT ${columns[table]} WHERE false`;
}

/** team.yml's members, thresholds and policies, the CSV rows and the notes, as tables. */
async function loadTeamInputs(db: Database, config: TeamConfig, asOf: string, sources: Awaited<ReturnType<typeof readTeamSources>>, notes: Awaited<ReturnType<typeof readNotes>>['notes']): Promise<void> {
  await db.run(`CREATE TABLE team_settings AS SELECT $as_of::DATE AS as_of, $min::INTEGER AS min_comparison_size`, { as_of: asOf, min: config.min_comparison_size });
  await db.run(`
    CREATE TABLE members (person VARCHAR, name VARCHAR, ordinal INTEGER);
    CREATE TABLE metrics (metric VARCHAR, lower_is_better BOOLEAN);
    CREATE TABLE thresholds (metric VARCHAR, lower_is_better BOOLEAN, green DOUBLE, yellow DOUBLE);
    CREATE TABLE policies (policy VARCHAR, name VARCHAR, start DATE, "end" DATE, baseline_months INTEGER, if_broken VARCHAR, if_held VARCHAR);
    CREATE TABLE policy_rules (policy VARCHAR, ordinal INTEGER, metric VARCHAR, at_least DOUBLE, at_most DOUBLE, max_worsening_pct DOUBLE);
    CREATE TABLE billable_hours (person VARCHAR, date DATE, hours DOUBLE, billable BOOLEAN, path VARCHAR, line INTEGER);
    CREATE TABLE incidents (id VARCHAR, person VARCHAR, opened_at TIMESTAMP, acknowledged_at TIMESTAMP, path VARCHAR, line INTEGER);
    CREATE TABLE notes (person VARCHAR, week VARCHAR, week_start DATE, status VARCHAR, text VARCHAR, path VARCHAR);`);
  await db.appendRaw('members', config.members.map((m, i) => [m.id, m.name, i]));
  await insert(db, 'metrics', METRICS.map((metric) => [metric, LOWER_IS_BETTER.has(metric)]));
  await insert(db, 'thresholds', METRICS.flatMap((metric) => {
    const levels = config.thresholds[metric];
    return levels ? [[metric, LOWER_IS_BETTER.has(metric), levels.green, levels.yellow]] : [];
  }));
  await insert(db, 'policies', config.policies.map((p) => [p.id, p.name, p.start, p.end ?? null, p.baseline_months, p.if_broken, p.if_held]));
  await insert(db, 'policy_rules', config.policies.flatMap((p) => p.rules.map((r, i) => [p.id, i, r.metric, r.at_least ?? null, r.at_most ?? null, r.max_worsening_pct ?? null])));
  await insert(db, 'billable_hours', sources.billable.filter((r) => r.date <= asOf).map((r) => [r.person, r.date, r.hours, r.billable, r.path, r.line]));
  await insert(db, 'incidents', sources.incidents.filter((r) => r.opened_at.slice(0, 10) <= asOf).map((r) => [r.id, r.person, r.opened_at, r.acknowledged_at, r.path, r.line]));
  await insert(db, 'notes', notes.map((n) => [n.person, n.week, isoWeekStart(n.week), n.status, n.text, n.path]));
}

/** Inserts rows, 500 at a time, through a VALUES list of parameters; DuckDB casts the text of dates and times. */
async function insert(db: Database, table: string, rows: readonly (string | number | boolean | null)[][]): Promise<void> {
  for (let start = 0; start < rows.length; start += 500) {
    const params: Record<string, string | number | boolean | null> = {};
    const values = rows.slice(start, start + 500).map((row, r) => `(${row.map((value, c) => {
      params[`p${r}_${c}`] = value;
      return `$p${r}_${c}`;
    }).join(', ')})`);
    await db.run(`INSERT INTO ${table} VALUES ${values.join(', ')}`, params);
  }
}
