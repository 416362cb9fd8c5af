/**
 * Report models (computeReport / computeAllReports) on the scores-week and scores-patterns
 * fixtures. Expected figures are worked out by hand in the comments; the weekly scores behind
 * them are worked out in weekly_scores.test.ts, key results in okrs.test.ts.
 */
import { appendFile, cp, mkdtemp, readFile, rm, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../db/duckdb.ts';
import { openJournal } from '../journal.ts';
import { Report } from './model.ts';
import { parsePeriod } from './periods.ts';
import { computeAllReports, computeAllReportsKeeping, computeReport, computeReports, computeWhole, computeWins, type AllReports, type KeptReports, type WholeReport } from './report.ts';

const FIXTURES = new URL('../../test/fixtures/journals/', import.meta.url).pathname;
const AS_OF = '2025-06-30'; // every fixture period but Q2 is over by then
let db: Database;
let patterns: Database;
beforeAll(async () => {
  ({ db } = await openJournal({ journalDir: join(FIXTURES, 'scores-week'), cacheDir: null }));
  ({ db: patterns } = await openJournal({ journalDir: join(FIXTURES, 'scores-patterns'), cacheDir: null }));
});
afterAll(() => {
  db.close();
  patterns.close();
});

const W06_COMPOSITE = (4696.875 + 36000 / 19) / 100; // weekly_scores.test.ts
const report = (period: string, asOf = AS_OF) => computeReport(db, period, { asOf });

describe('a week: 2025-W06', () => {
  it('has its period, coverage and the days behind it', async () => {
    const r = await report('2025-W06');
    expect(r.period).toEqual({ kind: 'week', id: '2025-W06', start: '2025-02-03', end: '2025-02-09', as_of: '2025-02-09', complete: true });
    // Work days Mon–Fri = 5; logs Mon, Tue, Thu, Fri, Sat; hours 8 + 9 + 7 + 0 + 2; deep 4 + 3 + 0 + 2; meetings 2 + 5 + 1
    expect(r.coverage).toEqual({ work_days: 5, logged_days: 5, logged_work_days: 4, coverage: 0.8, hours: 26, deep_work: 9, meeting_hours: 8 });
    expect(r.days.map((d) => [d.date, d.work_day, d.wins])).toEqual([
      ['2025-02-03', true, 2], ['2025-02-04', true, 1], ['2025-02-06', true, 1], ['2025-02-07', true, 0], ['2025-02-08', false, 1],
    ]);
    expect(r.gaps.missing_days).toEqual(['2025-02-05']);
  });

  it('lists wins, metrics and achievements with their sources', async () => {
    const r = await report('2025-W06');
    expect(r.wins).toMatchObject({ count: 5, highlights: 1, tied: 3 });
    expect(r.wins.items.map((w) => w.id)).toEqual(['2025-02-03#1', '2025-02-03#2', '2025-02-04#1', '2025-02-06#1', '2025-02-08#1']);
    expect(r.wins.items.at(-1)).toMatchObject({ path: 'daily/2025/2025-02-08.md', line: 10, highlight: true, tags: ['docs'], tied: false });
    expect(r.metrics.money).toEqual([{ currency: 'USD', basis: 'per_year', total: 5000, count: 1, win_ids: ['2025-02-04#1'] }]); // "saving $5K a year"
    // "saving 45 minutes per release" is a saving with no common basis, and the only before → after is a latency: no time saved
    expect(r.metrics.time_saved).toEqual({ minutes: null, count: 0, win_ids: [] });
    // "from 800ms to 560ms": (560 − 800) / 800 = −0.3
    expect(r.metrics.changes).toMatchObject([{ win_id: '2025-02-03#1', before: 800, after: 560, unit: 'ms', change: -0.3, path: 'daily/2025/2025-02-03.md', line: 15 }]);
    expect(r.metrics.percents).toMatchObject([{ win_id: '2025-02-06#1', value: 30 }]);
    // pages per week 120 → 30: (30 − 120) / 120 = −0.75
    expect(r.achievements).toMatchObject([{ id: '2025-02-07-pager-noise', highlight: true, metric: { before: 120, after: 30, change: -0.75 } }]);
    expect(r.tags.map((t) => [t.tag, t.count])).toEqual([['cost', 1], ['docs', 1], ['oncall', 1], ['perf', 1]]);
    expect(r.skills.map((s) => s.skill)).toEqual(['Alerting', 'Prometheus']);
  });

  it('carries its weekly score', async () => {
    const { weeks } = await report('2025-W06');
    expect(weeks).toMatchObject({ green: 0, yellow: 1, red: 0, no_data: 0 });
    expect(weeks.mean_composite).toBeCloseTo(W06_COMPOSITE, 9);
    expect(weeks.items).toHaveLength(1);
    expect(weeks.items[0]).toMatchObject({ week: '2025-W06', status: 'yellow', consistency: 80, delivery: 50 });
  });

  it('shows the objectives as of the week’s last day', async () => {
    // Feb 9: expected 40/90 = 44.4. reliability: uptime 50 on_track, incidents (Jan 31: 4) 1/3 = 33.3 at_risk,
    // latency 40 on_track, runbooks 0 off_track → (50 + 33.33 + 2×40 + 0) / 5 = 98/3 = 32.67, off_track.
    // delivery: budget (no check-in yet, 0 = target) 100, docs 100 → 100, achieved.
    const { objectives, gaps } = await report('2025-W06');
    expect(objectives.items.map((o) => [o.objective_id, o.status])).toEqual([['2025-Q1/delivery', 'achieved'], ['2025-Q1/reliability', 'off_track']]);
    expect(objectives.items[1].progress).toBeCloseTo(98 / 3, 9);
    expect(objectives.items[1].expected).toBeCloseTo(4000 / 90, 9);
    expect(objectives.mean_progress).toBeCloseTo((98 / 3 + 100) / 2, 9);
    expect(objectives).toMatchObject({ achieved: 1, off_track: 1, on_track: 0, at_risk: 0 });
    // Stale on Feb 9: uptime (Jan 20, 20 days) and runbooks (no check-in, 39 days since Jan 1)
    expect(gaps.stale_key_results.map((k) => [k.kr_id, k.days_since_check_in])).toEqual([['uptime', 20], ['runbooks', null]]);
  });

  it('counts the 1:1, feedback and action items of the week', async () => {
    const r = await report('2025-W06');
    expect(r.one_on_ones).toMatchObject([{ series: 'sam-lee', person: 'Sam Lee', held: 1, last_meeting: '2025-02-03', days_since_meeting: 6 }]);
    expect(r.feedback).toMatchObject([{ text: 'Great incident comms last week.', path: 'one-on-ones/sam-lee/2025-02-03.md', line: 8 }]);
    // As of Feb 9: the retro opened Feb 3; the RFC review ticked Feb 3; draft, offsite, retro open; draft overdue (due Feb 1)
    expect(r.action_items).toMatchObject({ opened: 1, done: 1, open: 3, overdue: 1, all_open_listed: false });
    expect(r.sprints).toEqual({ mean_velocity: null, planned_points: null, completed_points: null, items: [] }); // S03 ends Feb 14
  });
});

describe('an empty week and an overridden one', () => {
  it('2025-W08 has no logs: no_data, zeros and nulls, never NaN', async () => {
    const r = await report('2025-W08');
    expect(r.coverage).toEqual({ work_days: 5, logged_days: 0, logged_work_days: 0, coverage: 0, hours: null, deep_work: null, meeting_hours: null });
    expect(r.weeks).toMatchObject({ no_data: 1, mean_composite: null, mean_focus: null });
    expect(r.wins).toEqual({ count: 0, highlights: 0, tied: 0, listed: 'all', items: [] });
    expect(r.patterns).toMatchObject({ weeks_of_data: 0, streak: { days: 0, start: null, end: null }, meetings_vs_energy: { r: null, days: 0 } });
    // As of Feb 23: offsite ticked Feb 17; draft (due Feb 1) and retro (due Feb 20) open and overdue
    expect(r.action_items).toMatchObject({ opened: 0, done: 1, open: 2, overdue: 2 });
    expect(r.action_items.items.map((i) => [i.item_key, i.done_in_period, i.overdue])).toEqual([
      ['book the offsite room', true, false], ['draft the on-call rotation proposal', false, true], ['write the incident retro', false, true],
    ]);
  });

  it('2025-W07 reports the override and its reason', async () => {
    const { weeks } = await report('2025-W07');
    expect(weeks).toMatchObject({ green: 1, red: 0, overridden: 1 });
    expect(weeks.items[0]).toMatchObject({ status: 'green', computed_status: 'red', override_reason: 'On call all week; the incident was handled well' });
  });
});

describe('a quarter: 2025-Q1', () => {
  it('rolls up coverage, wins, metrics and weeks', async () => {
    const r = await report('2025-Q1');
    // Work days: Jan 23 + Feb 20 + Mar 21 = 64; logged work days Feb 3, 4, 6, 7, 10, 11, 24, Mar 4 = 8 → 8/64
    expect(r.coverage).toEqual({ work_days: 64, logged_days: 9, logged_work_days: 8, coverage: 0.125, hours: 54, deep_work: 14, meeting_hours: 24 });
    expect(r.gaps.missing_days).toHaveLength(56);
    expect(r.wins).toMatchObject({ count: 8, highlights: 1, tied: 5, listed: 'highlights' }); // 5 + 1 + 2 wins; tied 3 + 0 + 2
    expect(r.wins.items.map((w) => w.id)).toEqual(['2025-02-08#1']); // a quarter lists its highlights
    // "saving 45 minutes per release" and "saving 2h a week" are not added (no common basis), nor is the latency change
    expect(r.metrics.time_saved).toEqual({ minutes: null, count: 0, win_ids: [] });
    expect(r.metrics.money).toEqual([{ currency: 'USD', basis: 'per_year', total: 5000, count: 1, win_ids: ['2025-02-04#1'] }]);
    // W06 yellow, W07 green (override), W08 no data, W09 green, W10 red
    expect(r.weeks).toMatchObject({ green: 2, yellow: 1, red: 1, no_data: 1, overridden: 1 });
    expect(r.weeks.items.map((w) => w.week)).toEqual(['2025-W06', '2025-W07', '2025-W08', '2025-W09', '2025-W10']);
    // Means over the 4 weeks with logs: composite (65.92 + 16.125 + 84.25 + 6.67) / 4; consistency (80 + 40 + 20 + 20) / 4
    expect(r.weeks.mean_composite).toBeCloseTo((W06_COMPOSITE + 16.125 + 84.25 + 20 / 3) / 4, 9);
    expect(r.weeks.mean_consistency).toBe(40);
    expect(r.weeks.mean_delivery).toBe(43.75); // (50 + 25 + 100 + 0) / 4
    expect(r.weeks.mean_focus).toBeCloseTo((1800 / 19 + 10 + 100) / 3, 9); // W10 has none
  });

  it('reports objectives at the quarter’s end, sprint velocity and gaps', async () => {
    const r = await report('2025-Q1');
    // Mar 31: expected 100. reliability 118/3 as on Feb 15, every key result below 75 → off_track;
    // delivery: budget's Mar 10 check-in 1 ≠ 0 → 0, docs 100 → 50, off_track
    expect(r.objectives.items.map((o) => [o.objective_id, o.status])).toEqual([['2025-Q1/delivery', 'off_track'], ['2025-Q1/reliability', 'off_track']]);
    expect(r.objectives.items[0].progress).toBe(50);
    expect(r.objectives.items[1].progress).toBeCloseTo(118 / 3, 9);
    expect(r.objectives.mean_progress).toBeCloseTo((50 + 118 / 3) / 2, 9);
    // Velocity 38 / 40 = 0.95; Sprint 4 planned 0 points: no velocity, so the mean is 0.95
    expect(r.sprints).toMatchObject({ mean_velocity: 0.95, planned_points: 40, completed_points: 41 });
    expect(r.sprints.items.map((s) => s.velocity)).toEqual([0.95, null]);
    // Everything but docs (achieved) had no check-in in the last 14 days of the active quarter
    expect(r.gaps.stale_key_results.map((k) => k.kr_id)).toEqual(['budget', 'uptime', 'incidents', 'latency', 'runbooks']);
    // biweekly: quiet after 28 days; last met Feb 17, Mar 31 − Feb 17 = 42
    expect(r.gaps.quiet_series).toMatchObject([{ series: 'sam-lee', last_meeting: '2025-02-17', days_since_meeting: 42 }]);
    expect(r.one_on_ones).toMatchObject([{ series: 'sam-lee', held: 3 }]);
    expect(r.feedback).toHaveLength(2);
    expect(r.action_items).toMatchObject({ opened: 4, done: 2, open: 2, overdue: 2 });
    expect(r.tags.map((t) => [t.tag, t.count])).toEqual([['oncall', 2], ['cost', 1], ['docs', 1], ['perf', 1]]);
  });

  it('finds the work patterns and makes no suggestion on fewer than 8 weeks', async () => {
    const { patterns: p } = await report('2025-Q1');
    expect(p.weeks_of_data).toBe(4); // W06, W07, W09, W10
    // Logged work days Feb 6, 7, 10, 11 run without a gap (the weekend does not break it); Feb 5 has no log
    expect(p.streak).toEqual({ days: 4, start: '2025-02-06', end: '2025-02-11' });
    // Meetings / hours over logs giving both: W06 8/24, W07 15/20 = 0.75 > 0.5, W09 1/8; W10 gives no meetings
    expect(p.meeting_heavy_weeks).toEqual({ weeks_measured: 3, count: 1, items: [{ week: '2025-W07', hours: 20, meeting_hours: 15, share: 0.75 }] });
    // (meetings, energy): (2,4) (5,3) (7,2) (8,1) (1,4); means 4.6, 2.8; Σdxdy = −15.4, Σdx² = 37.2, Σdy² = 6.8
    expect(p.meetings_vs_energy.r).toBeCloseTo(-15.4 / Math.sqrt(37.2 * 6.8), 9);
    expect(p.meetings_vs_energy).toMatchObject({ days: 5, weeks: 3 });
    // (meetings, deep work): (2,4) (5,3) (7,1) (8,0) (1,4); mean 2.4; Σdxdy = −21.2, Σdy² = 13.2
    expect(p.meetings_vs_deep_work.r).toBeCloseTo(-21.2 / Math.sqrt(37.2 * 13.2), 9);
    // Mondays Feb 3, 10, 24: deep (4 + 1 + 4) / 3 = 3, energy (4 + 2 + 4) / 3
    expect(p.weekdays[0]).toMatchObject({ weekday: 1, name: 'Monday', days: 3, deep_work: 3, deep_work_weeks: 3 });
    expect(p.weekdays[0].energy).toBeCloseTo(10 / 3, 9);
    expect(p.suggestions).toEqual([]);
  });
});

describe('a quarter with nothing in it: 2025-Q2', () => {
  it('has no objectives, no weeks and no scores, and still names the gaps', async () => {
    const r = await report('2025-Q2');
    expect(r.period).toMatchObject({ as_of: '2025-06-30', complete: true });
    // Apr 22 + May 22 + Jun 21 work days, none logged
    expect(r.coverage).toEqual({ work_days: 65, logged_days: 0, logged_work_days: 0, coverage: 0, hours: null, deep_work: null, meeting_hours: null });
    expect(r.objectives).toEqual({ mean_progress: null, achieved: 0, on_track: 0, at_risk: 0, off_track: 0, no_data: 0, items: [] });
    expect(r.weeks).toMatchObject({ green: 0, no_data: 0, mean_composite: null, items: [] });
    expect(r.gaps.stale_key_results).toEqual([]);
    // Jun 30 − Feb 17 = 11 + 31 + 30 + 31 + 30 = 133 days
    expect(r.gaps.quiet_series).toMatchObject([{ series: 'sam-lee', days_since_meeting: 133 }]);
    // The period reaches the run's as-of date, so every open item is listed
    expect(r.action_items).toMatchObject({ opened: 0, done: 0, open: 2, overdue: 2, all_open_listed: true });
    expect(r.action_items.items).toHaveLength(2);
  });

  it('reports a period that has not begun without failing', async () => {
    const r = await report('2025-Q3');
    expect(r.period).toMatchObject({ as_of: '2025-06-30', complete: false });
    expect(r.coverage.work_days).toBe(0);
    expect(r.coverage.coverage).toBeNull();
    expect(Report.parse(r)).toEqual(r);
  });
});

describe('work patterns over 8 weeks and more', () => {
  // scores-patterns: nine weeks, 2025-W02 … W10. Mondays 8 h, 6 in meetings, deep 1, energy 2;
  // Tuesdays 8 h, no meetings, deep 5, energy 4; Wednesdays of W03, W06, W09: 6 h, all meetings.
  it('suggests what the patterns show', async () => {
    const { patterns: p, gaps } = await computeReport(patterns, '2025-01-06..2025-03-09', { asOf: AS_OF });
    expect(p.weeks_of_data).toBe(9);
    expect(p.weekdays.map((d) => [d.name, d.days, d.deep_work, d.energy])).toEqual([['Monday', 9, 1, 2], ['Tuesday', 9, 5, 4], ['Wednesday', 3, null, null]]);
    // Two values of meetings, each with one value of energy and deep work: a straight falling line, r = −1
    expect(p.meetings_vs_energy.r).toBeCloseTo(-1, 9);
    expect(p.meetings_vs_deep_work).toMatchObject({ days: 18, weeks: 9 });
    // Mon–Wed of W09 is the latest of the 3-day runs
    expect(p.streak).toEqual({ days: 3, start: '2025-02-24', end: '2025-02-26' });
    // Weeks with a Wednesday: (6 + 0 + 6) / (8 + 8 + 6) = 12/22 > 0.5; others 6/16
    expect(p.meeting_heavy_weeks.items.map((w) => w.week)).toEqual(['2025-W03', '2025-W06', '2025-W09']);
    expect(p.meeting_heavy_weeks.items[0].share).toBeCloseTo(12 / 22, 9);
    expect(gaps.missing_days).toHaveLength(24); // 45 work days, 21 logged
    expect(p.suggestions).toEqual([
      { pattern: 'deep_work_by_weekday', text: 'Deep work is highest on Tuesday (5.0 h on average) and lowest on Monday (1.0 h) over 9 weeks: plan focused work for Tuesday and gather meetings on Monday.' },
      { pattern: 'energy_by_weekday', text: 'Energy is highest on Tuesday (4.0 of 5) and lowest on Monday (2.0) over 9 weeks: put demanding work on Tuesday and lighter work on Monday.' },
      { pattern: 'meeting_heavy_weeks', text: 'In 3 of 9 weeks meetings took more than half of your hours: review your recurring meetings.' },
      { pattern: 'meetings_vs_deep_work', text: 'Days with more meeting hours have less deep work (r = -1.00 over 18 days in 9 weeks): cluster meetings to keep long focus blocks.' },
      { pattern: 'meetings_vs_energy', text: 'Days with more meeting hours have lower energy (r = -1.00 over 18 days in 9 weeks): keep some days meeting-free.' },
    ]);
  });

  it('stays silent on 7 weeks of the same data', async () => {
    const { patterns: p } = await computeReport(patterns, '2025-01-06..2025-02-23', { asOf: AS_OF });
    expect(p.weeks_of_data).toBe(7);
    expect(p.meetings_vs_energy.r).toBeCloseTo(-1, 9);
    expect(p.suggestions).toEqual([]);
  });
});

describe('computeAllReports', () => {
  it('gives every week, quarter and year, each equal to its single report and valid', async () => {
    const all = await computeAllReports(db, AS_OF);
    // Entries span Jan 15 (docs check-in) … Mar 10 (budget check-in); objectives start Jan 1
    expect(all.weeks.map((r) => r.period.id)).toEqual(['2025-W01', '2025-W02', '2025-W03', '2025-W04', '2025-W05', '2025-W06', '2025-W07', '2025-W08', '2025-W09', '2025-W10', '2025-W11']);
    expect(all.quarters.map((r) => r.period.id)).toEqual(['2025-Q1']);
    expect(all.years.map((r) => r.period.id)).toEqual(['2025']);
    expect(all.all?.period).toMatchObject({ kind: 'range', id: `2024-12-30..${AS_OF}`, start: '2024-12-30', end: AS_OF });
    for (const r of [...all.weeks, ...all.quarters, ...all.years, all.all!]) {
      expect(Report.parse(r)).toEqual(r);
      expect(await report(r.period.id)).toEqual(r);
      expect(JSON.stringify(r)).not.toMatch(/NaN|Infinity/);
    }
  });

  it('computes many periods in one run, in the order asked', async () => {
    const [a, b] = await computeReports(db, [{ kind: 'week', id: '2025-W07', start: '2025-02-10', end: '2025-02-16' }, { kind: 'range', id: '2025-02-01..2025-02-28', start: '2025-02-01', end: '2025-02-28' }], { asOf: AS_OF });
    expect([a.period.id, b.period.id]).toEqual(['2025-W07', '2025-02-01..2025-02-28']);
    expect(b.wins.count).toBe(8); // every win of the fixture is in February
  });

  it('returns nothing for an empty journal, and empty reports for its periods', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'turbowork-empty-'));
    try {
      await writeFile(join(dir, 'journal.yml'), 'work_days: []\n');
      const journal = await openJournal({ journalDir: dir, cacheDir: null });
      try {
        expect(await computeAllReports(journal.db, AS_OF)).toEqual({ weeks: [], quarters: [], years: [], all: null });
        const r = await computeReport(journal.db, '2025-W06', { asOf: AS_OF });
        // No work days configured: coverage has nothing to divide by
        expect(r.coverage).toEqual({ work_days: 0, logged_days: 0, logged_work_days: 0, coverage: null, hours: null, deep_work: null, meeting_hours: null });
        expect(Report.parse(r)).toEqual(r);
      } finally {
        journal.db.close();
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('only the wins (computeWins, for dev)', () => {
  it('gives each period the wins and achievements its whole report gives, run alone or among others', async () => {
    const periods = ['2025-W06', '2025-W07', '2025-Q1', '2025'].map((id) => parsePeriod(id)!);
    const whole = await computeReports(db, periods, { asOf: AS_OF });
    expect(whole[0].wins.items.length).toBeGreaterThan(0);
    const wins = whole.map(({ wins, achievements }) => ({ wins, achievements }));
    expect(await computeWins(db, periods, { asOf: AS_OF })).toEqual(wins);
    expect(await computeWins(db, [periods[0]], { asOf: AS_OF })).toEqual([wins[0]]);
  });
});

/** What the site reads of the whole journal's report (WholeReport), picked from a full report. */
const wholeOf = ({ wins, achievements, sprints, action_items, patterns }: Report): WholeReport => ({ wins, achievements, sprints, action_items, patterns });

describe('the whole journal\'s report as the site reads it (computeWhole)', () => {
  const SAMPLE = new URL('../../journal/', import.meta.url).pathname;

  it('has the figures of the full report, for any span and as-of date, on the sample journal and the fixtures (property)', async () => {
    const sample = (await openJournal({ journalDir: SAMPLE, cacheDir: null })).db;
    try {
      const day = (offset: number) => new Date(Date.UTC(2024, 11, 1) + offset * 86_400_000).toISOString().slice(0, 10);
      await fc.assert(fc.asyncProperty(
        fc.constantFrom(sample, db, patterns), fc.integer({ min: 0, max: 800 }), fc.integer({ min: 0, max: 800 }), fc.integer({ min: -30, max: 400 }),
        async (journal, from, length, asOfAfter) => {
          const [start, end, asOf] = [day(from), day(from + length), day(from + length + asOfAfter)];
          const period = parsePeriod(`${start}..${end}`)!;
          const full = await computeReport(journal, period, { asOf });
          expect(await computeWhole(journal, period, { asOf })).toEqual(wholeOf(full));
        },
      ), { seed: 15, numRuns: 25 });
    } finally {
      sample.close();
    }
  }, 300_000);
});

describe('computeAllReportsKeeping', () => {
  /** The reports with DuckDB's float noise (sums in another order) rounded off. */
  const rounded = (reports: AllReports<WholeReport>) => JSON.parse(JSON.stringify(reports, (_, value: unknown) => (typeof value === 'number' ? Number(value.toPrecision(9)) : value))) as unknown;
  const SAMPLE = new URL('../../journal/', import.meta.url).pathname;
  const AS = '2026-11-30';
  const edit = async (dir: string, path: string, change: (text: string) => string) => {
    const before = await readFile(join(dir, path), 'utf8');
    const after = change(before);
    expect(after, `the edit of ${path} changes it`).not.toBe(before);
    await writeFile(join(dir, path), after);
  };
  // Edits whose effect reaches past their own period: an item closed weeks after it was opened, a
  // check-in of an objective, a 1:1 (days since the last one), a day turned private, a day far
  // before the journal (an outlier, which moves no week), the work days, a week's check-in.
  const EDITS: [string, (dir: string) => Promise<unknown>][] = [
    ['edit a win', (dir) => edit(dir, 'daily/2026/2026-02-18.md', (t) => t.replace('Saves $18K a year', 'Saves $19K a year'))],
    ['close an action item in a later log', (dir) => appendFile(join(dir, 'daily/2026/2026-03-04.md'), '\n## Notes\n\n- [x] Follow up with Dana on the replica lag alert thresholds @me\n')],
    ['change an OKR check-in', (dir) => edit(dir, 'okrs/2026-Q3/mentoring.md', (t) => t.replace('{ date: 2026-08-26, value: 6,', '{ date: 2026-08-26, value: 5,'))],
    ['delete a 1:1', (dir) => unlink(join(dir, 'one-on-ones/ingrid-solberg/2026-09-09.md'))],
    ['make a day private', (dir) => edit(dir, 'daily/2026/2026-09-03.md', (t) => t.replace(/^---\n/, '---\nprivate: true\n'))],
    ['add a day years before the journal', (dir) => writeFile(join(dir, 'daily/2026/2019-05-06.md'), '---\nhours: 3\n---\n\n## Wins\n\n- An old note filed late\n')],
    ['change the work days', (dir) => edit(dir, 'journal.yml', (t) => t.replace('work_days: [mon, tue, wed, thu, fri]', 'work_days: [mon, tue, wed, thu]'))],
    ['edit a weekly check-in', (dir) => edit(dir, 'weekly/2026-W07.md', (t) => `${t}\n- One more line for the week\n`)],
  ];

  it('keeps only the reports whose sources are unchanged: after each of a series of edits, the same reports as computing all', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'turbowork-kept-'));
    try {
      await cp(SAMPLE, dir, { recursive: true });
      let kept: KeptReports = { key: 'test', reports: new Map() };
      for (const [label, change] of [['no edit', async () => {}] as const, ...EDITS]) {
        await change(dir);
        const journal = await openJournal({ journalDir: dir, cacheDir: null });
        try {
          const full = await computeAllReports(journal.db, AS);
          // The site's reports: the whole journal's as the site reads it.
          const fresh = { ...full, all: wholeOf(full.all!) };
          const total = fresh.weeks.length + fresh.quarters.length + fresh.years.length + 1;
          const { reports, byHash, computed } = await computeAllReportsKeeping(journal.db, AS, kept);
          expect(rounded(reports), label).toEqual(rounded(fresh));
          if (label === 'no edit') expect(computed, label).toBe(total);
          if (label === 'edit a win') expect(computed, `${label}: its week (and the weeks that look back on it), quarter, year and the whole journal`).toBeLessThan(10);
          expect(byHash.size, label).toBe(total);
          // With another key nothing is kept.
          if (label === 'edit a win') expect((await computeAllReportsKeeping(journal.db, AS, { key: 'other', reports: byHash })).computed).toBe(total);
          kept = { key: 'test', reports: byHash };
        } finally {
          journal.db.close();
        }
      }
      // A later as-of date: the periods it reaches (and every open item they list) are computed again.
      const journal = await openJournal({ journalDir: dir, cacheDir: null });
      try {
        for (const asOf of ['2026-12-01', '2026-12-07', '2027-01-04']) {
          const { reports, byHash } = await computeAllReportsKeeping(journal.db, asOf, kept);
          const full = await computeAllReports(journal.db, asOf);
          expect(rounded(reports), asOf).toEqual(rounded({ ...full, all: wholeOf(full.all!) }));
          kept = { key: 'test', reports: byHash };
        }
      } finally {
        journal.db.close();
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 300_000);
});
