/**
 * kr_progress and objective_progress against SCORING.md's worked examples and the scores-week
 * fixture (test/fixtures/journals/scores-week/okrs/2025-Q1). Every expected value is worked out by
 * hand in the comments; 2025-Q1 runs Jan 1 – Mar 31, 90 days.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../db/duckdb.ts';
import { openJournal } from '../journal.ts';

const FIXTURE = new URL('../../test/fixtures/journals/scores-week/', import.meta.url).pathname;
let db: Database;
beforeAll(async () => {
  ({ db } = await openJournal({ journalDir: FIXTURE, cacheDir: null }));
});
afterAll(() => db.close());

interface KrRow {
  objective_id: string; kr_id: string; current: number; progress: number; expected: number; status: string;
  confidence: string | null; stale: boolean; no_check_in: boolean; last_check_in: string | null;
  days_since_check_in: number | null; check_ins: number; note: string | null;
}
const krs = async (asOf: string) =>
  new Map((await db.all<KrRow>(`SELECT * FROM kr_progress($d::DATE)`, { d: asOf })).map((r) => [r.kr_id, r]));
const objectives = async (asOf: string) =>
  new Map((await db.all<{ objective_id: string; progress: number | null; expected: number; status: string; stale_count: number; no_check_in_count: number; key_results: unknown[] }>(
    `SELECT * FROM objective_progress($d::DATE)`, { d: asOf })).map((r) => [r.objective_id, r]));

describe("SCORING.md's worked examples", () => {
  it('uptime 99.87 → 99.95 at 99.91 is 50.0, not 57', async () => {
    // (99.91 − 99.87) / (99.95 − 99.87) = 0.04 / 0.08 = 0.5 → 50, exactly: computed on decimals
    const uptime = (await krs('2025-02-15')).get('uptime')!;
    expect(uptime.progress).toBe(50);
    expect(uptime.progress.toFixed(1)).toBe('50.0');
  });

  it('P0 incidents 5 → 2 at 3 is 66.7, a falling target', async () => {
    // (3 − 5) / (2 − 5) = −2 / −3 = 2/3 → 66.666…
    const incidents = (await krs('2025-02-15')).get('incidents')!;
    expect(incidents.current).toBe(3);
    expect(incidents.progress).toBeCloseTo(200 / 3, 10);
    expect(incidents.progress.toFixed(1)).toBe('66.7');
  });

  it('expected pace on Feb 15 in 2025-Q1 is 51.1', async () => {
    // Jan 1 … Feb 15 is 31 + 15 = 46 days of 90: 46 / 90 = 0.5111… → 51.1
    const uptime = (await krs('2025-02-15')).get('uptime')!;
    expect(uptime.expected).toBeCloseTo(4600 / 90, 10);
    expect(uptime.expected.toFixed(1)).toBe('51.1');
  });
});

describe('kr_progress as of 2025-02-15 (expected 51.11: on_track ≥ 41.11, at_risk ≥ 26.11)', () => {
  it('rates each key result and shows the declared confidence beside the status', async () => {
    const rows = await krs('2025-02-15');
    // uptime: 50 ≥ 41.11 → on_track; last check-in Jan 20, 26 days ago ≥ 14 → stale
    expect(rows.get('uptime')).toMatchObject({ status: 'on_track', confidence: 'on_track', last_check_in: '2025-01-20', days_since_check_in: 26, stale: true, check_ins: 1 });
    // incidents: 66.7 → on_track, though the check-in declared at_risk; Feb 10 is 5 days ago
    expect(rows.get('incidents')).toMatchObject({ status: 'on_track', confidence: 'at_risk', stale: false, check_ins: 2, note: 'One more bad deploy' });
    // latency: (560 − 800) / (200 − 800) = 0.4 → 40; 26.11 ≤ 40 < 41.11 → at_risk; Feb 1 is exactly 14 days ago → stale
    expect(rows.get('latency')).toMatchObject({ progress: 40, status: 'at_risk', days_since_check_in: 14, stale: true });
    // runbooks: no check-in, so current = start = 0 and progress 0 < 26.11 → off_track; 45 days since Jan 1 → stale
    expect(rows.get('runbooks')).toMatchObject({ current: 0, progress: 0, status: 'off_track', no_check_in: true, last_check_in: null, days_since_check_in: null, stale: true });
    // budget: target = start = 0 and the Feb 12 check-in is 0: reached → 100, achieved
    expect(rows.get('budget')).toMatchObject({ current: 0, progress: 100, status: 'achieved', stale: false });
    // docs: 6 of 0 → 5 is 1.2, clamped to 1 → 100, achieved; 31 days without a check-in, but achieved is never stale
    expect(rows.get('docs')).toMatchObject({ current: 6, progress: 100, status: 'achieved', stale: false });
  });

  it('averages objectives by weight and takes the worst status', async () => {
    const rows = await objectives('2025-02-15');
    // reliability: (50×1 + 66.67×1 + 40×2 + 0×1) / 5 = (130 + 200/3) / 5 = 118/3 = 39.33; worst: off_track
    expect(rows.get('2025-Q1/reliability')!.progress).toBeCloseTo(118 / 3, 10);
    expect(rows.get('2025-Q1/reliability')).toMatchObject({ status: 'off_track', stale_count: 3, no_check_in_count: 1 });
    expect(rows.get('2025-Q1/reliability')!.key_results.map((k) => (k as { kr_id: string }).kr_id)).toEqual(['uptime', 'incidents', 'latency', 'runbooks']);
    // delivery: both achieved → (100 + 100) / 2 = 100, achieved
    expect(rows.get('2025-Q1/delivery')).toMatchObject({ progress: 100, status: 'achieved' });
  });
});

describe('kr_progress on other dates', () => {
  it('counts a target equal to its start as missed once the value leaves it', async () => {
    // Mar 15: expected (31 + 28 + 15) / 90 = 74/90 = 82.2; budget's Mar 10 check-in is 1 ≠ 0 → 0 → off_track
    const budget = (await krs('2025-03-15')).get('budget')!;
    expect(budget).toMatchObject({ current: 1, progress: 0, status: 'off_track' });
    expect(budget.expected).toBeCloseTo(7400 / 90, 10);
    // delivery: (0 + 100) / 2 = 50; worst status off_track
    expect((await objectives('2025-03-15')).get('2025-Q1/delivery')).toMatchObject({ progress: 50, status: 'off_track' });
  });

  it('uses start before the first check-in and is not stale in the first 14 days', async () => {
    // Jan 10: expected 10/90 = 11.1; uptime has no check-in yet: current = 99.87, progress 0 ≥ 11.1 − 25 → at_risk
    const rows = await krs('2025-01-10');
    expect(rows.get('uptime')).toMatchObject({ current: 99.87, progress: 0, status: 'at_risk', no_check_in: true, stale: false, check_ins: 0 });
    // budget: no check-in, current = start = target → reached
    expect(rows.get('budget')).toMatchObject({ progress: 100, status: 'achieved', no_check_in: true });
  });

  it('clamps expected to 0 before the quarter and to 100 after it, when nothing is stale', async () => {
    // Dec 15, 2024: (−17 + 1) / 90 < 0 → 0
    expect((await krs('2024-12-15')).get('uptime')!.expected).toBe(0);
    // Apr 15: past Mar 31 → 100; the objective is no longer active, so nothing is stale
    const after = await krs('2025-04-15');
    expect(after.get('uptime')!.expected).toBe(100);
    expect([...after.values()].some((r) => r.stale)).toBe(false);
  });

  it('answers many dates at once with kr_progress_at', async () => {
    const rows = await db.all<{ as_of_date: string; kr_id: string; current: number }>(
      `SELECT as_of_date, kr_id, current FROM kr_progress_at([DATE '2025-01-31', DATE '2025-02-15']) WHERE kr_id = 'incidents' ORDER BY as_of_date`,
    );
    expect(rows).toEqual([
      { as_of_date: '2025-01-31', kr_id: 'incidents', current: 4 },
      { as_of_date: '2025-02-15', kr_id: 'incidents', current: 3 },
    ]);
  });
});
