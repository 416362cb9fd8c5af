/**
 * Report figures shaped into chart rows, rendered to SVG, with the same rows kept as a table for
 * screen readers and print. Figures are only arranged here, never computed.
 */
import { renderChart as renderChartSvg } from '../charts/render.ts';
import type { ChartKind } from '../charts/specs.ts';
import type { Report } from '../scores/model.ts';
import { shortDate, statusLabel } from './format.ts';
import type { ChartView, ObjectiveFigures, WeekScore } from './pages.ts';
import type { RenderCache } from './render-cache.ts';

/** Draws through the render cache: a chart already drawn by an earlier build is reused. */
function draw(cache: RenderCache, kind: ChartKind, rows: readonly Record<string, unknown>[], label: string): Promise<string> {
  return cache.get(JSON.stringify(['chart', kind, rows, label]), () => renderChartSvg(kind, rows, { label }));
}

const WEEKDAY = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

/** Hours, deep work and energy for each day of a week (days without a log have no bars). */
export async function weekHoursChart(cache: RenderCache, week: string, dates: string[], days: Report['days']): Promise<ChartView> {
  const byDate = new Map(days.map((d) => [d.date, d]));
  const rows = dates.map((date, i) => {
    const day = byDate.get(date);
    return { day: `${WEEKDAY[i]} ${date.slice(8)}`, hours: day?.hours ?? null, deep_work: day?.deep_work ?? null, energy: day?.energy ?? null };
  });
  return {
    svg: await draw(cache, 'week-hours', rows, `Hours, deep work and energy per day, ${week}`),
    caption: 'Hours worked (light bars), deep work (dark bars) and energy (diamonds, 1–5) per day',
    columns: [{ key: 'day', label: 'Day' }, { key: 'hours', label: 'Hours' }, { key: 'deep_work', label: 'Deep work (h)' }, { key: 'energy', label: 'Energy' }],
    rows,
  };
}

/** The weekly composite score over a run of weeks, each point shaped and coloured by status. */
export async function scoreTrendChart(cache: RenderCache, weeks: readonly WeekScore[], label: string): Promise<ChartView | null> {
  const scored = weeks.filter((w) => w.composite !== null);
  if (scored.length === 0) return null;
  const rows = scored.map((w) => ({ week: w.week.slice(5), composite: w.composite, status: w.status }));
  return {
    svg: await draw(cache, 'score-trend', rows, label),
    caption: 'Weekly score (0–100); colour and shape show each week’s status',
    columns: [{ key: 'week', label: 'Week' }, { key: 'composite', label: 'Score' }, { key: 'status', label: 'Status' }],
    rows: rows.map((r) => ({ ...r, status: statusLabel(r.status) })),
  };
}

/** Sprint velocity (completed / planned points). */
export async function velocityChart(cache: RenderCache, sprints: Report['sprints']['items'], label: string): Promise<ChartView | null> {
  const rows = sprints.filter((s) => s.velocity !== null).map((s) => ({ sprint: s.id, velocity: s.velocity }));
  if (rows.length === 0) return null;
  return {
    svg: await draw(cache, 'velocity', rows, label),
    caption: 'Velocity per sprint; the dashed line is 100% of the plan',
    columns: [{ key: 'sprint', label: 'Sprint' }, { key: 'velocity', label: 'Velocity' }],
    rows,
  };
}

/** One key result's check-ins against its start and target across the objective's period. */
export async function krHistoryChart(
  cache: RenderCache,
  objective: Pick<ObjectiveFigures, 'objective_id' | 'start' | 'end'>,
  kr: ObjectiveFigures['key_results'][number],
  checkIns: readonly { date: string; value: number }[],
): Promise<ChartView | null> {
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
    svg: await draw(cache, 'kr-history', rows, `${kr.title}: check-ins from ${kr.start} toward ${kr.target}`),
    caption: `${kr.title} — check-ins (solid) against the target (dashed)`,
    columns: [{ key: 'date', label: 'Date' }, { key: 'value', label: kr.unit ? `Value (${kr.unit})` : 'Value' }],
    rows: [{ date: shortDate(objective.start), value: kr.start }, ...checkIns.map((c) => ({ date: shortDate(c.date), value: c.value }))],
  };
}

/** Mean deep work and energy by weekday (work patterns). */
export async function weekdaysChart(cache: RenderCache, patterns: Report['patterns']): Promise<ChartView | null> {
  const measured = patterns.weekdays.filter((w) => w.days > 0);
  if (measured.length === 0) return null;
  const rows = measured.flatMap((w) => [
    { weekday: w.name.slice(0, 3), value: w.deep_work, measure: 'Deep work (h)' },
    { weekday: w.name.slice(0, 3), value: w.energy, measure: 'Energy (1–5)' },
  ]);
  return {
    svg: await draw(cache, 'weekdays', rows, 'Mean deep work and energy by weekday'),
    caption: 'Mean deep work (hours) and energy (1–5) by weekday',
    columns: [{ key: 'weekday', label: 'Weekday' }, { key: 'deep_work', label: 'Deep work (h)' }, { key: 'energy', label: 'Energy' }, { key: 'days', label: 'Days' }],
    rows: measured.map((w) => ({ weekday: w.name, deep_work: w.deep_work, energy: w.energy, days: w.days })),
  };
}
