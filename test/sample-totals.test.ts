/**
 * The sample journal's year totals of money and time saved, against the hand count in
 * test/fixtures/sample/year-totals.yml (each amount and why it is or is not added is in its comments).
 */
import { readFileSync } from 'node:fs';
import { load as loadYaml } from 'js-yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../src/db/duckdb.ts';
import { openJournal } from '../src/journal.ts';
import { computeReport } from '../src/scores/report.ts';

const SAMPLE = new URL('../journal/', import.meta.url).pathname;
const handCount = loadYaml(readFileSync(new URL('./fixtures/sample/year-totals.yml', import.meta.url), 'utf8')) as {
  money_saved_usd_per_year: number; money_saved_usd_per_year_wins: string[]; money_saved_one_off: number;
  time_saved_minutes: number; time_saved_changes: number; time_saved_wins: string[];
};

let db: Database;
beforeAll(async () => {
  ({ db } = await openJournal({ journalDir: SAMPLE, cacheDir: null }));
});
afterAll(() => db.close());

describe('the sample journal’s 2026 totals', () => {
  it('add money saved a year, and nothing else, as counted by hand', async () => {
    const r = await computeReport(db, '2026', { asOf: '2026-12-31' });
    expect(r.metrics.money).toEqual([{
      currency: 'USD', basis: 'per_year', total: handCount.money_saved_usd_per_year,
      count: handCount.money_saved_usd_per_year_wins.length, win_ids: handCount.money_saved_usd_per_year_wins,
    }]);
    expect(handCount.money_saved_one_off).toBe(0); // no one-off row above
  });

  it('add time saved from before → after changes of a duration, as counted by hand', async () => {
    const r = await computeReport(db, '2026', { asOf: '2026-12-31' });
    expect(r.metrics.time_saved).toEqual({
      minutes: handCount.time_saved_minutes, count: handCount.time_saved_changes, win_ids: handCount.time_saved_wins,
    });
  });
});
