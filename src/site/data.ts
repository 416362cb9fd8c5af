/**
 * Assembles everything the site shows from the report models (all figures) and the entries behind
 * them (text to read): one value per page, Markdown rendered and charts drawn. Pages lay it out.
 */
import { addDays, quarterOf } from '../ingest/dates.ts';
import type { JournalConfig } from '../ingest/schema.ts';
import type { Report } from '../scores/model.ts';
import type { AllReports } from '../scores/report.ts';
import { krHistoryChart, scoreTrendChart, velocityChart, weekdaysChart, weekHoursChart } from './charts.ts';
import type { Entries } from './entries.ts';
import type { FragmentKey, Fragments } from './fragments.ts';
import { renderInline, renderMarkdown, type LinkResolver } from './markdown.ts';
import type { FragmentSource } from './render.ts';
import { linksOf } from './links.ts';
import type { Draft } from './assessments.ts';
import type { AchievementView, AssessmentView, DayPage, ObjectivePage, PeriodPage, PeriodReport, SeriesPage, SiteData, SprintView, WeekPage, WinView } from './pages.ts';

export interface SiteDataOptions {
  config: JournalConfig;
  asOf: string;
  public: boolean;
  /** The site's base path, e.g. "/" or "/journal/". */
  base: string;
  /** Where wiki links go (links.ts). */
  resolve: LinkResolver;
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
export function buildSiteData(reports: AllReports, entries: Entries, drafts: Map<string, Draft>, options: SiteDataOptions, fragments: Fragments): SiteData {
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
  const winView = ({ id, date, line, highlight, tags, text }: Report['wins']['items'][number]): WinView => ({ id, date, line, highlight, tags, html: renderInline(text, resolve) });

  const weekIds = reports.weeks.map((r) => r.period.id);
  const quarterIds = reports.quarters.map((r) => r.period.id);
  const yearIds = reports.years.map((r) => r.period.id);
  const current = { week: weekIds.at(-1) ?? '', quarter: quarterIds.at(-1) ?? '', year: yearIds.at(-1) ?? '' };

  // Days: the log as written, its wins with the figures the week's report gives them.
  const winsById = new Map(reports.weeks.flatMap((r) => r.wins.items).map((w) => [w.id, w]));
  const metricsByWin = Map.groupBy(entries.metrics, (m) => m.win_id);
  const winsByPath = Map.groupBy(winsById.values(), (w) => w.path);
  const dayDates = entries.days.map((d) => d.date!);
  const days: DayPage[] = [];
  for (const [i, day] of entries.days.entries()) {
    days.push({
    id: day.date!,
    date: day.date!,
    week: day.week!,
    quarter: quarterOf(day.date!, yearStart),
    path: day.path!,
    figures: { hours: day.hours, deep_work: day.deep_work, meeting_hours: day.meeting_hours, context_switches: day.context_switches, energy: day.energy, stress: day.stress, balance: day.balance, mood: day.mood },
    okrs: day.okrs ?? [],
    projects: day.projects ?? [],
    tags: day.tags ?? [],
    wins: (winsByPath.get(day.path!) ?? []).map((w) => ({ line: w.line, highlight: w.highlight, html: renderInline(w.text, resolve), metrics: (metricsByWin.get(w.id) ?? []).map((m) => ({ kind: m.kind!, text: m.text! })) })),
    body: fragments.add(markdownSource(day.body ?? '', resolve)),
    extra: day.extra ? (JSON.parse(day.extra) as Record<string, unknown>) : {},
    private: day.private ?? false,
    ...neighbours(dayDates, i),
    });
  }

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
    };
    if (report.days.some((d) => d.hours !== null || d.energy !== null)) page.charts.hours = weekHoursChart(fragments, report.period.id, dates, report.days);
    weeks.push(page);
  }

  const years = reports.years.map((r, i) => withTrendAndVelocity(periodPage(r, periodReport(r), yearIds, i, 'year')));

  const achievements: AchievementView[] = entries.achievements.map((a) => {
    const figures = reports.all?.achievements.find((x) => x.id === a.id);
    return {
      id: a.id!, date: a.date!, title: a.title ?? a.id!, path: a.path!, highlight: a.highlight ?? false,
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
    site: [{ id: 'meta', title: config.site.title ?? (config.person.name ? `${config.person.name}’s work journal` : 'Work journal'), person: config.person.name ?? null, role: config.person.role ?? null, asOf, public: options.public, current, weeks: weekIds, quarters: quarterIds, years: yearIds }],
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

function periodReport({ days: _days, patterns: _patterns, wins: { items: _items, ...wins }, ...rest }: Report): PeriodReport {
  return { ...rest, wins };
}

const WEEKDAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;
function isWorkDay(date: string, config: JournalConfig): boolean {
  return config.work_days.includes(WEEKDAYS[new Date(`${date}T00:00:00Z`).getUTCDay()]);
}

/** Each objective as of its own quarter's end (or the as-of date), with check-in histories and linked wins. */
function objectivePages(reports: AllReports, entries: Entries, winView: (w: Report['wins']['items'][number]) => WinView, markdown: (text: string) => FragmentKey, fragments: Fragments): ObjectivePage[] {
  const latest = new Map<string, { figures: Report['objectives']['items'][number]; period: string }>();
  for (const report of reports.quarters) {
    for (const figures of report.objectives.items) latest.set(figures.objective_id, { figures, period: report.period.id });
  }
  const descriptions = new Map(entries.objectives.map((o) => [o.id!, o.description]));
  const allWins = reports.all?.wins.items ?? [];
  const pages: ObjectivePage[] = [];
  for (const [id, { figures, period }] of [...latest].sort(([a], [b]) => a.localeCompare(b))) {
    const checkIns = entries.checkIns.filter((c) => c.objective_id === id).map((c) => ({ kr_id: c.kr_id!, date: c.date!, value: c.value!, confidence: c.confidence, note: c.note, path: c.path!, line: c.line! }));
    const charts: ObjectivePage['charts'] = {};
    for (const kr of figures.key_results) {
      const chart = krHistoryChart(fragments, figures, kr, checkIns.filter((c) => c.kr_id === kr.kr_id));
      if (chart) charts[kr.kr_id] = chart;
    }
    const description = descriptions.get(id);
    pages.push({
      id, figures, asOfPeriod: period, description: description ? markdown(description) : null, charts, checkIns,
      wins: allWins.filter((w) => w.objective_ids.includes(id)).map(winView),
    });
  }
  return pages;
}

function seriesPages(all: Report | null, entries: Entries, assessment: (key: string) => AssessmentView | null, resolve: LinkResolver, markdown: (text: string) => FragmentKey): SeriesPage[] {
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
