/**
 * Report models (model.ts) computed from the rollup SQL in rollups/. One run takes any number of
 * periods: each rollup is one query over all of them (a temp table report_periods), so the site's
 * every-week-quarter-and-year build costs a dozen queries, not thousands. A single report is the
 * same run with one period, so both paths give the same figures.
 */
import { hash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Database } from '../db/duckdb.ts';
import type { Report } from './model.ts';
import { parsePeriod, periodsBetween, type PeriodSpec } from './periods.ts';
import { digestSources } from './sources.ts';

const sql = (name: string) => readFileSync(new URL(`./rollups/${name}.sql`, import.meta.url), 'utf8');

const PERIODS_SQL = sql('_periods');
const PREPARE_SQL = sql('_prepare');
const WEEKLY_SQL = sql('_weekly');
const SPAN_SQL = sql('_span');
/** Each rollup returns one row per period: `period_id` and top-level fields of the model. */
const ROLLUP_NAMES = ['days', 'wins', 'metrics', 'weeks', 'okrs', 'sprints', 'one_on_ones', 'action_items', 'tags', 'patterns'] as const;
type RollupName = (typeof ROLLUP_NAMES)[number];
const ROLLUPS = new Map(ROLLUP_NAMES.map((name) => [name, sql(name)]));

export interface ReportOptions {
  /** Entries dated after this do not count, e.g. "2025-02-15"; past periods are as of their last day. */
  asOf: string;
}

/** Every report of a journal, for the site build: all weeks, quarters and years with entries. */
export interface AllReports<Whole = Report> {
  weeks: Report[];
  quarters: Report[];
  years: Report[];
  /** The whole journal as one range, from its first week's Monday to asOf; null when it is empty. */
  all: Whole | null;
}

/**
 * The rollups of the whole journal's report that the site reads (src/site/data.ts: the objectives'
 * wins, the achievements' figures, the sprints' velocities, the open action items, the patterns).
 * The whole journal's report is recomputed after any edit, and it reads every row: its other rollups
 * (the days, objectives, 1:1s, tags…) cost more than half of a build's reports, for nothing shown.
 */
const WHOLE_ROLLUPS = ['wins', 'sprints', 'action_items', 'patterns'] as const satisfies readonly RollupName[];
/** The fields of the whole journal's report the site reads: those of WHOLE_ROLLUPS. */
export type WholeReport = Pick<Report, 'wins' | 'achievements' | 'sprints' | 'action_items' | 'patterns'>;

// One run at a time per database: runs share the temp tables report_periods and friends.
const queues = new WeakMap<Database, Promise<unknown>>();
function serialized<T>(db: Database, task: () => Promise<T>): Promise<T> {
  const previous = queues.get(db) ?? Promise.resolve();
  const next = previous.then(task, task);
  queues.set(db, next.catch(() => undefined));
  return next;
}

/** The reports of many periods in one run, in the order given. */
export async function computeReports(db: Database, periods: readonly PeriodSpec[], options: ReportOptions): Promise<Report[]> {
  return (await runRollups(db, periods, ROLLUP_NAMES, options)).map(assemble);
}

/**
 * Only the wins and achievements of these periods' reports (`dev` makes a saved day's page from its
 * week's wins), from the same rollup, so they are the reports' own, without the cost of the others.
 */
export async function computeWins(db: Database, periods: readonly PeriodSpec[], options: ReportOptions): Promise<Pick<Report, 'wins' | 'achievements'>[]> {
  return (await runRollups(db, periods, ['wins'], options)) as Pick<Report, 'wins' | 'achievements'>[];
}

/** The whole journal's report as the site reads it (WholeReport): the same figures as its full report's, from the rollups the site shows alone. */
export async function computeWhole(db: Database, period: PeriodSpec, options: ReportOptions): Promise<WholeReport> {
  const [whole] = await runRollups(db, [period], WHOLE_ROLLUPS, options);
  return whole as WholeReport;
}

/** The fields of the named rollups for each period, in the order given. */
function runRollups(db: Database, periods: readonly PeriodSpec[], rollups: readonly RollupName[], { asOf }: ReportOptions): Promise<Record<string, unknown>[]> {
  return serialized(db, async () => {
    if (periods.length === 0) return [];
    const unique = [...new Map(periods.map((p) => [p.id, p])).values()];
    await db.run(PERIODS_SQL, { periods: JSON.stringify(unique), as_of: asOf });
    await db.run(PREPARE_SQL);
    if (rollups.includes('weeks')) await db.run(WEEKLY_SQL);
    const parts = new Map<string, Record<string, unknown>>(unique.map((p) => [p.id, {}]));
    for (const rollup of rollups) {
      // DuckDB writes the nested rows as one JSON text: far faster than converting value by value.
      const [{ json }] = await db.all<{ json: string }>(`SELECT to_json(list(rollup))::VARCHAR AS json FROM (${ROLLUPS.get(rollup)}) rollup`);
      for (const { period_id, ...fields } of JSON.parse(json) as { period_id: string }[]) Object.assign(parts.get(period_id)!, fields);
    }
    return periods.map((p) => parts.get(p.id)!);
  });
}

/** The report of one period: a PeriodSpec, or its id ("2025-W06", "2025-Q1", "2025", "2025-01-01..2025-03-31"). */
export async function computeReport(db: Database, period: PeriodSpec | string, options: ReportOptions): Promise<Report> {
  const spec = typeof period === 'string' ? parsePeriod(period, await readYearStart(db)) : period;
  if (!spec) throw new TypeError(`"${period as string}" is not a period: expected 2025-W06, 2025-Q1, 2025 or 2025-01-01..2025-03-31`);
  const [report] = await computeReports(db, [spec], options);
  return report;
}

/** Every week, quarter and year from the journal's first entry to its last on or before asOf, and the whole span, in one run. */
export async function computeAllReports(db: Database, asOf: string): Promise<AllReports> {
  const spans = await allPeriods(db, asOf);
  if (!spans) return { weeks: [], quarters: [], years: [], all: null };
  const { weeks, quarters, years, whole } = spans;
  const reports = await computeReports(db, [...weeks, ...quarters, ...years, whole], { asOf });
  return split(reports, spans) as AllReports;
}

/** The periods of computeAllReports: every week, quarter and year of the journal's span, and the whole span; null for an empty journal. */
async function allPeriods(db: Database, asOf: string): Promise<{ weeks: PeriodSpec[]; quarters: PeriodSpec[]; years: PeriodSpec[]; whole: PeriodSpec } | null> {
  const [span] = await db.all<{ first: string | null; last: string | null }>(SPAN_SQL, { as_of: asOf });
  if (!span?.first || !span.last) return null;
  const yearStart = await readYearStart(db);
  const weeks = periodsBetween('week', span.first, span.last, yearStart);
  return {
    weeks,
    quarters: periodsBetween('quarter', span.first, span.last, yearStart),
    years: periodsBetween('year', span.first, span.last, yearStart),
    whole: parsePeriod(`${weeks[0].start}..${asOf}`, yearStart)!,
  };
}

/** The reports of allPeriods' periods, in their order, as AllReports. */
function split(reports: (Report | WholeReport)[], { weeks, quarters }: { weeks: unknown[]; quarters: unknown[] }): AllReports<Report | WholeReport> {
  return {
    weeks: reports.slice(0, weeks.length) as Report[],
    quarters: reports.slice(weeks.length, weeks.length + quarters.length) as Report[],
    years: reports.slice(weeks.length + quarters.length, -1) as Report[],
    all: reports.at(-1)!,
  };
}

/** Reports of an earlier run, by the hash of what each was made from (computeAllReportsKeeping). */
export interface KeptReports {
  /** What the reports depend on besides the journal's rows, e.g. a hash of the code and settings. */
  key: string;
  /** Each report by its hash, parsed when it is asked for (`get`): the build's cache file reads them so (src/site/json-lines.ts). */
  reports: Pick<ReadonlyMap<string, Report | WholeReport>, 'has' | 'get'>;
}

/**
 * computeAllReports for the site, keeping each report of an earlier run whose period's sources are
 * unchanged, and with the whole journal's report as the site reads it (computeWhole): a
 * report is made from the rows sources.sql hashes for its period (the period's own rows, the weeks
 * before it that its scores look back on, the action items and 1:1s carried over, the objectives and
 * sprints it overlaps), its as-of date, the journal's span (outlying entries make no weeks) and the
 * settings. Only the periods whose hash of these differs from every kept report's are computed: an
 * edit to one daily log recomputes its week, quarter and year and the whole journal's report.
 * Returns the reports and each one by its hash, to keep for the next run.
 */
export async function computeAllReportsKeeping(db: Database, asOf: string, kept: KeptReports | null): Promise<{ reports: AllReports<WholeReport>; byHash: Map<string, Report | WholeReport>; computed: number }> {
  const spans = await allPeriods(db, asOf);
  if (!spans) return { reports: { weeks: [], quarters: [], years: [], all: null }, byHash: new Map(), computed: 0 };
  const { weeks, quarters, years, whole } = spans;
  const periods = [...weeks, ...quarters, ...years, whole];
  const hashes = kept ? await hashPeriods(db, periods, asOf, kept.key) : null;
  const missing = hashes ? periods.filter((_, i) => !kept!.reports.has(hashes[i])) : periods;
  const periodic = missing.filter((p) => p !== whole);
  const computed = await computeReports(db, periodic, { asOf });
  const fresh = new Map<string, Report | WholeReport>(periodic.map((p, i) => [p.id, computed[i]]));
  if (missing.includes(whole)) fresh.set(whole.id, await computeWhole(db, whole, { asOf }));
  const reports = periods.map((p, i) => fresh.get(p.id) ?? kept!.reports.get(hashes![i])!);
  return {
    reports: split(reports, spans) as AllReports<WholeReport>,
    byHash: new Map(hashes ? reports.map((report, i) => [hashes[i], report]) : []),
    computed: missing.length,
  };
}

/** The hash of what each period's report is made from (computeAllReportsKeeping), in the order given. */
async function hashPeriods(db: Database, periods: readonly PeriodSpec[], asOf: string, key: string): Promise<string[]> {
  const digests = await digestSources(db, periods.map(({ id, start, end }) => ({ id, start, end })), 'main');
  const [whole] = await db.all<Record<string, unknown>>(`SELECT (SELECT to_json(list(s)) FROM settings s)::VARCHAR AS settings, (SELECT to_json(list(j)) FROM journal_span j)::VARCHAR AS span`);
  return periods.map((period) => {
    // A period's figures count its rows up to its last day, or up to asOf while it is not over;
    // a period that is not over also lists every item still open (action_items.sql).
    const range = { ...period, asOf: period.end < asOf ? period.end : asOf, current: period.end >= asOf };
    return hash('sha256', JSON.stringify({ key, range, digest: digests.get(period.id), whole }), 'base64url');
  });
}

async function readYearStart(db: Database): Promise<string> {
  const [row] = await db.all<{ year_start: string }>('SELECT year_start FROM settings');
  return row.year_start;
}

/** Puts the rollups' fields in the model's shape; gaps gather from three rollups. */
function assemble(parts: Record<string, unknown>): Report {
  const { missing_days, stale_key_results, quiet_series, ...fields } = parts;
  return { ...fields, gaps: { missing_days, stale_key_results, quiet_series } } as Report;
}
