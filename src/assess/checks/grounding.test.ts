import { describe, expect, it } from 'vitest';
import { Evidence, findFigures, findVersions } from './grounding.ts';

const read = (text: string) => findFigures(text).map((f) => [f.raw, f.dimension, f.value]);

describe('findFigures', () => {
  it('reads money, percentages, multipliers, durations, sizes, signed counts and number words with their units', () => {
    expect(read('850 ms → 120 ms, 86%, $250K, 2.7x, 3h 10m, 1.2 GB, −380 lines, three pilots, a dozen alerts')).toEqual([
      ['850 ms', 'time', 0.85], ['120 ms', 'time', 0.12], ['86%', 'percent', 86], ['$250K', 'money', 250_000], ['2.7x', 'ratio', 2.7],
      ['3h 10m', 'time', 11_400], ['1.2 GB', 'bytes', 1.2e9], ['−380', 'count', 380], ['three', 'count', 3], ['a dozen', 'count', 12],
    ]);
  });

  it('reads 250K, 250,000 and $250,000 as one value, and "10m" as minutes, not millions', () => {
    expect(read('$250K, $250,000, €40k, USD 5,000, 10m')).toEqual([
      ['$250K', 'money', 250_000], ['$250,000', 'money', 250_000], ['€40k', 'money', 40_000], ['USD 5,000', 'money', 5000], ['10m', 'time', 600],
    ]);
  });

  it('treats dates, times of day, years, ordinals, ids, quarters and versions as text', () => {
    expect(read('On 2026-02-07 (2026-W06, 2026-Q1, Q3) in 2026, 12 June and Sept 3, my 3rd 1:1 at 16:42 and 10am about Kafka 3.7, v2, 16.2.1, p95, P1, SEV1, S3, N+1 and #1234 [win-2026-01-28-1]')).toEqual([]);
    expect(findVersions('Upgraded Kafka 3.7 and the SDK to v2; Postgres 16.2.1').map((v) => v.raw)).toEqual(['3.7', 'v2', '16.2.1']);
  });

  it('reads hedges and money said to recur', () => {
    const [about, more, month] = findFigures('about $50K a year, more than $500K, and $4,200 a month');
    expect([about.hedge, about.per, more.hedge, month.per]).toEqual(['about', 'year', 'more', 'month']);
  });
});

describe('Evidence.check', () => {
  const evidence = new Evidence()
    .addEntry('win-1', 'Quote p95 from 850ms to 120ms with a covering index')
    .addEntry('win-2', 'Powered off cron-07. Saves about $4,200 a month in hardware')
    .addEntry('win-3', 'Renegotiated the contract. Saves $18K a year')
    .addEntry('win-4', 'Split the suite into 4 shards. Pipeline from 38 minutes to 14 minutes')
    .addEntry('win-5', 'Migrated 211 of 214 jobs; deleted 380 lines of cron glue')
    .addReport('Days logged: 214 (170 of 229 work days, coverage 74%)');
  const flagged = (text: string, ids: string[]) => {
    const c = evidence.check(text, ids);
    return [...c.figures, ...c.versions].filter((f) => !f.verified).map((f) => f.raw);
  };

  it('accepts figures of the cited entries, in other units and at their precision', () => {
    expect(flagged('p95 went from 0.85 s to 120 ms', ['win-1'])).toEqual([]);
    expect(flagged('The pipeline now takes 14 min, down from 38', ['win-4'])).toEqual([]);
  });

  it('accepts only the listed derivations', () => {
    expect(flagged('p95 fell 86% (a 7x improvement), 730 ms faster', ['win-1'])).toEqual([]); // % change, ratio, difference
    expect(flagged('about $50K a year from cron-07 alone', ['win-2'])).toEqual([]); // a month ↔ a year, hedged
    expect(flagged('$68,400 a year from both savings', ['win-2', 'win-3'])).toEqual([]); // a sum of cited amounts
    expect(flagged('98.6% of jobs migrated, −380 lines', ['win-5'])).toEqual([]); // a share "of", a signed count
    expect(flagged('I logged 214 days, 74% of work days', [])).toEqual([]); // report figures need no citation
  });

  it('flags figures the cited entries do not hold, whatever else the journal says', () => {
    expect(flagged('p95 fell 87%', ['win-1'])).toEqual(['87%']); // a near miss
    expect(flagged('p95 fell 10x', ['win-1'])).toEqual(['10x']); // not a ratio of the pair
    expect(flagged('Pipeline from 38 to 14 minutes', ['win-1'])).toEqual(['38', '14 minutes']); // true, but not in the cited entry
    expect(flagged('$1.2M saved', ['win-2', 'win-3'])).toEqual(['$1.2M']);
    expect(flagged('$60,000 a year from both', ['win-2', 'win-3'])).toEqual(['$60,000']); // a sum that does not add up
    expect(flagged('after the Kafka 3.7 upgrade', ['win-1'])).toEqual(['3.7']); // a version nobody wrote
    expect(flagged('cut p95 by 850%', ['win-1'])).toEqual(['850%']); // 850 ms is no percentage
    expect(flagged('more than $600K a year', ['win-2', 'win-3'])).toEqual(['$600K']);
  });

  it('does not let the period figures vouch for a figure about something else', () => {
    const year = new Evidence()
      .addReport('[fig-scores] 2026-Q1 Weekly scores: mean 87.1 of 100 over 12 weeks')
      .addReport('[fig-objectives] Objectives: 12 (6 achieved, 3 on track); mean progress 87%')
      .addReport('[fig-wins] Wins: 413 (11 highlights); achievements written up: 12');
    const flags = (text: string) => year.check(text, []).figures.filter((f) => !f.verified).map((f) => f.raw);
    expect(flags('quote p95 fell 87%')).toEqual(['87%']); // a progress figure, not a latency; and 87.1 of 100 is no 87%
    expect(flags('I led live tracking to twelve pilot customers')).toEqual(['twelve']); // "on track" is no tracking
    expect(flags('12 achievements and 413 wins; mean progress 87%; 87.1 of 100 in Q1')).toEqual([]);
  });

  it('reads "add up to" as a sum, not a hedge, and sums one amount per cited entry', () => {
    expect(flagged('$18K a year and $4,200 a month add up to $60,000 a year', ['win-2', 'win-3'])).toEqual(['$60,000']);
    expect(flagged('$18K a year and $4,200 a month add up to $68,400 a year', ['win-2', 'win-3'])).toEqual([]);
    expect(flagged('$22,200 a month', ['win-2'])).toEqual(['$22,200']); // one entry is no sum
  });

  it('says when the cited entries hold none of the figures', () => {
    expect(evidence.check('Pipeline from 38 to 14 minutes', ['win-1']).unsupported).toBe(true);
    expect(evidence.check('Pipeline from 38 to 14 minutes', ['win-4']).unsupported).toBe(false);
    expect(evidence.check('p95 fell 86%', ['win-1']).unsupported).toBe(false); // derived from the cited pair
  });
});
