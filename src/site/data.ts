/**
 * Assembles everything the site shows from the report models (all figures) and the entries behind
 * them (text to read): one value per page, Markdown rendered and charts drawn. Pages lay it out.
 */
import { addedLater, historyStart } from '../evidence/history.ts';
import { addDays, quarterOf } from '../ingest/dates.ts';
import type { JournalConfig } from '../ingest/schema.ts';
import type { Report } from '../scores/model.ts';
import type { AllReports, WholeReport } from '../scores/report.ts';
import { krHistoryChart, scoreTrendChart, velocityChart, weekdaysChart, weekHoursChart } from './charts.ts';
import type { Entries } from './entries.ts';
import type { FragmentKey, Fragments } from './fragments.ts';
import { renderInline, renderMarkdown, type LinkResolver } from './markdown.ts';
import type { FragmentSource } from './render.ts';
import { linksOf } from './links.ts';
import type { Draft } from './assessments.ts';
import type { AchievementView, AssessmentView, CommitView, DayPage, ObjectivePage, PeriodPage, PeriodReport, SeriesPage, SiteData, SprintView, WeekPage, WinView } from './pages.ts';

export interface SiteDataOptions {
  config: JournalConfig;
  asOf: string;
  public: boolean;
  /** The site's base path, e.g. "/" or "/journal/". */
  base: string;
  /** Where wiki links go (links.ts). */
  resolve: LinkResolver;
  /** How the user runs turbowork, e.g. "npm run tw --" (SiteMeta.command). */
  command: string;
}

const neighbours = <T>(list: readonly T[], i: number) => ({ prev: list[i - 1] ?? null, next: list[i + 1] ?? null });

/** What a log's body is rendered from. */
const markdownSource = (markdown: string, resolve: LinkResolver): FragmentSource => ({ markdown, links: linksOf(markdown, resolve) });

/**
 * Starts rendering the logs' bodies, the first fragments pages need, before the rest of the site
 * data can be assembled; buildSiteData then finds them added.
 */
export function addLogBodies(days: Entries['days'], fragments: Fragments, resolve: LinkResolver): void {
  for (const day of days) fragments.add(markdownSource(day.body ?? '', resolve));
}

/** The site's pages; their long Markdown and charts are rendered into `fragments` (some may still be rendering). */
export function buildSiteData(reports: AllReports<WholeReport>, entries: Entries, drafts: Map<string, Draft>, options: SiteDataOptions, fragments: Fragments): SiteData {
  const { config, asOf, base, resolve } = options;
  const markdown = (text: string): FragmentKey => fragments.add(markdownSource(text, resolve));
  /** The draft of "<kind>:<period>", its body a fragment (added where a page first shows it, so in page order). */
  const assessment = (key: string): AssessmentView | null => {
    const draft = drafts.get(key);
    if (!draft) return null;
    const { markdown: text, ...view } = draft;
    return { ...view, body: markdown(text) };
  };
  const yearStart = config.year_start;
  const history = new Map(entries.history.map((h) => [h.path!, { first: h.first_written!, last: h.last_written! }]));
  const start = historyStart(history);
  const lateness = (date: string, path: string) => addedLater(date, history.get(path), start);
  const winView = ({ id, date, line, highlight, tags, text, path }: Report['wins']['items'][number]): WinView => ({ id, date, line, highlight, tags, html: renderInline(text, resolve), addedLater: lateness(date, path) });

  const weekIds = reports.weeks.map((r) => r.period.id);
  const quarterIds = reports.quarters.map((r) => r.period.id);
  const yearIds = reports.years.map((r) => r.period.id);
  const current = { week: weekIds.at(-1) ?? '', quarter: quarterIds.at(-1) ?? '', year: yearIds.at(-1) ?? '' };

  const commitsByDate = Map.groupBy(entries.commits.map(commitView), (c) => c.date);
  const days = dayPages(entries.days, { days: entries.days, wins: reports.weeks.flatMap((r) => r.wins.items), metrics: entries.metrics, commits: entries.commits, history: entries.history }, { yearStart, resolve }, fragments);

  const periodPage = <R>(report: Report, slim: R, ids: string[], i: number, kind: string): PeriodPage<R> => ({
    id: report.period.id,
    report: slim,
    wins: report.wins.items.map(winView),
    charts: {},
    assessment: assessment(`${kind}:${report.period.id}`),
    ...neighbours(ids, i),
  });

  // Fragments render in the order they are added, so pages are assembled in the order Astro renders
  // them: days, objectives, 1:1s, quarters, weeks, years.
  const okrs = objectivePages(reports, entries, winView, markdown, fragments);
  const series = seriesPages(reports.all, entries, assessment, resolve, markdown);

  const withTrendAndVelocity = (page: PeriodPage<PeriodReport>): PeriodPage<PeriodReport> => {
    const trend = scoreTrendChart(fragments, page.report.weeks.items, `Weekly scores, ${page.id}`);
    const velocity = velocityChart(fragments, page.report.sprints.items, `Sprint velocity, ${page.id}`);
    return { ...page, charts: { ...(trend && { trend }), ...(velocity && { velocity }) } };
  };
  const quarters = reports.quarters.map((r, i) => withTrendAndVelocity(periodPage(r, periodReport(r), quarterIds, i, 'quarter')));

  const blockersByDate = new Map(entries.days.map((d) => [d.date!, d.blockers ?? []]));
  const weeks: WeekPage[] = [];
  for (const [i, report] of reports.weeks.entries()) {
    const dates = Array.from({ length: 7 }, (_, n) => addDays(report.period.start, n));
    const logged = new Set(report.days.map((d) => d.date));
    const workDays = new Set(report.days.filter((d) => d.work_day).map((d) => d.date));
    const { period, coverage, wins: { items: _items, ...wins }, one_on_ones } = report;
    const page: WeekPage = {
      ...periodPage(report, { period, coverage, wins, one_on_ones }, weekIds, i, 'week'),
      score: report.weeks.items.find((w) => w.week === report.period.id) ?? null,
      days: dates.map((date) => ({ date, logged: logged.has(date), work_day: workDays.has(date) || isWorkDay(date, config) })),
      blockers: dates.flatMap((date) => (blockersByDate.get(date) ?? []).map((text) => ({ date, text, html: renderInline(text, resolve) }))),
      commits: dates.flatMap((date) => commitsByDate.get(date) ?? []),
    };
    if (report.days.some((d) => d.hours !== null || d.energy !== null)) page.charts.hours = weekHoursChart(fragments, report.period.id, dates, report.days);
    weeks.push(page);
  }

  const years = reports.years.map((r, i) => withTrendAndVelocity(periodPage(r, periodReport(r), yearIds, i, 'year')));

  const achievements: AchievementView[] = entries.achievements.map((a) => {
    const figures = reports.all?.achievements.find((x) => x.id === a.id);
    return {
      id: a.id!, date: a.date!, addedLater: lateness(a.date!, a.path!), title: a.title ?? a.id!, path: a.path!, highlight: a.highlight ?? false,
      dimensions: a.dimensions ?? [], skills: a.skills ?? [], okrs: a.okrs ?? [], metric: figures?.metric ?? null,
      star: { situation: renderMarkdown(a.situation ?? '', resolve), task: renderMarkdown(a.task ?? '', resolve), action: renderMarkdown(a.action ?? '', resolve), result: renderMarkdown(a.result ?? '', resolve) },
    };
  });
  const velocities = new Map(reports.all?.sprints.items.map((s) => [s.id, s.velocity]) ?? []);
  const sprints: SprintView[] = entries.sprints.map((s) => ({
    id: s.id!, name: s.name, start: s.start_date, end: s.end_date, goal: s.goal, planned_points: s.planned_points, completed_points: s.completed_points,
    velocity: velocities.get(s.id!) ?? null, wentWell: (s.went_well ?? []).map((t) => renderInline(t, resolve)), toImprove: (s.to_improve ?? []).map((t) => renderInline(t, resolve)), path: s.path!,
  }));

  const thisWeek = weeks.find((w) => w.id === current.week) ?? null;
  const trend = scoreTrendChart(fragments, reports.weeks.slice(-12).flatMap((r) => r.weeks.items), 'Weekly scores, last 12 weeks');
  const latestAssessments = [assessment(`week:${current.week}`), assessment(`quarter:${current.quarter}`), assessment(`year:${current.year}`)].filter((a) => a !== null);
  const patternsChart = reports.all ? weekdaysChart(fragments, reports.all.patterns) : null;

  return {
    site: [{ id: 'meta', title: config.site.title ?? (config.person.name ? `${config.person.name}’s work journal` : 'Work journal'), person: config.person.name ?? null, role: config.person.role ?? null, asOf, public: options.public, command: options.command, current, weeks: weekIds, quarters: quarterIds, years: yearIds }],
    dashboard: [{
      id: 'dashboard',
      week: thisWeek,
      trend,
      quarter: reports.quarters.at(-1) ? periodReport(reports.quarters.at(-1)!) : null,
      openItems: (reports.all?.action_items.items ?? []).filter((item) => item.open).sort((a, b) => Number(b.overdue) - Number(a.overdue) || (a.due ?? '9999').localeCompare(b.due ?? '9999')),
      latestAssessments,
    }],
    days,
    weeks,
    quarters,
    years,
    okrs,
    series,
    achievements,
    sprints,
    patterns: [{ id: 'patterns', patterns: reports.all?.patterns ?? null, charts: patternsChart ? { weekdays: patternsChart } : {} }],
  };
}

/** What day pages are made from besides their own rows: the journal's, or (`dev`, after a save) enough of it for a few days. */
export interface DayInputs {
  /** Every day, in the site's order (by date, then path), for each page's previous and next day. */
  days: Pick<Entries['days'][number], 'date' | 'path'>[];
  /** The wins of the days' weeks, as their week reports give them (all weeks', or only theirs). */
  wins: Report['wins']['items'];
  /** The metrics of those wins (or more). */
  metrics: Entries['metrics'];
  /** The commits of the days' dates (or more). */
  commits: Entries['commits'];
  /** When each entry was written: every entry's, as the history's start is read from all of it. */
  history: Entries['history'];
}

/** The pages of `days`: each log as written, its wins with the figures the week's report gives them. */
export function dayPages(days: Entries['days'], inputs: DayInputs, { yearStart, resolve }: { yearStart: string; resolve: LinkResolver }, fragments: Fragments): DayPage[] {
  const history = new Map(inputs.history.map((h) => [h.path!, { first: h.first_written!, last: h.last_written! }]));
  const start = historyStart(history);
  const lateness = (date: string, path: string) => addedLater(date, history.get(path), start);
  const metricsByWin = Map.groupBy(inputs.metrics, (m) => m.win_id);
  const winsByPath = Map.groupBy(new Map(inputs.wins.map((w) => [w.id, w])).values(), (w) => w.path);
  const commitsByDate = Map.groupBy(inputs.commits.map(commitView), (c) => c.date);
  const position = new Map(inputs.days.map((d, i) => [d.path!, i]));
  return days.map((day) => {
    const i = position.get(day.path!)!;
    return {
      id: day.date!,
      date: day.date!,
      week: day.week!,
      quarter: quarterOf(day.date!, yearStart),
      path: day.path!,
      figures: { hours: day.hours, deep_work: day.deep_work, meeting_hours: day.meeting_hours, context_switches: day.context_switches, energy: day.energy, stress: day.stress, balance: day.balance, mood: day.mood },
      okrs: day.okrs ?? [],
      projects: day.projects ?? [],
      tags: day.tags ?? [],
      wins: (winsByPath.get(day.path!) ?? []).map((w) => ({ line: w.line, highlight: w.highlight, html: renderInline(w.text, resolve), addedLater: lateness(w.date, w.path), metrics: (metricsByWin.get(w.id) ?? []).map((m) => ({ kind: m.kind!, text: m.text! })) })),
      body: fragments.add(markdownSource(day.body ?? '', resolve)),
      commits: commitsByDate.get(day.date!) ?? [],
      extra: day.extra ? (JSON.parse(day.extra) as Record<string, unknown>) : {},
      private: day.private ?? false,
      prev: inputs.days[i - 1]?.date ?? null,
      next: inputs.days[i + 1]?.date ?? null,
    };
  });
}

function commitView(c: Entries['commits'][number]): CommitView {
  return { id: c.id!, date: c.date!, repository: c.repository!, short: c.sha!.slice(0, 7), subject: c.subject ?? '', files: c.files ?? 0, insertions: c.insertions ?? 0, deletions: c.deletions ?? 0, pr: c.pr, merge: c.merge ?? false };
}

function periodReport({ days: _days, patterns: _patterns, wins: { items: _items, ...wins }, ...rest }: Report): PeriodReport {
  return { ...rest, wins };
}

const WEEKDAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;
function isWorkDay(date: string, config: JournalConfig): boolean {
  return config.work_days.includes(WEEKDAYS[new Date(`${date}T00:00:00Z`).getUTCDay()]);
}

/** Each objective as of its own quarter's end (or the as-of date), with check-in histories and linked wins. */
function objectivePages(reports: AllReports<WholeReport>, entries: Entries, winView: (w: Report['wins']['items'][number]) => WinView, markdown: (text: string) => FragmentKey, fragments: Fragments): ObjectivePage[] {
  const latest = new Map<string, { figures: Report['objectives']['items'][number]; period: string }>();
  for (const report of reports.quarters) {
    for (const figures of report.objectives.items) latest.set(figures.objective_id, { figures, period: report.period.id });
  }
  const descriptions = new Map(entries.objectives.map((o) => [o.id!, o.description]));
  // Each objective's wins and check-ins, grouped once: filtering the whole journal's wins for each objective cost more than the rest of its page.
  const winsByObjective = new Map<string, Report['wins']['items']>();
  for (const win of reports.all?.wins.items ?? []) {
    for (const id of new Set(win.objective_ids)) {
      const wins = winsByObjective.get(id);
      if (wins) wins.push(win);
      else winsByObjective.set(id, [win]);
    }
  }
  const checkInsByObjective = Map.groupBy(entries.checkIns, (c) => c.objective_id);
  const pages: ObjectivePage[] = [];
  for (const [id, { figures, period }] of [...latest].sort(([a], [b]) => a.localeCompare(b))) {
    const checkIns = (checkInsByObjective.get(id) ?? []).map((c) => ({ kr_id: c.kr_id!, date: c.date!, value: c.value!, confidence: c.confidence, note: c.note, path: c.path!, line: c.line! }));
    const charts: ObjectivePage['charts'] = {};
    for (const kr of figures.key_results) {
      const chart = krHistoryChart(fragments, figures, kr, checkIns.filter((c) => c.kr_id === kr.kr_id));
      if (chart) charts[kr.kr_id] = chart;
    }
    const description = descriptions.get(id);
    pages.push({
      id, figures, asOfPeriod: period, description: description ? markdown(description) : null, charts, checkIns,
      wins: (winsByObjective.get(id) ?? []).map(winView),
    });
  }
  return pages;
}

function seriesPages(all: WholeReport | null, entries: Entries, assessment: (key: string) => AssessmentView | null, resolve: LinkResolver, markdown: (text: string) => FragmentKey): SeriesPage[] {
  const ids = [...new Set([...entries.series.map((s) => s.id!), ...entries.meetings.map((m) => m.series!)])].sort();
  const pages: SeriesPage[] = [];
  for (const id of ids) {
    const info = entries.series.find((s) => s.id === id);
    const meetings = entries.meetings.filter((m) => m.series === id).map((m) => ({ date: m.date!, path: m.path!, line: m.line!, mood: m.mood, topics: m.topics ?? [], body: markdown(m.body ?? ''), private: m.private ?? false }));
    pages.push({
      id,
      person: info?.person ?? null,
      relationship: info?.relationship ?? null,
      cadence: info?.cadence ?? null,
      active: info?.active ?? true,
      meetings,
      feedback: entries.feedback.filter((f) => f.series === id).map((f) => ({ date: f.date!, text: f.text!, html: renderInline(f.text!, resolve), path: f.path!, line: f.line! })),
      actionItems: (all?.action_items.items ?? []).filter((item) => item.series === id),
      prep: assessment(`1on1:${id}`),
    });
  }
  return pages;
}
