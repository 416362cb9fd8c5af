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
const none = { direction: null, change: null, per: null, per_year: null, minutes_saved: null } as const;
// A change's direction and fraction are written out in the cases that are about them; here they follow the sides.
const beforeAfter = (win: string, text: string, before: number, after: number, unit: string | null, minutes_saved: number | null = null): Metric => ({
  ...none, kind: 'change', text, column: columnOf(win, text), value: after, before, after, unit,
  direction: after < before ? 'down' : after > before ? 'up' : null, change: Number(((after - before) / before).toPrecision(12)), minutes_saved,
});
const percent = (win: string, text: string, value: number, nth = 0): Metric => ({
  ...none, kind: 'rate', text, column: columnOf(win, text, nth), value, before: null, after: null, unit: '%',
});
const money = (win: string, text: string, value: number, unit: string, kind: Metric['kind'] = 'amount', per: Metric['per'] = 'once', per_year: number | null = null): Metric => ({
  ...none, kind, text, column: columnOf(win, text), value, before: null, after: null, unit, per, per_year,
});
const duration = (win: string, text: string, minutes: number, unit: string, nth = 0): Metric => ({
  ...none, kind: 'duration', text, column: columnOf(win, text, nth), value: minutes, before: null, after: null, unit,
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
    want: (w) => [beforeAfter(w, '14 min->6 min', 14, 6, 'min', 8)],
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
    want: (w) => [beforeAfter(w, 'from 45 minutes to 3 minutes', 45, 3, 'min', 42)],
  },
  {
    name: 'different duration units are converted to the finer one',
    win: 'Nightly export from 2h to 45 minutes',
    want: (w) => [beforeAfter(w, 'from 2h to 45 minutes', 120, 45, 'min', 75)],
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
    want: (w) => [percent(w, '5%', 5), money(w, '$3K', 3000, 'USD', 'cost', 'month', 36_000)],
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
    want: (w) => [{ ...percent(w, '86%', 86), kind: 'change', direction: 'down', change: -0.86 }],
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
    want: (w) => [money(w, '$250K', 250_000, 'USD', 'saving', 'year', 250_000)],
  },
  {
    name: 'euro, lower-case k',
    win: 'Negotiated €40k off the Datadog renewal',
    want: (w) => [money(w, '€40k', 40_000, 'EUR', 'saving')],
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
    // only the amount right after the verb is the saving; "and 2h per week" stays a duration
    want: (w) => [{ ...duration(w, '45 minutes', 45, 'min'), kind: 'saving', per: 'day' }, duration(w, '2h', 120, 'h')],
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
  // what a number means: each misreading of issue 11 (sample journal wins), and the patterns around them
  {
    name: 'a window is a duration, not time saved ("settled at 140ms over 48 hours")',
    win: 'Flag at 100%. Quote p95 settled at 140ms over 48 hours, from 910ms at the start of the month',
    want: (w) => [percent(w, '100%', 100), duration(w, '140ms', 0.00233333333333, 'ms'), duration(w, '48 hours', 2880, 'h'), duration(w, '910ms', 0.0151666666667, 'ms')],
  },
  {
    name: 'a span of work is a duration, not time saved ("paired for 2h", "dry run: 38 minutes")',
    win: 'Paired with Kofi for 2h on the quote service. Dry run with the team: 38 minutes. Need to lose 8 minutes.',
    want: (w) => [duration(w, '2h', 120, 'h'), duration(w, '38 minutes', 38, 'min'), duration(w, '8 minutes', 8, 'min', 1)],
  },
  {
    name: 'a cost a month is a cost, not a saving',
    win: 'Costed the sidecar option for Q2 planning: about $1,100 a month of extra memory until TrackPoint catches up [[2026-Q1/queue-migration]]',
    want: (w) => [money(w, '$1,100', 1100, 'USD', 'cost', 'month', 13_200)],
  },
  {
    name: 'current spend is a cost and a missed target is a target',
    win: "Monthly spend at $68K. Idle nodes at 9. Short of the $62K target but the trend's right [[2026-Q2/cost]]",
    want: (w) => [money(w, '$68K', 68_000, 'USD', 'cost', 'month', 816_000), money(w, '$62K', 62_000, 'USD', 'target')],
  },
  {
    name: 'a saving over several years is not a saving a year',
    win: 'Helped Sam finish the reserved-instance purchase he inherited from me; saves $250K over three years #cost',
    want: (w) => [money(w, '$250K', 250_000, 'USD', 'saving', 'years')],
  },
  {
    name: 'a one-year commitment saves a year',
    win: 'Reserved instance analysis: a one-year commitment saves about $96K; sent to Finance with the assumptions spelled out [[2026-Q2/cost]]',
    want: (w) => [money(w, '$96K', 96_000, 'USD', 'saving', 'year', 96_000)],
  },
  {
    name: '"spend down" is a saving; a month is twelve a year',
    win: 'Rightsized dispatch API pods from 4 vCPU to 2 vCPU; p95 unchanged, spend down another $3K a month [[2026-Q2/cost#monthly-spend]]',
    want: (w) => [money(w, '$3K', 3000, 'USD', 'saving', 'month', 36_000)],
  },
  {
    name: 'a bare amount takes its meaning from the rest of the win ("turned off …; about $2K a month")',
    win: 'Turned off the staging databases at night and on weekends; about $2K a month [[2026-Q2/cost#monthly-spend]]',
    want: (w) => [money(w, '$2K', 2000, 'USD', 'saving', 'month', 24_000)],
  },
  {
    name: 'money that is neither saved nor spent is an amount',
    win: "Unblocked Kestrel's EU integration test environment; they've been waiting a month. Elif says it protects a €40k renewal",
    want: (w) => [money(w, '€40k', 40_000, 'EUR')],
  },
  {
    name: 'a percent change and a saving a month in one sentence',
    win: 'Found a debug logging flag left on in prod since March. Log volume down by 60%, about $1,800 a month',
    want: (w) => [
      { ...percent(w, '60%', 60), kind: 'change', direction: 'down', change: -0.6 },
      money(w, '$1,800', 1800, 'USD', 'saving', 'month', 21_600),
    ],
  },
  {
    name: '"X instead of Y" is a before → after, after first; time saved each time',
    win: 'Standby replicas for the enrichment state; a new pod is ready in under 2 minutes instead of 25 minutes',
    want: (w) => [{ ...beforeAfter(w, 'under 2 minutes instead of 25 minutes', 25, 2, 'min', 23), direction: 'down', change: -0.92 }],
  },
  {
    name: 'a latency that went down is a change, never time saved',
    win: 'Tuned the consumer and batcher. Event lag p95 from 12s to 1.8s; lookups from 35ms to under 1ms at p99',
    want: (w) => [
      { ...beforeAfter(w, 'from 12s to 1.8s', 12, 1.8, 's'), direction: 'down', change: -0.85 },
      beforeAfter(w, 'from 35ms to under 1ms', 35, 1, 'ms'),
    ],
  },
  {
    name: 'a count that went up is a change up',
    win: 'Main branch green rate from 71% to 94%; reviewers from 2 to 5',
    want: (w) => [beforeAfter(w, 'from 71% to 94%', 71, 94, '%'), { ...beforeAfter(w, 'from 2 to 5', 2, 5, null), direction: 'up', change: 1.5 }],
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
    want: (w) => [money(w, '$12K', 12_000, 'USD', 'saving'), duration(w, '4 hours', 240, 'h')],
  },
];

describe('parseMetrics', () => {
  it.each(cases)('$name', ({ win, want }) => {
    expect(parseMetrics(win)).toEqual(want(win));
  });

  it('reports columns as offsets into the original text', () => {
    expect(parseMetrics('#perf [[okr#kr]] by 86%')).toEqual([
      { ...none, kind: 'change', text: '86%', column: 20, value: 86, before: null, after: null, unit: '%' },
    ]);
  });

  it('returns values that satisfy the Metric schema', () => {
    const all = cases.flatMap(({ win }) => parseMetrics(win));
    expect(Metric.array().parse(all)).toEqual(all);
  });
});
