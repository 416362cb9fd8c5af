/**
 * The report model: every figure of one period (week, quarter, year or date range), as the SQL in
 * rollups/ computes it. The site and the assessments read it and recompute nothing. Scores and
 * progress are 0–100, fractions (coverage, velocity, change, share) 0–1, hours in hours, time
 * saved in minutes, money in currency units; full precision (round only for display). Every
 * figure that comes from entries carries their `path` and `line` (or win ids) so pages can link
 * to them. Dates are "YYYY-MM-DD".
 */
import { z } from 'zod';
import { PeriodKind } from './periods.ts';

const date = z.string();
const num = z.number().nullable();
const count = z.number().int();
/** Where an entry lives in the journal: its file, relative to the journal, and line (metrics add a column). */
const source = { path: z.string(), line: z.number().int() };
/** `private: true` entries: counted in figures, their text kept out of prompts and public sites. */
const isPrivate = z.boolean().nullable();

export const WeekStatus = z.enum(['green', 'yellow', 'red', 'no_data']);
export const KrStatus = z.enum(['achieved', 'on_track', 'at_risk', 'off_track', 'no_data']);

/** The period and the date its figures are as of. */
export const ReportPeriod = z.object({
  kind: PeriodKind,
  /** e.g. "2025-W06", "2025-Q1", "2025", "2025-01-01..2025-03-31". */
  id: z.string(),
  start: date,
  end: date,
  /** Entries dated after this do not count: the period's last day, or the run's as-of date if earlier. */
  as_of: date,
  /** True when as_of is the period's last day (the period is over). */
  complete: z.boolean(),
});

/** One daily log: the row behind daily figures and work patterns. */
export const Day = z.object({
  date,
  ...source,
  /** ISO week, e.g. "2025-W06". */
  week: z.string(),
  /** ISO weekday, Monday = 1. */
  weekday: count,
  /** Whether the date is a configured work day. */
  work_day: z.boolean(),
  hours: num, deep_work: num, meeting_hours: num,
  energy: num, stress: num, balance: num, mood: z.string().nullable(),
  /** Wins listed in this log. */
  wins: count,
  private: isPrivate,
});

/** Days logged against the period's work days, up to the as-of date. */
export const Coverage = z.object({
  work_days: count,
  logged_days: count,
  logged_work_days: count,
  /** logged_work_days / work_days, 0–1; null with no work days. */
  coverage: num,
  hours: num, deep_work: num, meeting_hours: num,
});

export const Win = z.object({
  /** "<date>#<n>", e.g. "2025-02-07#2". */
  id: z.string(),
  date,
  ...source,
  text: z.string(),
  tags: z.array(z.string()),
  highlight: z.boolean(),
  objective_ids: z.array(z.string()),
  kr_refs: z.array(z.string()),
  /** Linked to an objective, or its day's okrs is non-empty. */
  tied: z.boolean(),
  private: isPrivate,
});

export const Wins = z.object({
  count,
  highlights: count,
  /** Wins tied to an objective. */
  tied: count,
  /** What `items` holds: every win (weeks, ranges) or the highlights (quarters, years). */
  listed: z.enum(['all', 'highlights']),
  items: z.array(Win),
});

export const Achievement = z.object({
  id: z.string(),
  date,
  ...source,
  title: z.string(),
  highlight: z.boolean().nullable(),
  dimensions: z.array(z.string()),
  skills: z.array(z.string()),
  okrs: z.array(z.string()),
  /** The headline metric; change = (after − before) / before. */
  metric: z.object({ name: z.string(), unit: z.string().nullable(), before: num, after: num, value: num, change: num }).nullable(),
  private: isPrivate,
});

export const Metrics = z.object({
  /**
   * Money saved, summed per currency and basis: "per_year" (savings a month × 12 plus savings a year) or
   * "one_off", e.g. { currency: "USD", basis: "per_year", total: 237600 }. Costs, targets and other
   * amounts are never added (docs/scoring.md).
   */
  money: z.array(z.object({
    currency: z.string().nullable(), basis: z.enum(['per_year', 'one_off']), total: num, count, win_ids: z.array(z.string()),
  })),
  /** Minutes saved by before → after changes of a duration (not latencies), summed; null with none. */
  time_saved: z.object({ minutes: num, count, win_ids: z.array(z.string()) }),
  /** Before → after pairs; change = (after − before) / before, null when before is 0. */
  changes: z.array(z.object({
    win_id: z.string(), date, ...source, column: count, text: z.string(), before: num, after: num, unit: z.string().nullable(),
    direction: z.enum(['down', 'up']).nullable(), change: num, minutes_saved: num, private: isPrivate,
  })),
  /** Percentages, e.g. "by 86%". */
  percents: z.array(z.object({
    win_id: z.string(), date, ...source, column: count, text: z.string(), value: num, kind: z.enum(['rate', 'change']),
    direction: z.enum(['down', 'up']).nullable(), private: isPrivate,
  })),
});

/** One row of weekly_scores. */
export const WeekScore = z.object({
  week: z.string(), week_start: date, week_end: date,
  logged_days: count, work_days: count, logged_work_days: count,
  wins: count, tied_wins: count, highlights: count,
  hours: num, deep_work: num, meeting_hours: num,
  consistency: num, delivery: num, focus: num, alignment: num, wellbeing: num, composite: num,
  /** The override when set, else computed_status. */
  status: WeekStatus,
  computed_status: WeekStatus,
  status_override: z.string().nullable(),
  override_reason: z.string().nullable(),
  /** Declared in the weekly check-in, shown beside the status. */
  confidence: z.string().nullable(),
  /** composite − the previous week's composite. */
  delta: num,
  /** Mean composite of the last 4 weeks with data, this one included. */
  trend_4w: num,
  /** The weekly check-in file, if any. */
  checkin_path: z.string().nullable(),
  checkin_line: z.number().int().nullable(),
});

export const Weeks = z.object({
  green: count, yellow: count, red: count, no_data: count,
  /** Weeks whose status is the check-in's override. */
  overridden: count,
  /** Means over the weeks with data. */
  mean_composite: num, mean_consistency: num, mean_delivery: num, mean_focus: num, mean_alignment: num, mean_wellbeing: num,
  items: z.array(WeekScore),
});

/** One row of kr_progress. */
export const KeyResult = z.object({
  kr_id: z.string(), title: z.string(), unit: z.string().nullable(), weight: num,
  start: num, target: num,
  /** The latest check-in's value, or start without one. */
  current: num,
  /** 0–100. */
  progress: num,
  /** Elapsed share of the objective's period, 0–100. */
  expected: num,
  status: KrStatus,
  /** Declared on the latest check-in. */
  confidence: z.string().nullable(),
  last_check_in: date.nullable(),
  check_ins: count,
  days_since_check_in: num,
  no_check_in: z.boolean(),
  stale: z.boolean(),
  note: z.string().nullable(),
  ...source,
  check_in_path: z.string().nullable(),
  check_in_line: z.number().int().nullable(),
});

export const Objective = z.object({
  objective_id: z.string(), title: z.string(), quarter: z.string().nullable(), start: date.nullable(), end: date.nullable(),
  /** As written: draft, active, achieved, missed, cancelled. */
  lifecycle: z.string().nullable(),
  /** Weighted mean of its key results' progress, 0–100. */
  progress: num,
  expected: num,
  /** The worst key-result status; no_data without key results. */
  status: KrStatus,
  stale_count: count,
  no_check_in_count: count,
  key_results: z.array(KeyResult),
  ...source,
  private: isPrivate,
});

export const Objectives = z.object({
  /** Mean of the objectives' progress. */
  mean_progress: num,
  achieved: count, on_track: count, at_risk: count, off_track: count, no_data: count,
  items: z.array(Objective),
});

export const Sprints = z.object({
  /** Mean of the sprints' velocities (completed / planned). */
  mean_velocity: num,
  planned_points: num,
  completed_points: num,
  items: z.array(z.object({
    id: z.string(), name: z.string().nullable(), start: date.nullable(), end: date.nullable(), goal: z.string().nullable(),
    planned_points: num, completed_points: num, velocity: num, ...source, private: isPrivate,
  })),
});

export const OneOnOne = z.object({
  /** The series folder, e.g. "sarah-chen". */
  series: z.string(),
  person: z.string().nullable(), relationship: z.string().nullable(), cadence: z.string().nullable(), active: z.boolean(),
  /** Meetings in the period. */
  held: count,
  last_meeting: date.nullable(),
  days_since_meeting: num,
  meetings: z.array(z.object({ date, ...source, mood: num, topics: z.array(z.string()), private: isPrivate })),
  /** The _series.md file; null when the folder has none. */
  path: z.string().nullable(),
  line: z.number().int().nullable(),
});

export const Feedback = z.object({ series: z.string(), date, ...source, text: z.string(), private: isPrivate });

export const ActionItem = z.object({
  /** The item's identity: its key, wherever it is mentioned (1:1s, sprints, daily logs). */
  scope: z.string(),
  entry_kind: z.string(), series: z.string().nullable(), item_key: z.string(),
  /** As last mentioned. */
  text: z.string(),
  owner: z.string().nullable(), due: date.nullable(), done: z.boolean(),
  opened: date.nullable(), closed: date.nullable(), last_mentioned: date.nullable(),
  mentions: count,
  /** First mention to the tick, or to the as-of date. */
  days_open: num,
  opened_in_period: z.boolean(), done_in_period: z.boolean(), open: z.boolean(), overdue: z.boolean(),
  /** The latest mention. */
  ...source,
  /** True when no mention is public yet (its text must not leave the machine). */
  private: isPrivate,
});

export const ActionItems = z.object({
  opened: count, done: count, open: count, overdue: count,
  /** True when `items` holds every open item: the period reaches the run's as-of date. */
  all_open_listed: z.boolean(),
  /** Items opened or done in the period, or open at its end and mentioned or due in it; every open one when all_open_listed. */
  items: z.array(ActionItem),
});

export const Gaps = z.object({
  /** Work days without a log, up to the as-of date. */
  missing_days: z.array(date),
  /** Key results of active objectives with no check-in for 14 days. */
  stale_key_results: z.array(z.object({
    objective_id: z.string(), kr_id: z.string(), title: z.string(), last_check_in: date.nullable(), days_since_check_in: num, ...source,
  })),
  /** Active 1:1 series with no meeting for twice their cadence. */
  quiet_series: z.array(z.object({
    series: z.string(), person: z.string().nullable(), cadence: z.string().nullable(), last_meeting: date, days_since_meeting: num,
    path: z.string().nullable(), line: z.number().int().nullable(),
  })),
});

const Correlation = z.object({
  /** Pearson r, −1…1; null with fewer than three days or no variation. */
  r: num,
  days: count,
  weeks: count,
});

export const Patterns = z.object({
  /** Distinct ISO weeks with a log. */
  weeks_of_data: count,
  weekdays: z.array(z.object({
    weekday: count, name: z.string(), days: count, deep_work: num, deep_work_weeks: count, energy: num, energy_weeks: count,
  })),
  meetings_vs_energy: Correlation,
  meetings_vs_deep_work: Correlation,
  /** Longest run of consecutive logged work days. */
  streak: z.object({ days: count, start: date.nullable(), end: date.nullable() }),
  meeting_heavy_weeks: z.object({
    /** Weeks with hours and meeting hours logged. */
    weeks_measured: count,
    count,
    items: z.array(z.object({ week: z.string(), hours: num, meeting_hours: num, share: num })),
  }),
  /** Only for patterns resting on 8 weeks of data or more. */
  suggestions: z.array(z.object({ pattern: z.string(), text: z.string() })),
});

/** Every figure of one period. */
export const Report = z.object({
  period: ReportPeriod,
  coverage: Coverage,
  days: z.array(Day),
  wins: Wins,
  achievements: z.array(Achievement),
  metrics: Metrics,
  weeks: Weeks,
  objectives: Objectives,
  sprints: Sprints,
  one_on_ones: z.array(OneOnOne),
  feedback: z.array(Feedback),
  action_items: ActionItems,
  tags: z.array(z.object({ tag: z.string(), count, win_ids: z.array(z.string()), dates: z.array(date) })),
  skills: z.array(z.object({ skill: z.string(), count, achievement_ids: z.array(z.string()) })),
  gaps: Gaps,
  patterns: Patterns,
});
export type Report = z.infer<typeof Report>;
