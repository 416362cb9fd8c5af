/**
 * The journal's tables, a public contract (users query them): one spec gives the DDL, the row types
 * the parsers produce and the appender that loads them. Every row keeps its source `path` and `line`.
 * Columns are snake_case; dates are DATE; weeks are ISO text such as "2025-W06".
 */
import { readFileSync } from 'node:fs';

/** SQL column types used by the tables, and the TypeScript value each takes. */
interface ColumnTypes {
  VARCHAR: string;
  DATE: string; // "YYYY-MM-DD"
  DOUBLE: number;
  INTEGER: number;
  BOOLEAN: boolean;
  'VARCHAR[]': string[];
  JSON: string;
}
export type ColumnType = keyof ColumnTypes;

const origin = { path: 'VARCHAR', line: 'INTEGER' } as const;
const isPrivate = { private: 'BOOLEAN' } as const;

export const TABLES = {
  /** One row per daily log. open_goals are the Goals written as unticked task items ("- [ ] …"). */
  days: {
    date: 'DATE', ...origin, week: 'VARCHAR', hours: 'DOUBLE', deep_work: 'DOUBLE', meeting_hours: 'DOUBLE',
    context_switches: 'INTEGER', energy: 'INTEGER', stress: 'INTEGER', balance: 'INTEGER', mood: 'VARCHAR',
    okrs: 'VARCHAR[]', projects: 'VARCHAR[]', tags: 'VARCHAR[]', billable: 'DOUBLE', goals: 'VARCHAR[]', open_goals: 'VARCHAR[]',
    blockers: 'VARCHAR[]', learnings: 'VARCHAR[]', notes: 'VARCHAR', body: 'VARCHAR', extra: 'JSON', ...isPrivate,
  },
  /** One row per list item under a daily log's Wins section. id is "<date>#<n>", n from 1. */
  wins: {
    id: 'VARCHAR', date: 'DATE', ...origin, ordinal: 'INTEGER', text: 'VARCHAR', tags: 'VARCHAR[]',
    highlight: 'BOOLEAN', objective_ids: 'VARCHAR[]', kr_refs: 'VARCHAR[]', ...isPrivate,
  },
  /**
   * Numbers read from wins, with what they mean (src/ingest/metrics.ts): kind is change, saving, cost,
   * target, amount, duration or rate; value is normalized (money in currency units, durations in minutes).
   */
  metrics: {
    win_id: 'VARCHAR', date: 'DATE', ...origin, column: 'INTEGER', kind: 'VARCHAR', text: 'VARCHAR',
    value: 'DOUBLE', before: 'DOUBLE', after: 'DOUBLE', unit: 'VARCHAR', direction: 'VARCHAR', change: 'DOUBLE',
    per: 'VARCHAR', per_year: 'DOUBLE', minutes_saved: 'DOUBLE', ...isPrivate,
  },
  /** One row per objective file; id is its path under okrs/ without ".md", e.g. "2025-Q1/reliability". */
  objectives: {
    id: 'VARCHAR', ...origin, title: 'VARCHAR', quarter: 'VARCHAR', period_start: 'DATE', period_end: 'DATE',
    status: 'VARCHAR', description: 'VARCHAR', extra: 'JSON', ...isPrivate,
  },
  key_results: {
    objective_id: 'VARCHAR', kr_id: 'VARCHAR', ...origin, title: 'VARCHAR', start: 'DOUBLE', target: 'DOUBLE',
    unit: 'VARCHAR', weight: 'DOUBLE', ...isPrivate,
  },
  check_ins: {
    objective_id: 'VARCHAR', kr_id: 'VARCHAR', ...origin, date: 'DATE', value: 'DOUBLE', confidence: 'VARCHAR',
    note: 'VARCHAR', ...isPrivate,
  },
  weekly_checkins: {
    week: 'VARCHAR', week_start: 'DATE', ...origin, confidence: 'VARCHAR', status_override: 'VARCHAR',
    override_reason: 'VARCHAR', wins: 'VARCHAR[]', challenges: 'VARCHAR[]', help_needed: 'VARCHAR[]',
    notes: 'VARCHAR', extra: 'JSON', ...isPrivate,
  },
  /** One row per year's file, yearly/YYYY.md; year is the (fiscal) year, e.g. "2026". */
  years: { year: 'VARCHAR', ...origin, notes: 'VARCHAR', extra: 'JSON', ...isPrivate },
  /** One row per competency rated in a year's file (journal.yml's self_ratings stay in the settings). */
  self_ratings: { year: 'VARCHAR', competency: 'VARCHAR', rating: 'VARCHAR', ...origin, column: 'INTEGER', ...isPrivate },
  /** One row per 1:1 series; id is its folder name. */
  series: {
    id: 'VARCHAR', ...origin, person: 'VARCHAR', relationship: 'VARCHAR', cadence: 'VARCHAR', active: 'BOOLEAN',
    agenda_template: 'VARCHAR', extra: 'JSON', ...isPrivate,
  },
  meetings: {
    series: 'VARCHAR', date: 'DATE', ...origin, mood: 'INTEGER', topics: 'VARCHAR[]', agenda: 'VARCHAR[]',
    notes: 'VARCHAR', body: 'VARCHAR', extra: 'JSON', ...isPrivate,
  },
  /** One row per item under a 1:1's Feedback section. */
  feedback: { series: 'VARCHAR', date: 'DATE', ...origin, text: 'VARCHAR', ...isPrivate },
  /**
   * One row per mention of a task-list item in a 1:1, daily log or sprint. item_key is its identity
   * (text without @owner/due:, lower-cased); the latest mention in a series decides open or done.
   */
  action_items: {
    item_key: 'VARCHAR', entry_kind: 'VARCHAR', series: 'VARCHAR', date: 'DATE', ...origin, text: 'VARCHAR',
    owner: 'VARCHAR', due: 'DATE', done: 'BOOLEAN', ...isPrivate,
  },
  /** One row per achievement file; id is the file name without ".md". */
  achievements: {
    id: 'VARCHAR', date: 'DATE', ...origin, title: 'VARCHAR', dimensions: 'VARCHAR[]', skills: 'VARCHAR[]',
    okrs: 'VARCHAR[]', highlight: 'BOOLEAN', metric_name: 'VARCHAR', metric_unit: 'VARCHAR',
    metric_before: 'DOUBLE', metric_after: 'DOUBLE', metric_value: 'DOUBLE', situation: 'VARCHAR', task: 'VARCHAR',
    action: 'VARCHAR', result: 'VARCHAR', extra: 'JSON', ...isPrivate,
  },
  /** One row per sprint file; id is the file name without ".md", e.g. "2025-S42". */
  sprints: {
    id: 'VARCHAR', ...origin, name: 'VARCHAR', start_date: 'DATE', end_date: 'DATE', goal: 'VARCHAR',
    planned_points: 'DOUBLE', completed_points: 'DOUBLE', went_well: 'VARCHAR[]', to_improve: 'VARCHAR[]',
    extra: 'JSON', ...isPrivate,
  },
  /** One row per wiki link in any entry's body (outside code); checks.sql resolves them. */
  links: { ...origin, column: 'INTEGER', target: 'VARCHAR', anchor: 'VARCHAR', ...isPrivate },
  /**
   * Evidence imported by `turbowork import git`, read from evidence/commits/*.jsonl (path and line
   * are that file's). id is "<repository>@<first 12 characters of sha>", what drafts cite.
   */
  commits: {
    id: 'VARCHAR', repository: 'VARCHAR', sha: 'VARCHAR', date: 'DATE', ...origin, time: 'VARCHAR', author: 'VARCHAR',
    subject: 'VARCHAR', files: 'INTEGER', insertions: 'INTEGER', deletions: 'INTEGER', pr: 'INTEGER', merge: 'BOOLEAN', ...isPrivate,
  },
  /**
   * Calendar occurrences imported by `turbowork import ics`, from evidence/calendar/*.jsonl; date is
   * the local day. Always private: they name other people, and nothing that leaves the machine needs them.
   */
  calendar_events: {
    calendar: 'VARCHAR', uid: 'VARCHAR', date: 'DATE', ...origin, start: 'VARCHAR', end: 'VARCHAR', hours: 'DOUBLE',
    all_day: 'BOOLEAN', title: 'VARCHAR', attendee_names: 'VARCHAR[]', attendee_emails: 'VARCHAR[]', recurring: 'BOOLEAN', ...isPrivate,
  },
  /**
   * When each entry file was written, from the journal's own git history: the days of the first and
   * last commits that touched it (followed through renames). Filled for `build` and `assess`.
   */
  entry_history: { path: 'VARCHAR', first_written: 'DATE', last_written: 'DATE', ...isPrivate },
} as const satisfies Record<string, Record<string, ColumnType>>;

export type TableName = keyof typeof TABLES;

/** A row of `table` as the parsers produce it; every column may be null. */
export type Row<T extends TableName> = { -readonly [C in keyof (typeof TABLES)[T]]: ColumnTypes[(typeof TABLES)[T][C] & ColumnType] | null };

/** Rows for some tables, e.g. everything one file contributes. */
export type Rows = { [T in TableName]?: Row<T>[] };

/** Bookkeeping tables: which files are loaded (for incremental ingest), their diagnostics, and the cross-file checks' findings. */
export const CACHE_DDL = `
CREATE TABLE IF NOT EXISTS files (path VARCHAR PRIMARY KEY, hash VARCHAR, kind VARCHAR, stamp VARCHAR);
CREATE TABLE IF NOT EXISTS diagnostics (file VARCHAR, line INTEGER, "column" INTEGER, severity VARCHAR,
  code VARCHAR, message VARCHAR, hint VARCHAR);
CREATE TABLE IF NOT EXISTS meta (key VARCHAR PRIMARY KEY, value VARCHAR);
CREATE TABLE IF NOT EXISTS check_findings (file VARCHAR, line INTEGER, "column" INTEGER, code VARCHAR, a VARCHAR, b VARCHAR, c VARCHAR);
`;

const VIEWS_SQL = readFileSync(new URL('./views.sql', import.meta.url), 'utf8');

/** The views over the tables (views.sql), e.g. for a copy of the tables. */
export const renderViewsDdl = (): string => VIEWS_SQL;

/** CREATE TABLE statements for every journal table, then the views over them (views.sql). */
export function renderTablesDdl(): string {
  return Object.entries(TABLES)
    .map(([name, columns]) => {
      const cols = Object.entries(columns).map(([col, type]) => `"${col}" ${type}`);
      return `CREATE TABLE IF NOT EXISTS ${name} (${cols.join(', ')});`;
    })
    .join('\n') + '\n' + VIEWS_SQL;
}
