/** report and compare as a user runs them, on the scores-week fixture journal. */
import { describe, expect, it } from 'vitest';
import { runCli } from '../../test/support/cli.ts';
import { Comparison } from '../scores/compare.ts';
import { Report } from '../scores/model.ts';

const JOURNAL = new URL('../../test/fixtures/journals/scores-week/', import.meta.url).pathname;
const tw = (argv: string[], today = '2025-02-12') => runCli([...argv, '--journal', JOURNAL], { today });

describe('report', () => {
  it('prints the week containing today by default, as of today', async () => {
    const result = await tw(['report', 'week']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^2025-W07  2025-02-10 – 2025-02-16  \(as of 2025-02-12\)/);
    // As of Wed Feb 12 only 3 work days count: consistency 100 × 2/3, so the composite is
    // (66.67×15 + 25×30 + 10×20 + 0×20 + 4.17×15) / 100 = (1000 + 750 + 200 + 62.5) / 100 = 20.1
    expect(result.stdout).toMatch(/Status\s+● green\s+composite 20\.1/);
    expect(result.stdout).toContain('overridden from red: On call all week; the incident was handled well');
  });

  it('prints a past quarter as of its end, with figures and sources', async () => {
    const result = await tw(['report', 'quarter', '2025-Q1', '--as-of', '2025-06-30']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/Days\s+9 logged · 8 of 64 work days \(13%\)/);
    expect(result.stdout).toMatch(/Sprints\s+mean velocity 95%/);
    expect(result.stdout).toContain('one-on-ones/sam-lee/2025-02-17.md:12');
  });

  it('prints the report model with --json', async () => {
    const result = await tw(['report', 'range', '2025-02-01..2025-02-28', '--json']);
    expect(result.code).toBe(0);
    const model = Report.parse(JSON.parse(result.stdout));
    expect(model.period).toMatchObject({ kind: 'range', as_of: '2025-02-12', complete: false });
    expect(model.wins.count).toBe(6); // Feb 3–11: 5 in W06, 1 in W07
  });

  it('exits 2 on a wrong kind, period or date', async () => {
    expect((await tw(['report'])).code).toBe(2);
    expect((await tw(['report', 'month'])).code).toBe(2);
    expect((await tw(['report', 'range'])).stderr).toContain('report range needs a PERIOD');
    const mismatch = await tw(['report', 'quarter', '2025-W06']);
    expect(mismatch).toMatchObject({ code: 2 });
    expect(mismatch.stderr).toContain('2025-W06 is a week, not a quarter');
    expect((await tw(['report', 'week', '2025-W60'])).stderr).toContain('is not a period');
    expect((await tw(['report', 'week', '--as-of', '2025-02-30'])).stderr).toContain('--as-of 2025-02-30 is not a date');
  });

  it('has help', async () => {
    const result = await runCli(['report', '--help']);
    expect(result).toMatchObject({ code: 0 });
    expect(result.stdout).toContain('Usage: turbowork report week|quarter|year|range');
  });
});

describe('compare', () => {
  it('prints two periods side by side', async () => {
    const result = await tw(['compare', '2025-W06', '2025-W07', '--as-of', '2025-06-30']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/figure\s+2025-W06\s+2025-W07\s+difference/);
    expect(result.stdout).toMatch(/Wins\s+5\s+1\s+-4/);
    expect(result.stdout).toMatch(/Money saved \(USD, a year\)\s+5000\s+0\s+-5000/);
  });

  it('prints the comparison as JSON, and needs two periods', async () => {
    const result = await tw(['compare', '2025-Q1', '2025-Q2', '--json', '--as-of', '2025-06-30']);
    const comparison = Comparison.parse(JSON.parse(result.stdout));
    expect(comparison.figures.find((f) => f.key === 'coverage.work_days')).toMatchObject({ a: 64, b: 65, difference: 1 });
    expect((await tw(['compare', '2025-Q1'])).code).toBe(2);
  });
});
