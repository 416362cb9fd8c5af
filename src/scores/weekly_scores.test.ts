/**
 * weekly_scores on the scores-week fixture, every figure worked out by hand. Settings are the
 * defaults written in its journal.yml: weights delivery 30, focus 20, alignment 20, consistency 15,
 * wellbeing 15 (Σ 100); green ≥ 70, yellow ≥ 50; 2 wins a day; deep-work ratio 0.5; work days Mon–Fri.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../db/duckdb.ts';
import { JournalConfig } from '../ingest/schema.ts';
import { openJournal } from '../journal.ts';
import { loadScores } from './sql.ts';

const FIXTURE = new URL('../../test/fixtures/journals/scores-week/', import.meta.url).pathname;
let db: Database;
beforeAll(async () => {
  ({ db } = await openJournal({ journalDir: FIXTURE, cacheDir: null }));
});
afterAll(() => db.close());

type Week = Record<string, number | string | null>;
const weeks = async (sql = 'SELECT * FROM weekly_scores') => new Map((await db.all<Week>(sql)).map((w) => [w.week as string, w]));

/** Compares numbers to 9 decimals, everything else exactly. */
function expectWeek(actual: Week | undefined, expected: Week): void {
  expect(actual).toBeDefined();
  for (const [key, value] of Object.entries(expected)) {
    if (typeof value === 'number' && !Number.isInteger(value)) expect(actual![key], key).toBeCloseTo(value, 9);
    else expect(actual![key], key).toBe(value);
  }
}

describe('weekly_scores', () => {
  it('covers every week from the first to the last logged week', async () => {
    expect([...(await weeks()).keys()]).toEqual(['2025-W06', '2025-W07', '2025-W08', '2025-W09', '2025-W10']);
  });

  it('scores every dimension of 2025-W06: a weekend log, missing wellbeing and deep-work fields', async () => {
    // Logs: Mon 3rd, Tue 4th, Thu 6th, Fri 7th (hours 0) and Sat 8th; no Wednesday.
    expectWeek((await weeks()).get('2025-W06'), {
      week_start: '2025-02-03', work_days: 5,
      logged_days: 5, // Mon, Tue, Thu, Fri, Sat
      logged_work_days: 4, // Saturday is not a work day
      wins: 5, // Mon 2 + Tue 1 + Thu 1 + Sat 1
      hours: 26, // 8 + 9 + 7 + 0 + 2
      consistency: 80, // 100 × 4 / 5
      delivery: 50, // 100 × 5 / (2 × 5)
      // Logs giving both hours and deep work: Mon 4/8, Tue 3/9, Fri 0/0, Sat 2/2 (Thu has no deep_work):
      // (9 / 19) / 0.5 × 100 = 1800 / 19 = 94.7368…
      focus: 1800 / 19,
      // Tied: Mon's 2 (the day lists okrs), Thu's 1 (links [[2025-Q1/delivery]]); Tue's and Sat's are not: 3 / 5
      alignment: 60,
      // Terms: Mon (4−1)/4 = .75, (5−2)/4 = .75, (3−1)/4 = .5; Tue energy (3−1)/4 = .5; Thu none;
      // Fri (2−1)/4 = .25, (5−4)/4 = .25, (2−1)/4 = .25; Sat (5−1)/4 = 1 → 4.25 / 8 terms = .53125
      wellbeing: 53.125,
      // (80×15 + 50×30 + 1800/19×20 + 60×20 + 53.125×15) / 100
      //   = (1200 + 1500 + 1894.7368… + 1200 + 796.875) / 100 = 6591.6118… / 100
      composite: (4696.875 + 36000 / 19) / 100,
      status: 'yellow', // 50 ≤ 65.92 < 70
      computed_status: 'yellow', status_override: null,
      delta: null, // the first week has no previous one
      trend_4w: (4696.875 + 36000 / 19) / 100, // only itself so far
    });
  });

  it('lets the weekly check-in override a red 2025-W07 and keeps the computed status beside it', async () => {
    // Mon 10th: 10 h, deep 1, energy 2, stress 5, balance 1, no wins; Tue 11th: 10 h, deep 0, energy 1, stress 5, balance 1, 1 win.
    expectWeek((await weeks()).get('2025-W07'), {
      logged_days: 2, logged_work_days: 2, wins: 1,
      consistency: 40, // 100 × 2 / 5
      delivery: 25, // 100 × 1 / (2 × 2)
      focus: 10, // (1 / 20) / 0.5 × 100
      alignment: 0, // the one win is not tied
      wellbeing: 25 / 6, // Mon .25, 0, 0; Tue 0, 0, 0 → .25 / 6 terms
      composite: 16.125, // (40×15 + 25×30 + 10×20 + 0×20 + 25/6×15) / 100 = (600 + 750 + 200 + 0 + 62.5) / 100
      computed_status: 'red', status: 'green', status_override: 'green',
      override_reason: 'On call all week; the incident was handled well', confidence: 'at_risk',
      delta: 16.125 - (4696.875 + 36000 / 19) / 100, // 16.125 − 65.9161… = −49.7911…
      trend_4w: (16.125 + (4696.875 + 36000 / 19) / 100) / 2, // W06 and W07
      checkin_path: 'weekly/2025-W07.md',
    });
  });

  it('gives a week without logs no_data, no composite, but consistency 0', async () => {
    expectWeek((await weeks()).get('2025-W08'), {
      logged_days: 0, work_days: 5, wins: 0,
      consistency: 0, delivery: null, focus: null, alignment: null, wellbeing: null, composite: null,
      status: 'no_data', delta: null,
      trend_4w: (16.125 + (4696.875 + 36000 / 19) / 100) / 2, // still the mean of W06 and W07
    });
  });

  it('handles a single strong day (2025-W09) and a day of zero hours (2025-W10)', async () => {
    const all = await weeks();
    const w06 = (4696.875 + 36000 / 19) / 100;
    // W09, Mon 24th: 8 h, deep 4, energy 4, stress 2, balance 4, okrs listed, 2 wins
    expectWeek(all.get('2025-W09'), {
      consistency: 20, delivery: 100, focus: 100, alignment: 100,
      wellbeing: 75, // (.75 + .75 + .75) / 3
      composite: 84.25, // (20×15 + 100×30 + 100×20 + 100×20 + 75×15) / 100 = 8425 / 100
      status: 'green',
      delta: null, // W08 had no composite
      trend_4w: (w06 + 16.125 + 84.25) / 3,
    });
    // W10, Tue 4th: hours 0, deep 0, nothing else: focus has Σ hours = 0, alignment no wins, wellbeing no terms
    expectWeek(all.get('2025-W10'), {
      consistency: 20, delivery: 0, focus: null, alignment: null, wellbeing: null,
      composite: 20 / 3, // (20×15 + 0×30) / (15 + 30) = 300 / 45
      status: 'red',
      delta: 20 / 3 - 84.25,
      trend_4w: (w06 + 16.125 + 84.25 + 20 / 3) / 4,
    });
  });

  it('as of a Wednesday counts only the work days so far', async () => {
    // As of Wed 2025-02-05: work days Mon–Wed = 3; logs Mon and Tue; wins Mon 2 + Tue 1 = 3
    const w06 = (await weeks(`SELECT * FROM weekly_scores_as_of(DATE '2025-02-05')`)).get('2025-W06');
    expectWeek(w06, {
      work_days: 3, logged_days: 2,
      consistency: 200 / 3, // 100 × 2 / 3
      delivery: 75, // 100 × 3 / (2 × 2)
      focus: 1400 / 17, // (7 / 17) / 0.5 × 100
      alignment: 200 / 3, // Mon's 2 of 3
      wellbeing: 62.5, // (.75 + .75 + .5 + .5) / 4
      // (200/3×15 + 75×30 + 1400/17×20 + 200/3×20 + 62.5×15) / 100 = (1000 + 2250 + 1647.06 + 1333.33 + 937.5) / 100
      composite: (1000 + 2250 + 28000 / 17 + 4000 / 3 + 937.5) / 100,
      status: 'green',
    });
  });
});

describe('weekly_scores reads its settings from journal.yml', () => {
  it('follows other work days, targets and thresholds', async () => {
    const journal = await openJournal({ journalDir: FIXTURE, cacheDir: null });
    try {
      const config = JournalConfig.parse({
        work_days: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat'],
        scoring: { targets: { wins_per_day: 1 }, thresholds: { green: 80 } },
      });
      await loadScores(journal.db, config);
      const [w06] = await journal.db.all<Week>(`SELECT * FROM weekly_scores WHERE week = '2025-W06'`);
      expectWeek(w06, {
        work_days: 6, logged_work_days: 5, // Saturday now counts
        consistency: 500 / 6, // 100 × 5 / 6
        delivery: 100, // 100 × 5 / (1 × 5)
        // (500/6×15 + 100×30 + 1800/19×20 + 60×20 + 53.125×15) / 100 = (1250 + 3000 + 1894.74 + 1200 + 796.875) / 100
        composite: (6246.875 + 36000 / 19) / 100,
        status: 'green', // 81.42 ≥ 80
      });
    } finally {
      journal.db.close();
    }
  });
});
