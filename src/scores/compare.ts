/**
 * Two report models side by side (`compare A B`): every scalar figure of the rollups with its
 * difference, b − a. Figures that exist per key (money per currency, 1:1s per series, tags) are
 * matched by key; a key one side lacks counts as 0 there, except tags, which only the top ten
 * list (so a missing tag is unknown, null).
 */
import { z } from 'zod';
import type { Report } from './model.ts';
import { ReportPeriod } from './model.ts';

/** One figure of both periods. */
export const ComparedFigure = z.object({
  /** Stable key, e.g. "wins.count", "metrics.money.USD", "one_on_ones.sam-lee.held". */
  key: z.string(),
  /** Words for people, e.g. "Wins". */
  label: z.string(),
  /** "days", "h", "min", "%" (0–100 scores), "fraction" (0–1), a currency code, or null for counts. */
  unit: z.string().nullable(),
  a: z.number().nullable(),
  b: z.number().nullable(),
  /** b − a; null when either side is null. */
  difference: z.number().nullable(),
});
export type ComparedFigure = z.infer<typeof ComparedFigure>;

export const Comparison = z.object({
  a: ReportPeriod,
  b: ReportPeriod,
  figures: z.array(ComparedFigure),
});
export type Comparison = z.infer<typeof Comparison>;

type Figure = Omit<ComparedFigure, 'a' | 'b' | 'difference'> & { get: (r: Report) => number | null | undefined };

const FIXED: Figure[] = [
  { key: 'coverage.logged_days', label: 'Days logged', unit: 'days', get: (r) => r.coverage.logged_days },
  { key: 'coverage.work_days', label: 'Work days', unit: 'days', get: (r) => r.coverage.work_days },
  { key: 'coverage.coverage', label: 'Work days logged', unit: 'fraction', get: (r) => r.coverage.coverage },
  { key: 'coverage.hours', label: 'Hours', unit: 'h', get: (r) => r.coverage.hours },
  { key: 'coverage.deep_work', label: 'Deep work', unit: 'h', get: (r) => r.coverage.deep_work },
  { key: 'coverage.meeting_hours', label: 'Meetings', unit: 'h', get: (r) => r.coverage.meeting_hours },
  { key: 'wins.count', label: 'Wins', unit: null, get: (r) => r.wins.count },
  { key: 'wins.highlights', label: 'Highlights', unit: null, get: (r) => r.wins.highlights },
  { key: 'wins.tied', label: 'Wins tied to objectives', unit: null, get: (r) => r.wins.tied },
  { key: 'achievements', label: 'Achievements', unit: null, get: (r) => r.achievements.length },
  { key: 'metrics.time_saved', label: 'Time saved', unit: 'min', get: (r) => r.metrics.time_saved.minutes },
  { key: 'metrics.changes', label: 'Before → after results', unit: null, get: (r) => r.metrics.changes.length },
  { key: 'weeks.green', label: 'Green weeks', unit: null, get: (r) => r.weeks.green },
  { key: 'weeks.yellow', label: 'Yellow weeks', unit: null, get: (r) => r.weeks.yellow },
  { key: 'weeks.red', label: 'Red weeks', unit: null, get: (r) => r.weeks.red },
  { key: 'weeks.no_data', label: 'Weeks without data', unit: null, get: (r) => r.weeks.no_data },
  { key: 'weeks.mean_composite', label: 'Mean weekly composite', unit: '%', get: (r) => r.weeks.mean_composite },
  { key: 'weeks.mean_consistency', label: 'Mean consistency', unit: '%', get: (r) => r.weeks.mean_consistency },
  { key: 'weeks.mean_delivery', label: 'Mean delivery', unit: '%', get: (r) => r.weeks.mean_delivery },
  { key: 'weeks.mean_focus', label: 'Mean focus', unit: '%', get: (r) => r.weeks.mean_focus },
  { key: 'weeks.mean_alignment', label: 'Mean alignment', unit: '%', get: (r) => r.weeks.mean_alignment },
  { key: 'weeks.mean_wellbeing', label: 'Mean wellbeing', unit: '%', get: (r) => r.weeks.mean_wellbeing },
  { key: 'objectives.count', label: 'Objectives', unit: null, get: (r) => r.objectives.items.length },
  { key: 'objectives.mean_progress', label: 'Mean objective progress', unit: '%', get: (r) => r.objectives.mean_progress },
  { key: 'objectives.achieved', label: 'Objectives achieved', unit: null, get: (r) => r.objectives.achieved },
  { key: 'objectives.on_track', label: 'Objectives on track', unit: null, get: (r) => r.objectives.on_track },
  { key: 'objectives.at_risk', label: 'Objectives at risk', unit: null, get: (r) => r.objectives.at_risk },
  { key: 'objectives.off_track', label: 'Objectives off track', unit: null, get: (r) => r.objectives.off_track },
  { key: 'sprints.count', label: 'Sprints', unit: null, get: (r) => r.sprints.items.length },
  { key: 'sprints.mean_velocity', label: 'Mean sprint velocity', unit: 'fraction', get: (r) => r.sprints.mean_velocity },
  { key: 'sprints.completed_points', label: 'Points completed', unit: null, get: (r) => r.sprints.completed_points },
  { key: 'one_on_ones.held', label: '1:1s held', unit: null, get: (r) => r.one_on_ones.reduce((n, s) => n + s.held, 0) },
  { key: 'feedback', label: 'Feedback received', unit: null, get: (r) => r.feedback.length },
  { key: 'action_items.opened', label: 'Action items opened', unit: null, get: (r) => r.action_items.opened },
  { key: 'action_items.done', label: 'Action items done', unit: null, get: (r) => r.action_items.done },
  { key: 'action_items.open', label: 'Action items open', unit: null, get: (r) => r.action_items.open },
  { key: 'action_items.overdue', label: 'Action items overdue', unit: null, get: (r) => r.action_items.overdue },
  { key: 'gaps.missing_days', label: 'Work days without a log', unit: 'days', get: (r) => r.gaps.missing_days.length },
  { key: 'gaps.stale_key_results', label: 'Stale key results', unit: null, get: (r) => r.gaps.stale_key_results.length },
  { key: 'gaps.quiet_series', label: 'Quiet 1:1 series', unit: null, get: (r) => r.gaps.quiet_series.length },
  { key: 'patterns.streak', label: 'Longest logging streak', unit: 'days', get: (r) => r.patterns.streak.days },
  { key: 'patterns.meeting_heavy_weeks', label: 'Meeting-heavy weeks', unit: null, get: (r) => r.patterns.meeting_heavy_weeks.count },
  { key: 'patterns.meetings_vs_energy', label: 'Meetings vs energy (r)', unit: null, get: (r) => r.patterns.meetings_vs_energy.r },
  { key: 'patterns.meetings_vs_deep_work', label: 'Meetings vs deep work (r)', unit: null, get: (r) => r.patterns.meetings_vs_deep_work.r },
];

/** Figures keyed by something only the reports know: currencies, series, tags. */
function keyedFigures(a: Report, b: Report): Figure[] {
  const keys = <T>(pick: (r: Report) => T[], key: (item: T) => string | null) =>
    [...new Set([...pick(a), ...pick(b)].map(key).filter((k): k is string => k !== null))].sort();
  const money = keys((r) => r.metrics.money, (m) => `${m.currency}.${m.basis}`).map((key): Figure => {
    const [currency = '', basis] = key.split('.');
    return {
      key: `metrics.money.${key}`, label: `Money saved (${currency}, ${basis === 'per_year' ? 'a year' : 'one-off'})`, unit: currency,
      get: (r) => r.metrics.money.find((m) => `${m.currency}.${m.basis}` === key)?.total ?? 0,
    };
  });
  const series = keys((r) => r.one_on_ones, (s) => s.series).map((id): Figure => {
    const person = [...a.one_on_ones, ...b.one_on_ones].find((s) => s.series === id)?.person ?? id;
    return { key: `one_on_ones.${id}.held`, label: `1:1s with ${person}`, unit: null, get: (r) => r.one_on_ones.find((s) => s.series === id)?.held ?? 0 };
  });
  const tags = keys((r) => r.tags, (t) => t.tag).map((tag): Figure => ({
    key: `tags.${tag}`, label: `#${tag}`, unit: null, get: (r) => r.tags.find((t) => t.tag === tag)?.count ?? null,
  }));
  return [...money, ...series, ...tags];
}

/** Every figure of two reports, side by side. */
export function compareReports(a: Report, b: Report): Comparison {
  const figures = [...FIXED, ...keyedFigures(a, b)].map(({ get, ...figure }) => {
    const [va, vb] = [get(a) ?? null, get(b) ?? null];
    return { ...figure, a: va, b: vb, difference: va === null || vb === null ? null : vb - va };
  });
  return { a: a.period, b: b.period, figures };
}
