/**
 * Report figures shaped into chart rows, rendered to SVG, with the same rows kept as a table for
 * screen readers and print. Figures are only arranged here, never computed.
 */
import type { ChartKind } from '../charts/specs.ts';
import type { Report } from '../scores/model.ts';
import { shortDate, statusLabel } from './format.ts';
import type { ChartView, ObjectiveFigures, WeekScore } from './pages.ts';
import type { FragmentKey, Fragments } from './fragments.ts';

/**
 * Draws a chart as a fragment: one an earlier build drew is reused. Figures are drawn at 6
 * significant digits, so the float noise of DuckDB's parallel sums never makes a chart look new.
 */
function draw(fragments: Fragments, kind: ChartKind, rows: readonly Record<string, unknown>[], label: string): FragmentKey {
  const steady = rows.map((row) => Object.fromEntries(Object.entries(row).map(([key, value]) => [key, typeof value === 'number' ? Number(value.toPrecision(6)) : value])));
  return fragments.add({ chart: kind, rows: steady, label });
}

const WEEKDAY = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

/** Hours, deep work and energy for each day of a week (days without a log have no bars). */
export function weekHoursChart(fragments: Fragments, week: string, dates: string[], days: Report['days']): ChartView {
  const byDate = new Map(days.map((d) => [d.date, d]));
  const rows = dates.map((date, i) => {
    const day = byDate.get(date);
    return { day: `${WEEKDAY[i]} ${date.slice(8)}`, hours: day?.hours ?? null, deep_work: day?.deep_work ?? null, energy: day?.energy ?? null };
  });
  return {
    svg: draw(fragments, 'week-hours', rows, `Hours, deep work and energy per day, ${week}`),
    caption: 'Hours worked (light bars), deep work (dark bars) and energy (diamonds, 1–5) per day',
    columns: [{ key: 'day', label: 'Day' }, { key: 'hours', label: 'Hours' }, { key: 'deep_work', label: 'Deep work (h)' }, { key: 'energy', label: 'Energy' }],
    rows,
  };
}

/** The weekly composite score over a run of weeks, each point shaped and coloured by status. */
export function scoreTrendChart(fragments: Fragments, weeks: readonly WeekScore[], label: string): ChartView | null {
  const scored = weeks.filter((w) => w.composite !== null);
  if (scored.length === 0) return null;
  const rows = scored.map((w) => ({ week: w.week.slice(5), composite: w.composite, status: w.status }));
  return {
    svg: draw(fragments, 'score-trend', rows, label),
    caption: 'Weekly score (0–100); colour and shape show each week’s status',
    columns: [{ key: 'week', label: 'Week' }, { key: 'composite', label: 'Score' }, { key: 'status', label: 'Status' }],
    rows: rows.map((r) => ({ ...r, status: statusLabel(r.status) })),
  };
}

/** Sprint velocity (completed / planned points). */
export function velocityChart(fragments: Fragments, sprints: Report['sprints']['items'], label: string): ChartView | null {
  const rows = sprints.filter((s) => s.velocity !== null).map((s) => ({ sprint: s.id, velocity: s.velocity }));
  if (rows.length === 0) return null;
  return {
    svg: draw(fragments, 'velocity', rows, label),
    caption: 'Velocity per sprint; the dashed line is 100% of the plan',
    columns: [{ key: 'sprint', label: 'Sprint' }, { key: 'velocity', label: 'Velocity' }],
    rows,
  };
}

/** One key result's check-ins against its start and target across the objective's period. */
export function krHistoryChart(
  fragments: Fragments,
  objective: Pick<ObjectiveFigures, 'objective_id' | 'start' | 'end'>,
  kr: ObjectiveFigures['key_results'][number],
  checkIns: readonly { date: string; value: number }[],
): ChartView | null {
  if (!objective.start || !objective.end || kr.start === null || kr.target === null) return null;
  const rows = [
    { date: objective.start, value: kr.start, series: 'check-in' },
    ...checkIns.map((c) => ({ date: c.date, value: c.value, series: 'check-in' })),
    { date: objective.start, value: kr.target, series: 'target' },
    { date: objective.end, value: kr.target, series: 'target' },
    { date: objective.start, value: kr.start, series: 'start' },
    { date: objective.end, value: kr.start, series: 'start' },
  ];
  return {
    svg: draw(fragments, 'kr-history', rows, `${kr.title}: check-ins from ${kr.start} toward ${kr.target}`),
    caption: `${kr.title}: check-ins (solid line) against the target (dashed) and the start (dotted)`,
    columns: [{ key: 'date', label: 'Date' }, { key: 'value', label: kr.unit ? `Value (${kr.unit})` : 'Value' }],
    rows: [{ date: shortDate(objective.start), value: kr.start }, ...checkIns.map((c) => ({ date: shortDate(c.date), value: c.value }))],
  };
}

/** Mean deep work and energy by weekday (work patterns). */
export function weekdaysChart(fragments: Fragments, patterns: Report['patterns']): ChartView | null {
  const measured = patterns.weekdays.filter((w) => w.days > 0);
  if (measured.length === 0) return null;
  const rows = measured.flatMap((w) => [
    { weekday: w.name.slice(0, 3), value: w.deep_work, measure: 'Deep work (h)' },
    { weekday: w.name.slice(0, 3), value: w.energy, measure: 'Energy (1–5)' },
  ]);
  return {
    svg: draw(fragments, 'weekdays', rows, 'Mean deep work and energy by weekday'),
    caption: 'Mean deep work (hours) and energy (1–5) by weekday',
    columns: [{ key: 'weekday', label: 'Weekday' }, { key: 'deep_work', label: 'Deep work (h)' }, { key: 'energy', label: 'Energy' }, { key: 'days', label: 'Days' }],
    rows: measured.map((w) => ({ weekday: w.name, deep_work: w.deep_work, energy: w.energy, days: w.days })),
  };
}
