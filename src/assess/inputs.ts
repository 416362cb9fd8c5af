/**
 * Gathers what one draft is made from, out of the shareable copy of the journal (only what may
 * leave the machine): the period's report model (figures, computed in SQL) and its entries (text to
 * quote and cite). Drafts are hierarchical so prompts stay bounded: a
 * week sees its days, a quarter its weeks' scores with the OKRs, feedback and achievements, and the
 * year its quarters' figures with the achievements and metrics.
 */
import type { Database } from '../db/duckdb.ts';
import type { ShareableDatabase } from '../db/shareable.ts';
import { addDays } from '../ingest/dates.ts';
import type { JournalConfig, SelfRating } from '../ingest/schema.ts';
import { resolveRatings } from '../ingest/ratings.ts';
import { parsePeriod, periodContaining, periodsBetween, type PeriodSpec } from '../scores/periods.ts';
import { computeReport, computeReports } from '../scores/report.ts';
import { SourceRegistry } from './checks/citations.ts';
import type { DraftInput } from './drafts/draft.ts';
import { readEntries, readSeries } from './entries.ts';
import type { DraftKind } from './store.ts';

/** A period or series that cannot be drafted as asked (a usage problem, not a content one). */
export class PeriodError extends Error {}

/** How far back a 1:1 prep looks when the series has had no meeting yet. */
const PREP_DAYS_WITHOUT_MEETING = 14;

/** A draft to make: its kind and period ("2025-W06", "2025-Q1", "2025", or a 1:1 series id). */
export interface Target {
  kind: DraftKind;
  period: string;
}

/**
 * The inputs of many drafts, as of `asOf` ("YYYY-MM-DD"), in the order given. Every report comes
 * from one batched run of the report SQL, as of the same date as the pages and `report` (a past
 * period is as of its last day), so a draft shows the figures of the page beside it; when those
 * change, its inputs change and it is refreshed.
 */
export async function collectInputs(db: ShareableDatabase, config: JournalConfig, targets: readonly Target[], asOf: string): Promise<DraftInput[]> {
  const specs = targets.map((t) => (t.kind === '1on1' ? null : periodSpec(t, config, asOf)));
  const quarterSpecs = specs.flatMap((spec) => (spec?.kind === 'year' ? periodsBetween('quarter', spec.start, spec.end, config.year_start).filter((q) => q.start <= asOf) : []));
  const periodSpecs = specs.filter((s): s is PeriodSpec => s !== null);
  const reports = await computeReports(db, [...periodSpecs, ...quarterSpecs], { asOf });
  const byId = new Map(reports.map((r) => [r.period.id, r]));
  const ranges = specs.map((spec) => {
    if (!spec) return null;
    const { as_of } = byId.get(spec.id)!.period;
    return { start: spec.start, end: spec.end, asOf: as_of < spec.start ? spec.start : as_of };
  });
  // Every period's entries in one read: a few queries instead of eight per draft.
  const periodEntries = await readEntries(db, ranges.filter((r) => r !== null));
  const inputs: DraftInput[] = [];
  let next = 0;
  for (const [i, target] of targets.entries()) {
    const spec = specs[i];
    const range = ranges[i];
    if (!spec || !range) {
      inputs.push(await collectOneOnOne(db, config, target.period, asOf));
      continue;
    }
    const report = byId.get(spec.id)!;
    const entries = periodEntries[next++];
    const input: DraftInput = { kind: target.kind, period: target.period, range, config, report, entries, sources: new SourceRegistry() };
    if (spec.kind === 'year') {
      input.quarters = periodsBetween('quarter', spec.start, spec.end, config.year_start).filter((q) => q.start <= asOf).map((q) => byId.get(q.id)!);
      // A private year's file is not in the shareable copy: its ratings never reach a draft.
      const written = await db.all<{ competency: string; rating: SelfRating }>(`SELECT competency, rating FROM self_ratings WHERE year = $year ORDER BY path, line`, { year: target.period });
      input.selfRatings = resolveRatings(config, target.period, written);
    }
    inputs.push(input);
  }
  return inputs;
}

function periodSpec(target: Target, config: JournalConfig, asOf: string): PeriodSpec {
  const spec = parsePeriod(target.period, config.year_start);
  const expected = { week: '2025-W06', quarter: '2025-Q1', year: '2025', '1on1': '' }[target.kind];
  if (!spec || spec.kind !== target.kind) throw new PeriodError(`"${target.period}" is not a ${target.kind}; expected e.g. ${expected}`);
  if (spec.start > asOf) throw new PeriodError(`${target.period} starts on ${spec.start}, after the as-of date ${asOf}`);
  return spec;
}

async function collectOneOnOne(db: ShareableDatabase, config: JournalConfig, seriesId: string, asOf: string): Promise<DraftInput> {
  const series = await readSeries(db, seriesId);
  if (!series) throw new PeriodError(`there is no 1:1 series "${seriesId}" (or it is private); series are the folders under one-on-ones/`);
  const [last] = await db.all<{ date: string | null }>(
    `SELECT max(date) AS date FROM meetings WHERE series = $id AND date <= $as_of::DATE`,
    { id: seriesId, as_of: asOf },
  );
  const lastMeeting = last?.date ?? null;
  // Whether the series has met (as far as the shareable copy knows): only a first meeting gets the agenda template.
  const [any] = await db.all<{ n: number }>(`SELECT count(*) AS n FROM meetings WHERE series = $id AND date <= $as_of::DATE`, { id: seriesId, as_of: asOf });
  // From the last meeting (its notes and action items included) to today.
  const start = lastMeeting ?? addDays(asOf, -(PREP_DAYS_WITHOUT_MEETING - 1));
  const report = await computeReport(db, `${start}..${asOf}`, { asOf });
  const range = { start, end: asOf, asOf };
  const [entries] = await readEntries(db, [range]);
  return {
    kind: '1on1', period: seriesId, range, config, report, entries, sources: new SourceRegistry(),
    series: { ...series, lastMeeting, met: (any?.n ?? 0) > 0 },
  };
}

/**
 * The weeks, quarters and years that have shareable entries, up to `asOf`, in the order drafts are
 * made. `db` is the journal's database: the list is read from its shareable views (src/db/shareable.sql).
 */
export async function listPeriods(db: Database, config: JournalConfig, asOf: string): Promise<{ kind: DraftKind; period: string }[]> {
  // Only periods with entries: a gap of years between two logs (or a typo such as 0025 for
  // 2025) drafts nothing for the empty quarters and years in it.
  const days = await db.all<{ date: string; week: string }>(
    `SELECT DISTINCT strftime(date, '%Y-%m-%d') AS date, week FROM shareable.days WHERE date <= $as_of::DATE ORDER BY date`,
    { as_of: asOf },
  );
  const weeks = [...new Set(days.map((d) => d.week))].sort();
  // The days are in order: a day within the last quarter found needs no lookup.
  const quarters: PeriodSpec[] = [];
  for (const { date } of days) {
    if (quarters.length === 0 || date > quarters.at(-1)!.end) quarters.push(periodContaining('quarter', date, config.year_start));
  }
  const years = [...new Set(quarters.map((q) => periodContaining('year', q.start, config.year_start).id))];
  return [
    ...weeks.map((week) => ({ kind: 'week' as const, period: week })),
    ...quarters.map((q) => ({ kind: 'quarter' as const, period: q.id })),
    ...years.map((year) => ({ kind: 'year' as const, period: year })),
  ];
}
