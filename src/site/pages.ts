/**
 * What each page of the site receives: report-model figures (never recomputed here), the entries
 * behind them, short Markdown already rendered to sanitized HTML, and keys to the longer rendered
 * fragments (log bodies, meeting notes, charts as SVG; see fragments.ts). The content loader hands
 * these to Astro; pages only lay them out.
 */
import type { Report } from '../scores/model.ts';
import type { FragmentKey } from './fragments.ts';

export type WeekScore = Report['weeks']['items'][number];
export type ObjectiveFigures = Report['objectives']['items'][number];
export type WinFigures = Report['wins']['items'][number];
export type ActionItemFigures = Report['action_items']['items'][number];

/** Site-wide facts every page shows: title, as-of date, where "this week" is. */
export interface SiteMeta {
  title: string;
  person: string | null;
  role: string | null;
  asOf: string;
  public: boolean;
  /** How the user runs turbowork, for commands the site suggests, e.g. "npm run tw --" or "turbowork". */
  command: string;
  /** The latest periods with a page, e.g. { week: "2026-W47", quarter: "2026-Q4", year: "2026" }; "" when there is none (an empty journal). */
  current: { week: string; quarter: string; year: string };
  /** Every period with a page, oldest first, for navigation. */
  weeks: string[];
  quarters: string[];
  years: string[];
}

/** A chart ready to show: its SVG (a fragment), its caption, and its rows as a table for screen readers and print. */
export interface ChartView {
  svg: FragmentKey;
  caption: string;
  columns: { key: string; label: string }[];
  rows: Record<string, string | number | null>[];
}

/** A draft from journal/assessments/, rendered. */
export interface AssessmentView {
  kind: string;
  period: string;
  /** "offline" or the model id. */
  generator: string;
  /** The draft, rendered. */
  body: FragmentKey;
  unverified: string[];
  /** The draft's file, relative to the journal, e.g. "assessments/weeks/2026-W06.md". */
  path: string;
  /** A human edited the draft after it was generated. */
  edited: boolean;
}

/** A win as lists show it: its text rendered, where it was logged, and its tags. */
export type WinView = Pick<WinFigures, 'id' | 'date' | 'line' | 'highlight' | 'tags'> & {
  html: string;
  /** The day the win's log was first committed, when that was more than a week after the win; else null. */
  addedLater: string | null;
};

/** An imported commit as pages list it. */
export interface CommitView {
  /** "payments-api@4f1c2a9b0d3e", what drafts cite. */
  id: string;
  date: string;
  repository: string;
  /** The first 7 characters of the hash. */
  short: string;
  subject: string;
  files: number;
  insertions: number;
  deletions: number;
  pr: number | null;
  merge: boolean;
}

export interface DayPage {
  id: string;
  date: string;
  week: string;
  quarter: string;
  path: string;
  figures: { hours: number | null; deep_work: number | null; meeting_hours: number | null; context_switches: number | null; energy: number | null; stress: number | null; balance: number | null; mood: string | null };
  okrs: string[];
  projects: string[];
  tags: string[];
  wins: (Pick<WinView, 'line' | 'highlight' | 'html' | 'addedLater'> & { metrics: { kind: string; text: string }[] })[];
  /** The log's body, rendered. */
  body: FragmentKey;
  /** The day's imported commits. */
  commits: CommitView[];
  /** Front-matter keys turbowork does not know, as written. */
  extra: Record<string, unknown>;
  private: boolean;
  prev: string | null;
  next: string | null;
}

/** A report's win counts; the wins themselves are on the page, rendered (`PeriodPage.wins`). */
export type WinCounts = Omit<Report['wins'], 'items'>;
/** The report fields the week page shows (the full model would multiply the site data's size). */
export type WeekReport = Pick<Report, 'period' | 'coverage' | 'one_on_ones'> & { wins: WinCounts };
/** The report fields quarter and year pages show: all but the daily rows and work patterns. */
export type PeriodReport = Omit<Report, 'days' | 'patterns' | 'wins'> & { wins: WinCounts };

export interface PeriodPage<R = PeriodReport> {
  id: string;
  report: R;
  wins: WinView[];
  charts: Record<string, ChartView>;
  assessment: AssessmentView | null;
  prev: string | null;
  next: string | null;
}

export interface WeekPage extends PeriodPage<WeekReport> {
  score: WeekScore | null;
  /** The week's seven days, logged or not. */
  days: { date: string; logged: boolean; work_day: boolean }[];
  blockers: { date: string; text: string; html: string }[];
  /** The week's imported commits. */
  commits: CommitView[];
}

export interface ObjectivePage {
  id: string;
  figures: ObjectiveFigures;
  /** The period the figures are as of, e.g. "2026-Q1". */
  asOfPeriod: string;
  /** The objective's description, rendered. */
  description: FragmentKey | null;
  charts: Record<string, ChartView>;
  checkIns: { kr_id: string; date: string; value: number; confidence: string | null; note: string | null; path: string; line: number }[];
  wins: WinView[];
}

export interface SeriesPage {
  id: string;
  person: string | null;
  relationship: string | null;
  cadence: string | null;
  active: boolean;
  meetings: { date: string; path: string; line: number; mood: number | null; topics: string[]; body: FragmentKey; private: boolean }[];
  feedback: { date: string; text: string; html: string; path: string; line: number }[];
  actionItems: ActionItemFigures[];
  prep: AssessmentView | null;
}

export interface AchievementView {
  id: string;
  date: string;
  /** The day the file was first committed, when more than a week after `date`; else null. */
  addedLater: string | null;
  title: string;
  path: string;
  highlight: boolean;
  dimensions: string[];
  skills: string[];
  okrs: string[];
  metric: { name: string; unit: string | null; before: number | null; after: number | null; value: number | null; change: number | null } | null;
  star: { situation: string; task: string; action: string; result: string };
}

export interface SprintView {
  id: string;
  name: string | null;
  start: string | null;
  end: string | null;
  goal: string | null;
  planned_points: number | null;
  completed_points: number | null;
  velocity: number | null;
  wentWell: string[];
  toImprove: string[];
  path: string;
}

export interface DashboardPage {
  id: 'dashboard';
  week: WeekPage | null;
  trend: ChartView | null;
  quarter: PeriodReport | null;
  openItems: ActionItemFigures[];
  latestAssessments: AssessmentView[];
}

export interface PatternsPage {
  id: 'patterns';
  patterns: Report['patterns'] | null;
  charts: Record<string, ChartView>;
}

/** Everything the content loader serves, by collection. */
export interface SiteData {
  site: (SiteMeta & { id: 'meta' })[];
  dashboard: DashboardPage[];
  days: DayPage[];
  weeks: WeekPage[];
  quarters: PeriodPage[];
  years: PeriodPage[];
  okrs: ObjectivePage[];
  series: SeriesPage[];
  achievements: (AchievementView & { id: string })[];
  sprints: SprintView[];
  patterns: PatternsPage[];
}
