import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../db/duckdb.ts';
import { openJournal } from '../journal.ts';
import { compareReports, Comparison } from './compare.ts';
import { computeReports } from './report.ts';
import { parsePeriod } from './periods.ts';

const FIXTURE = new URL('../../test/fixtures/journals/scores-week/', import.meta.url).pathname;
let db: Database;
beforeAll(async () => {
  ({ db } = await openJournal({ journalDir: FIXTURE, cacheDir: null }));
});
afterAll(() => db.close());

describe('compareReports', () => {
  it('puts every figure of two periods side by side with b − a', async () => {
    const [a, b] = await computeReports(db, ['2025-W06', '2025-W07'].map((id) => parsePeriod(id)!), { asOf: '2025-06-30' });
    const comparison = compareReports(a, b);
    expect(Comparison.parse(comparison)).toEqual(comparison);
    const figure = (key: string) => comparison.figures.find((f) => f.key === key);
    expect(figure('coverage.logged_days')).toMatchObject({ a: 5, b: 2, difference: -3 });
    expect(figure('wins.count')).toMatchObject({ a: 5, b: 1, difference: -4 });
    expect(figure('metrics.time_saved')).toMatchObject({ a: null, b: null, difference: null, unit: 'min' }); // no before → after of a duration
    expect(figure('weeks.mean_composite')!.difference).toBeCloseTo(16.125 - (4696.875 + 36000 / 19) / 100, 9);
    // Money only in W06: W07 counts 0; a sprint only in W07: W06's mean velocity is null, so no difference
    expect(figure('metrics.money.USD.per_year')).toMatchObject({ a: 5000, b: 0, difference: -5000, label: 'Money saved (USD, a year)' });
    expect(figure('sprints.mean_velocity')).toMatchObject({ a: null, b: 0.95, difference: null });
    expect(figure('one_on_ones.sam-lee.held')).toMatchObject({ label: '1:1s with Sam Lee', a: 1, b: 0 });
    // #perf is in W06's top tags only: unknown in W07, not 0
    expect(figure('tags.perf')).toMatchObject({ a: 1, b: null, difference: null });
  });
});
