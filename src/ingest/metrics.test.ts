import { describe, expect, it } from 'vitest';
import { Metric, parseMetrics } from './metrics.ts';

// Expected metrics are built from the win they come from: `column` is where `text` first occurs
// in it (or its `nth` occurrence), so a case reads as the sentence plus what should be found.
function columnOf(win: string, text: string, nth = 0): number {
  let column = -1;
  for (let i = 0; i <= nth; i++) column = win.indexOf(text, column + 1);
  if (column < 0) throw new TypeError(`"${text}" is not in "${win}"`);
  return column;
}
const beforeAfter = (win: string, text: string, before: number, after: number, unit: string | null): Metric => ({
  kind: 'before_after', text, column: columnOf(win, text), value: after, before, after, unit,
});
const percent = (win: string, text: string, value: number, nth = 0): Metric => ({
  kind: 'percent', text, column: columnOf(win, text, nth), value, before: null, after: null, unit: '%',
});
const money = (win: string, text: string, value: number, unit: string): Metric => ({
  kind: 'money', text, column: columnOf(win, text), value, before: null, after: null, unit,
});
const duration = (win: string, text: string, minutes: number, unit: string, nth = 0): Metric => ({
  kind: 'duration', text, column: columnOf(win, text, nth), value: minutes, before: null, after: null, unit,
});

type Case = { name: string; win: string; want: (win: string) => Metric[] };

const cases: Case[] = [
  // before → after
  {
    name: 'before/after in ms, with tag and wiki link around it',
    win: 'Cut p95 latency on /search from 850ms to 120ms by adding a covering index #perf [[2026-Q1/reliability#latency]]',
    want: (w) => [beforeAfter(w, 'from 850ms to 120ms', 850, 120, 'ms')],
  },
  {
    name: 'before/after in percent, with decimals',
    win: 'Raised checkout uptime from 99.87% to 99.95% [[2026-Q1/reliability#uptime]]',
    want: (w) => [beforeAfter(w, 'from 99.87% to 99.95%', 99.87, 99.95, '%')],
  },
  {
    name: 'unicode arrow',
    win: 'p99 on /orders 850ms → 120ms after the N+1 fix',
    want: (w) => [beforeAfter(w, '850ms → 120ms', 850, 120, 'ms')],
  },
  {
    name: 'ASCII arrow, no spaces',
    win: 'Build time 14 min->6 min with remote caching #ci',
    want: (w) => [beforeAfter(w, '14 min->6 min', 14, 6, 'min')],
  },
  {
    name: 'bare numbers take the next word as unit',
    win: 'Cut the quarantine list from 12 to 3 flaky tests',
    want: (w) => [beforeAfter(w, 'from 12 to 3', 12, 3, 'flaky')],
  },
  {
    name: 'bare numbers followed by a connective have no unit',
    win: 'Cut open incidents from 12 to 3 by adding runbooks',
    want: (w) => [beforeAfter(w, 'from 12 to 3', 12, 3, null)],
  },
  {
    name: 'money on both sides, mixed suffix case',
    win: 'Reduced the AWS bill from $1.2M to $800k a year',
    want: (w) => [beforeAfter(w, 'from $1.2M to $800k', 1_200_000, 800_000, 'USD')],
  },
  {
    name: 'same duration unit on both sides',
    win: 'Onboarding setup from 45 minutes to 3 minutes with a devcontainer',
    want: (w) => [beforeAfter(w, 'from 45 minutes to 3 minutes', 45, 3, 'min')],
  },
  {
    name: 'different duration units are converted to the finer one',
    win: 'Nightly export from 2h to 45 minutes',
    want: (w) => [beforeAfter(w, 'from 2h to 45 minutes', 120, 45, 'min')],
  },
  {
    name: 'seconds to milliseconds',
    win: 'Cold start 3s → 200ms by lazy-loading the SDK',
    want: (w) => [beforeAfter(w, '3s → 200ms', 3000, 200, 'ms')],
  },
  {
    name: 'a bare side borrows the other side’s unit; "down to"',
    win: 'Queue lag from 850 down to 120ms',
    want: (w) => [beforeAfter(w, 'from 850 down to 120ms', 850, 120, 'ms')],
  },
  {
    name: 'uppercase FROM/TO and approximate values',
    win: 'Memory per pod FROM ~1,200 TO ~400 MiB',
    want: (w) => [beforeAfter(w, 'FROM ~1,200 TO ~400', 1200, 400, 'mib')],
  },
  {
    name: 'a non-numeric before/after is no metric',
    win: 'Moved deploys from weekly to 15x per day',
    want: () => [],
  },
  {
    name: 'incomparable sides are read one by one',
    win: 'Shifted spend from 5% of revenue to $3K per month',
    want: (w) => [percent(w, '5%', 5), money(w, '$3K', 3000, 'USD')],
  },
  {
    name: 'different currencies are not compared',
    win: 'Licence from $10K → €9K after renegotiating',
    want: (w) => [money(w, '$10K', 10_000, 'USD'), money(w, '€9K', 9000, 'EUR')],
  },
  {
    name: 'two bare years are no metric',
    win: 'Migrated billing from 2019 to 2025 schema',
    want: () => [],
  },
  {
    name: 'a before/after and a percent in one win',
    win: 'Cut p95 from 850ms to 120ms (86% faster) #highlight',
    want: (w) => [beforeAfter(w, 'from 850ms to 120ms', 850, 120, 'ms'), percent(w, '86%', 86)],
  },
  // percentages
  {
    name: '"by N%"',
    win: 'Reduced error rate by 86% on the payments API',
    want: (w) => [percent(w, '86%', 86)],
  },
  {
    name: 'a percent with a space and decimals, and one spelled out',
    win: 'A 42% reduction in alerts, 12.5 % fewer pages and 40 percent less toil',
    want: (w) => [percent(w, '42%', 42), percent(w, '12.5 %', 12.5), percent(w, '40 percent', 40)],
  },
  {
    name: 'bold percent',
    win: 'Coverage up **15%** on the ingest package',
    want: (w) => [percent(w, '15%', 15)],
  },
  // money
  {
    name: 'money with K and trailing words',
    win: 'Saved $250K annually by rightsizing Redis #cost',
    want: (w) => [money(w, '$250K', 250_000, 'USD')],
  },
  {
    name: 'euro, lower-case k',
    win: 'Negotiated €40k off the Datadog renewal',
    want: (w) => [money(w, '€40k', 40_000, 'EUR')],
  },
  {
    name: 'pound with thousands separator',
    win: 'Recovered £3,000 in unused licences',
    want: (w) => [money(w, '£3,000', 3000, 'GBP')],
  },
  {
    name: 'comma and decimals, billions',
    win: 'Found $3,400.50 of waste; pipeline now worth $1.5B',
    want: (w) => [money(w, '$3,400.50', 3400.5, 'USD'), money(w, '$1.5B', 1_500_000_000, 'USD')],
  },
  {
    name: 'currency codes before or after the amount, and a scale word',
    win: 'Closed USD 5,000 in credits, 12k EUR of refunds and a $1.2 million deal',
    want: (w) => [
      money(w, 'USD 5,000', 5000, 'USD'),
      money(w, '12k EUR', 12_000, 'EUR'),
      money(w, '$1.2 million', 1_200_000, 'USD'),
    ],
  },
  {
    name: 'decimals scale exactly (1.15M is 1150000)',
    win: 'Pipeline added $1.15m ARR',
    want: (w) => [money(w, '$1.15m', 1_150_000, 'USD')],
  },
  {
    name: 'no currency, no money',
    win: 'Handled 250K requests per second and 250K dollars of spend',
    want: () => [],
  },
  // durations
  {
    name: 'minutes and hours saved',
    win: 'Saved 45 minutes a day and 2h per week by scripting the release',
    want: (w) => [duration(w, '45 minutes', 45, 'min'), duration(w, '2h', 120, 'h')],
  },
  {
    name: 'fractional hours and abbreviations',
    win: 'Triage down to 1.5 hours; standup 30 min; reviews 3 hrs',
    want: (w) => [duration(w, '1.5 hours', 90, 'h'), duration(w, '30 min', 30, 'min'), duration(w, '3 hrs', 180, 'h')],
  },
  {
    name: 'seconds',
    win: 'Health checks every 90s instead of polling; retries after 3 sec',
    want: (w) => [duration(w, '90s', 1.5, 's'), duration(w, '3 sec', 0.05, 's')],
  },
  {
    name: 'a latency alone is a duration in ms (value in minutes)',
    win: 'Kept p99 under 200ms during the Black Friday peak',
    want: (w) => [duration(w, '200ms', 0.00333333333333, 'ms')],
  },
  {
    name: 'days are spans of the calendar, not durations',
    win: 'Shipped the migration 2 days early; the sidecar ran for 30 days',
    want: () => [],
  },
  {
    name: 'no float noise (1.1 h is 66 min)',
    win: 'Pairing session 1.1 h, then 1.1 h again',
    want: (w) => [duration(w, '1.1 h', 66, 'h'), duration(w, '1.1 h', 66, 'h', 1)],
  },
  // not metrics
  {
    name: 'dates, ISO weeks and quarters',
    win: 'Planned 2026-W06 work on 2026-03-10 for the 2026-Q1 OKRs',
    want: () => [],
  },
  {
    name: 'dates in a before/after are not numbers',
    win: 'Moved the launch from 2026-03-01 to 2026-03-10',
    want: () => [],
  },
  {
    name: 'versions',
    win: 'Upgraded Postgres to 16.2.1 and the SDK from v2.3.1 to v3',
    want: () => [],
  },
  {
    name: 'ticket ids and issue numbers',
    win: 'Fixed JIRA-1234, OPS-77 and #1234 in one PR',
    want: () => [],
  },
  {
    name: 'times of day',
    win: 'Moved standup from 10:30 to 11:00',
    want: () => [],
  },
  {
    name: 'URLs, link targets and inline code',
    win: 'Docs at https://acme.dev/limits/50% and [runbook](https://wiki.acme.dev/5min) with `sleep 30s`',
    want: () => [],
  },
  {
    name: 'owners, due dates, tags and wiki links',
    win: 'Follow up on SLO review @sam-2 due:2026-03-01 #q1-2026 [[2026-Q1/reliability#99pct]]',
    want: () => [],
  },
  {
    name: 'numbers glued to letters: p95, 3x, k8s, COVID-19',
    win: 'Made p95 dashboards 3x faster on k8s after COVID-19 backlog',
    want: () => [],
  },
  {
    name: 'a win without numbers',
    win: 'Mentored Priya through her first on-call rotation',
    want: () => [],
  },
  {
    name: 'metrics next to excluded tokens keep their columns',
    win: '[[2026-Q1/cost]] JIRA-88: saved $12K and 4 hours #cost',
    want: (w) => [money(w, '$12K', 12_000, 'USD'), duration(w, '4 hours', 240, 'h')],
  },
];

describe('parseMetrics', () => {
  it.each(cases)('$name', ({ win, want }) => {
    expect(parseMetrics(win)).toEqual(want(win));
  });

  it('reports columns as offsets into the original text', () => {
    expect(parseMetrics('#perf [[okr#kr]] by 86%')).toEqual([
      { kind: 'percent', text: '86%', column: 20, value: 86, before: null, after: null, unit: '%' },
    ]);
  });

  it('returns values that satisfy the Metric schema', () => {
    const all = cases.flatMap(({ win }) => parseMetrics(win));
    expect(Metric.array().parse(all)).toEqual(all);
  });
});
