import type { Writable } from 'node:stream';
import { isCalendarDate } from '../ingest/dates.ts';
import { journalAsOf, openJournal } from '../journal.ts';
import type { Report } from '../scores/model.ts';
import { parsePeriod, periodContaining, PeriodKind, type PeriodSpec } from '../scores/periods.ts';
import { computeReport } from '../scores/report.ts';
import { choiceError, UsageError, type Command } from './command.ts';
import { paint, type Io, writeWarnings } from './output.ts';

/** --as-of as given, checked; undefined when not given (then journalAsOf decides). */
export function resolveAsOf(value: unknown): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value) || !isCalendarDate(value)) {
    throw new UsageError(`--as-of ${String(value)} is not a date YYYY-MM-DD`);
  }
  return value;
}

/** A period id as the user typed it, e.g. "2025-W06"; a UsageError when it names none. */
export function resolvePeriod(text: string, yearStart: string): PeriodSpec {
  const period = parsePeriod(text, yearStart);
  if (!period) throw new UsageError(`${text} is not a period: use a week 2025-W06, a quarter 2025-Q1, a year 2025 or a range 2025-01-01..2025-03-31`);
  return period;
}

/** Opens the journal, warns about content errors, and hands its database to `task`. */
export async function withJournal<T>(journalDir: string, cacheDir: string, io: Io, task: (journal: Awaited<ReturnType<typeof openJournal>>) => Promise<T>): Promise<T> {
  const journal = await openJournal({ journalDir, cacheDir });
  writeWarnings(journal.warnings, io);
  try {
    const errors = journal.diagnostics.filter((d) => d.severity === 'error').length;
    if (errors > 0) io.stderr.write(`note: the journal has ${errors} error${errors === 1 ? '' : 's'}; run ${io.program ?? 'turbowork'} check\n`);
    return await task(journal);
  } finally {
    journal.db.close();
  }
}

export const report: Command = {
  name: 'report',
  help: `Usage: turbowork report week|quarter|year|range [PERIOD] [--as-of YYYY-MM-DD] [--json]

Prints every figure of one period, computed in DuckDB as docs/scoring.md defines them: the weekly
status and scores, days logged, wins and highlights, metrics, objectives and key results, sprints,
1:1s, feedback, action items, gaps and work patterns.

PERIOD is a week 2025-W06, a quarter 2025-Q1 (fiscal, from year_start in journal.yml), a year 2025
or a range 2025-01-01..2025-03-31 (range needs one). Without it, the week, quarter or year that
contains the as-of date. A past period is as of its last day; the current one as of --as-of.

Options:
  --as-of DATE   count only entries dated on or before DATE (default: journal.yml's as_of,
                 else today)
  --json         print the report model as JSON (the same object the site and assessments read)

Examples:
  turbowork report week
  turbowork report quarter 2025-Q1 --json
  turbowork report range 2025-01-01..2025-06-30
`,
  options: { 'as-of': { type: 'string' }, json: { type: 'boolean' } },
  async run(values, positionals, { io, journalDir, cacheDir }) {
    const [kindText, periodText, ...rest] = positionals;
    if (rest.length > 0) throw new UsageError(`unexpected arguments: ${rest.join(' ')}`);
    const kind = PeriodKind.safeParse(kindText);
    if (!kind.success) throw choiceError('report', 'kind', kindText, PeriodKind.options, 'week, quarter, year or range');
    if (kind.data === 'range' && !periodText) throw new UsageError('report range needs a PERIOD, e.g. 2025-01-01..2025-03-31');
    const option = resolveAsOf(values['as-of']);
    return withJournal(journalDir, cacheDir, io, async ({ db, config }) => {
      const asOf = journalAsOf(config, io.now(), option);
      const period = periodText ? resolvePeriod(periodText, config.year_start) : periodContaining(kind.data, asOf, config.year_start);
      if (period.kind !== kind.data) throw new UsageError(`${periodText} is a ${period.kind}, not a ${kind.data}`);
      const model = await computeReport(db, period, { asOf });
      io.stdout.write(values.json ? JSON.stringify(model, null, 2) + '\n' : renderReport(model, io.stdout));
      return 0;
    });
  },
};

type Style = Parameters<typeof paint>[0];
const STATUS_STYLE: Record<string, Style> = {
  green: 'green', yellow: 'yellow', red: 'red', no_data: 'dim', achieved: 'green', on_track: 'green', at_risk: 'yellow', off_track: 'red',
};

/** A number for people: fixed decimals, "—" for null. */
export function formatNumber(value: number | null | undefined, digits = 1): string {
  return value === null || value === undefined ? '—' : value.toFixed(digits);
}
/** A 0–1 fraction as a percentage, e.g. 0.8 → "80%". */
export const formatFraction = (value: number | null | undefined) => (value === null || value === undefined ? '—' : `${Math.round(value * 100)}%`);
const badge = (status: string, out: Writable) => paint(STATUS_STYLE[status] ?? 'dim', `● ${status.replace('_', ' ')}`, out);
const where = (path: string | null, line: number | null, out: Writable) => (path ? paint('dim', `${path}:${line}`, out) : '');
const heading = (text: string, out: Writable) => paint('bold', text.padEnd(13), out);

/** The report as a terminal summary, with status colours when `out` is a colour terminal. */
export function renderReport(r: Report, out: Writable): string {
  const lines: string[] = [];
  const { period: p } = r;
  lines.push(paint('bold', `${p.id}  ${p.start} – ${p.end}`, out) + (p.complete ? '' : paint('dim', `  (as of ${p.as_of})`, out)), '');

  const week = p.kind === 'week' ? r.weeks.items[0] : undefined;
  if (week) {
    const override = week.status_override ? paint('dim', `  overridden from ${week.computed_status}: ${week.override_reason ?? ''}`, out) : '';
    lines.push(`${heading('Status', out)}${badge(week.status, out)}  composite ${formatNumber(week.composite)}  Δ ${formatNumber(week.delta)}  4-week trend ${formatNumber(week.trend_4w)}${override}`);
    lines.push(`${' '.repeat(13)}consistency ${formatNumber(week.consistency)}  delivery ${formatNumber(week.delivery)}  focus ${formatNumber(week.focus)}  alignment ${formatNumber(week.alignment)}  wellbeing ${formatNumber(week.wellbeing)}`);
  } else {
    const w = r.weeks;
    const strip = w.items.map((item) => paint(STATUS_STYLE[item.status], item.status === 'no_data' ? '·' : '■', out)).join('');
    lines.push(`${heading('Weeks', out)}${strip}  ${w.green} green, ${w.yellow} yellow, ${w.red} red, ${w.no_data} without data · mean composite ${formatNumber(w.mean_composite)}`);
  }
  const c = r.coverage;
  lines.push(`${heading('Days', out)}${c.logged_days} logged · ${c.logged_work_days} of ${c.work_days} work days (${formatFraction(c.coverage)}) · ${formatNumber(c.hours)} h, deep work ${formatNumber(c.deep_work)} h, meetings ${formatNumber(c.meeting_hours)} h`);

  lines.push(`${heading('Wins', out)}${r.wins.count} · ${r.wins.highlights} highlighted · ${r.wins.tied} tied to objectives`);
  const shown = p.kind === 'week' ? r.wins.items : r.wins.items.filter((w) => w.highlight);
  for (const w of shown.slice(0, 15)) lines.push(`  ${w.highlight ? '★' : '-'} ${w.text}  ${where(w.path, w.line, out)}`);
  for (const a of r.achievements) lines.push(`  ★ ${a.title} (${a.date})  ${where(a.path, a.line, out)}`);

  const m = r.metrics;
  const money = m.money.map((x) => `${x.total?.toLocaleString('en-US')} ${x.currency} saved ${x.basis === 'per_year' ? 'a year' : 'once'}`);
  const minutes = m.time_saved.minutes;
  const saved = minutes === null ? [] : [minutes < 60 ? `${formatNumber(minutes, 0)} min saved each time` : `${formatNumber(minutes / 60)} h saved each time`];
  if (money.length + saved.length + m.changes.length > 0) {
    lines.push(`${heading('Metrics', out)}${[...money, ...saved].join(' · ') || '—'}`);
    for (const x of m.changes.slice(0, 10)) lines.push(`  ${x.text} (${x.change === null ? '—' : `${x.change > 0 ? '+' : ''}${formatNumber(x.change * 100)}%`})  ${where(x.path, x.line, out)}`);
  }

  if (r.objectives.items.length > 0) lines.push(paint('bold', 'Objectives', out));
  for (const o of r.objectives.items) {
    lines.push(`  ${badge(o.status, out)}  ${formatNumber(o.progress)}% of expected ${formatNumber(o.expected)}%  ${o.title}  ${where(o.path, o.line, out)}`);
    for (const k of o.key_results) {
      const flags = [k.confidence ? `declared ${k.confidence.replace('_', ' ')}` : '', k.no_check_in ? 'no check-in' : '', k.stale ? 'stale' : ''].filter(Boolean);
      lines.push(`      ${badge(k.status, out)}  ${formatNumber(k.progress)}%  ${k.title} (now ${k.current}; ${k.start} → ${k.target}${k.unit ? ` ${k.unit}` : ''})${flags.length ? paint('dim', `  [${flags.join(', ')}]`, out) : ''}`);
    }
  }

  if (r.sprints.items.length > 0) {
    const list = r.sprints.items.map((s) => `${s.name ?? s.id} ${formatFraction(s.velocity)}`).join(', ');
    lines.push(`${heading('Sprints', out)}mean velocity ${formatFraction(r.sprints.mean_velocity)} · ${list}`);
  }
  if (r.one_on_ones.length > 0) lines.push(`${heading('1:1s', out)}${r.one_on_ones.map((s) => `${s.person ?? s.series} ${s.held}`).join(' · ')}`);
  if (r.feedback.length > 0) lines.push(`${heading('Feedback', out)}${r.feedback.length} received`);
  for (const f of r.feedback.slice(0, 5)) lines.push(`  “${f.text}”  ${where(f.path, f.line, out)}`);

  const ai = r.action_items;
  lines.push(`${heading('Action items', out)}${ai.opened} opened · ${ai.done} done · ${ai.open} open · ${ai.overdue > 0 ? paint('red', `${ai.overdue} overdue`, out) : '0 overdue'}`);
  for (const item of ai.items.filter((i) => i.overdue).slice(0, 10)) lines.push(`  ${paint('red', '!', out)} ${item.text} (due ${item.due}, open ${item.days_open} days)  ${where(item.path, item.line, out)}`);

  const g = r.gaps;
  lines.push(`${heading('Gaps', out)}${g.missing_days.length} work days without a log · ${g.stale_key_results.length} stale key results · ${g.quiet_series.length} quiet 1:1 series`);
  for (const k of g.stale_key_results) {
    const since = k.last_check_in ? `no check-in for ${k.days_since_check_in} days` : 'no check-in yet';
    lines.push(`  ${k.title}: ${since}  ${where(k.path, k.line, out)}`);
  }
  for (const s of g.quiet_series) lines.push(`  1:1 with ${s.person ?? s.series}: last met ${s.last_meeting}, ${s.days_since_meeting} days ago`);

  if (r.tags.length + r.skills.length > 0) lines.push(`${heading('Tags', out)}${[...r.tags.map((t) => `#${t.tag} ${t.count}`), ...r.skills.map((s) => `${s.skill} ${s.count}`)].join(' · ')}`);
  const pt = r.patterns;
  lines.push(`${heading('Patterns', out)}longest streak ${pt.streak.days} work days · ${pt.meeting_heavy_weeks.count} of ${pt.meeting_heavy_weeks.weeks_measured} weeks meeting-heavy · ${pt.weeks_of_data} weeks of data`);
  for (const s of pt.suggestions) lines.push(`  → ${s.text}`);
  return lines.join('\n') + '\n';
}
