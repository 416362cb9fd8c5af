/**
 * Property test (fast-check, fixed seed): drawChart, which draws every chart of a kind with one
 * reused Vega View, gives the SVG a new View gives, on generated series of charts whose x values,
 * ticks, series and statuses come and go from one chart to the next (what a reused View keeps), or
 * are all new to it (when the View is not emptied first).
 */
import fc from 'fast-check';
import * as vega from 'vega';
import { describe, expect, it } from 'vitest';
import { drawChart, vegaSpec } from './render.ts';
import type { ChartKind } from './specs.ts';

const SEED = 20261201;

/** The straightforward way: a new View for every chart. */
async function drawWithNewView(kind: ChartKind, rows: readonly Record<string, unknown>[]): Promise<string> {
  const view = new vega.View(vega.parse(vegaSpec(kind)), { renderer: 'none' });
  const svg = await view.data('rows', rows.map((row) => ({ ...row }))).toSVG();
  view.finalize();
  return svg;
}

/** Small pools, so that labels repeat across charts, as the same weekdays and weeks do in a journal. */
const amount = fc.oneof(
  fc.integer({ min: 0, max: 28 }).map((half) => half / 2),
  fc.double({ min: -50, max: 5000, noNaN: true }),
  fc.constant(null),
);
// Two weeks and a day: one chart's days are often all new to the next chart, often not.
const days = fc.constantFrom('Mon 03', 'Tue 04', 'Wed 05', 'Thu 06', 'Fri 07', 'Sat 08', 'Sun 09', 'Mon 10', 'Tue 11', 'Wed 12', 'Thu 13', 'Fri 14', 'Sat 15', 'Sun 16', 'Mon 17');
const weeks = fc.integer({ min: 1, max: 14 }).map((week) => `2025-W${String(week).padStart(2, '0')}`);
const status = fc.constantFrom('green', 'yellow', 'red', 'no_data');
const dates = fc.integer({ min: 0, max: 400 }).map((day) => new Date(Date.UTC(2025, 0, 1 + day)).toISOString().slice(0, 10));

const chart = fc.oneof(
  fc.record({ kind: fc.constant('week-hours' as const), rows: fc.array(fc.record({ day: days, hours: amount, deep_work: amount, energy: fc.oneof(fc.integer({ min: 1, max: 5 }), fc.constant(null)) }), { maxLength: 8 }) }),
  fc.record({ kind: fc.constant('score-trend' as const), rows: fc.array(fc.record({ week: weeks, composite: fc.oneof(fc.integer({ min: 0, max: 100 }), fc.constant(null)), status }), { maxLength: 14 }) }),
  fc.record({ kind: fc.constant('kr-history' as const), rows: fc.array(fc.record({ date: dates, value: amount, series: fc.constantFrom('check-in', 'target', 'start') }), { maxLength: 12 }) }),
  fc.record({ kind: fc.constant('velocity' as const), rows: fc.array(fc.record({ sprint: fc.integer({ min: 1, max: 12 }).map((n) => `2025-S${String(n).padStart(2, '0')}`), velocity: fc.oneof(fc.double({ min: 0, max: 2, noNaN: true }), fc.constant(null)) }), { maxLength: 10 }) }),
  fc.record({ kind: fc.constant('weekdays' as const), rows: fc.array(fc.record({ weekday: fc.constantFrom('Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'), value: amount, measure: fc.constantFrom('Deep work (h)', 'Energy (1–5)') }), { maxLength: 14 }) }),
);

describe('drawChart draws as a new View would', () => {
  it('one chart after another', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(chart, { minLength: 1, maxLength: 6 }), async (charts) => {
        for (const { kind, rows } of charts) expect(await drawChart(kind, rows)).toBe(await drawWithNewView(kind, rows));
      }),
      { seed: SEED, numRuns: 60 },
    );
  }, 600_000);

  it('charts asked for all at once', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(chart, { minLength: 2, maxLength: 6 }), async (charts) => {
        const drawn = await Promise.all(charts.map(({ kind, rows }) => drawChart(kind, rows)));
        for (const [i, { kind, rows }] of charts.entries()) expect(drawn[i]).toBe(await drawWithNewView(kind, rows));
      }),
      { seed: SEED, numRuns: 30 },
    );
  }, 600_000);

  it('a chart Vega fails on, and the charts after it', async () => {
    // Vega logs the failed run (a BigInt it cannot do arithmetic with) and draws what it has.
    const failing = [{ sprint: '2025-S01', velocity: 0.5 }, { sprint: '2025-S02', velocity: 10n }];
    const after = [{ sprint: '2025-S02', velocity: 0.8 }, { sprint: '2025-S03', velocity: 1.1 }];
    await drawChart('velocity', after);
    expect(await drawChart('velocity', failing)).toBe(await drawWithNewView('velocity', failing));
    expect(await drawChart('velocity', after)).toBe(await drawWithNewView('velocity', after));
  });
});
