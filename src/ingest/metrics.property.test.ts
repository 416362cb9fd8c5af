/**
 * Property test (fast-check, fixed seed): parseMetrics searches a win with BEFORE_AFTER only when
 * BEFORE_AFTER_NEEDS finds what every before/after holds, so no text BEFORE_AFTER matches may lack
 * it. The texts are made of the pieces before/afters are written with and near-misses of each:
 * "from" in other words and cases, arrows of every kind and their halves, "instead of" split by
 * tabs and line breaks, sides with units, money and percents, and masked-looking spans of blanks.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BEFORE_AFTER, BEFORE_AFTER_NEEDS, parseMetrics } from './metrics.ts';

const SEED = 20261201;

const piece = fc.constantFrom(
  'from', 'From', 'FROM', 'fromage', 'wherefrom', 'to', 'down to', 'up', 'instead', 'of', 'insteadof', 'Instead  of',
  '->', '-', '>', '→', '=>', '=', '⟶', '=>>', '850ms', '120 ms', '~850ms', '$250K', '€40k', '12', '3', '86%', '40 percent',
  '2h', '45 minutes', 'under', 'about', 'p95', 'flaky tests', '', '   ', 'Cut', 'latency', '1.5', '3,400', 'USD 5,000',
);
const blank = fc.constantFrom(' ', '', '\t', '\n', '  ', '\u00a0');
const text = fc.array(fc.tuple(blank, piece), { maxLength: 12 }).map((parts) => parts.map(([b, p]) => b + p).join(''));

describe('BEFORE_AFTER_NEEDS', () => {
  it('is in every text BEFORE_AFTER matches', () => {
    let matched = 0;
    fc.assert(fc.property(text, (t) => {
      BEFORE_AFTER.lastIndex = 0;
      if (!BEFORE_AFTER.test(t)) return;
      matched++;
      expect(BEFORE_AFTER_NEEDS.test(t), JSON.stringify(t)).toBe(true);
    }), { seed: SEED, numRuns: 20000 });
    BEFORE_AFTER.lastIndex = 0;
    // The generator reaches before/afters of every form, not only texts with none.
    expect(matched).toBeGreaterThan(500);
  });

  it('leaves the before/afters parseMetrics reads where they were', () => {
    expect(parseMetrics('Cut p95 from 850ms to 120ms').map((m) => m.text)).toEqual(['from 850ms to 120ms']);
    expect(parseMetrics('p95 850ms\u2192120ms').map((m) => m.text)).toEqual(['850ms\u2192120ms']);
    expect(parseMetrics('builds in 2 minutes\tinstead of 25 minutes').map((m) => m.text)).toEqual(['2 minutes\tinstead of 25 minutes']);
    expect(parseMetrics('Shipped the retry queue #perf')).toEqual([]);
  });
});
