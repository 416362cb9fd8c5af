import { describe, expect, it } from 'vitest';
import { checkText, findNumbers, KnownNumbers } from './grounding.ts';

describe('findNumbers', () => {
  it('reads 250K, 250,000 and $250,000 as one value', () => {
    expect(findNumbers('$250K, 250,000 and $250,000').map((n) => n.value)).toEqual([250_000, 250_000, 250_000]);
  });

  it('reads scales, decimals and percentages', () => {
    expect(findNumbers('1.2M users, €40k, 99.95% and 3 million').map((n) => [n.raw, n.value])).toEqual([
      ['1.2M', 1_200_000], ['€40k', 40_000], ['99.95%', 99.95], ['3 million', 3_000_000],
    ]);
  });

  it('skips dates, weeks, quarters, years, 1:1s, ordinals, versions and ids', () => {
    expect(findNumbers('On 2025-02-07 (2025-W06, 2025-Q1, Q3) in 2025 my 3rd 1:1 about v2.3.1, p95, P0 and #1234 at 10:30')).toEqual([]);
  });
});

describe('KnownNumbers', () => {
  const known = new KnownNumbers().addText('Cut latency from 850ms to 120ms; saved $250,000').addChange(850, 120).add(0.75);

  it('accepts a known value at the precision it is written with', () => {
    const unverified = new Set<string>();
    checkText('Saved $250K; latency fell 86% (85.9%), 730ms faster, 7x; 75% of the goal', known, unverified);
    expect([...unverified]).toEqual([]);
  });

  it('flags values the inputs do not contain', () => {
    const unverified = new Set<string>();
    const spans = checkText('Saved $1.3M across 42 services', known, unverified);
    expect([...unverified]).toEqual(['$1.3M', '42']);
    expect(spans.filter((s) => s.figure && !s.verified).map((s) => s.text)).toEqual(['$1.3M', '42']);
  });

  it('does not let coarse rounding hide a different figure', () => {
    const unverified = new Set<string>();
    checkText('about 860ms', known, unverified);
    expect([...unverified]).toEqual(['860']);
  });
});
