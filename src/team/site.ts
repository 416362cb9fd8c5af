/**
 * The team site's page data, read from the team SQL's views (src/team/*.sql) and only shaped
 * here: no figure is computed in TypeScript. Pages under src/team/site/ lay it out.
 */
import type { Team } from './load.ts';
import { METRICS, type Metric } from './config.ts';

/** A figure per metric; null when the period has no rows for it. */
export type Figures = Record<Metric, number | null>;

export interface WeekRow {
  week: string;
  week_start: string;
  status: string;
  computed: string;
  override: string | null;
  /** The manager's note; null in a --public build. */
  note: string | null;
  figures: Figures;
  /** The metrics of the week at yellow or red, with their level. */
  alerts: { metric: Metric; value: number; level: string; green: number; yellow: number; lower_is_better: boolean }[];
}

export interface PersonPage {
  id: string;
  name: string;
  /** No journal could be read for this member (team-journal-missing). */
  missing: boolean;
  flagged: boolean;
  /** Newest first. */
  weeks: WeekRow[];
  /** The team's last 12 weeks, oldest first: this member's status in each. */
  strip: { week: string; status: string; override: boolean }[];
  months: { month: string; figures: Figures }[];
  /** The latest month's peer comparison, where the group is large enough. */
  peers: { month: string; metric: Metric; value: number; median: number; rank: number; people: number }[];
  /** The coaching draft (sanitized HTML) for a flagged member, when one was written. */
  coaching: { html: string; generator: string; week: string } | null;
}

export interface PolicyReport {
  policy: string;
  name: string;
  before: { start: string; end: string; figures: Figures };
  during: { start: string; end: string; figures: Figures } | null;
  rules: { metric: Metric; at_least: number | null; at_most: number | null; max_worsening_pct: number | null; before: number | null; during: number | null; worsening_pct: number | null; broken: boolean | null }[];
  recommendation: string | null;
  broken_rules: number;
}

export interface MonthPage {
  id: string;
  start: string;
  end: string;
  team: Figures;
  people: { id: string; name: string; figures: Figures; weeks: Record<string, number> }[];
  policies: PolicyReport[];
}

export interface TeamSite {
  meta: { name: string; manager: string | null; asOf: string; public: boolean; encrypted: boolean; months: string[]; latestWeek: string | null; command: string };
  people: PersonPage[];
  months: MonthPage[];
  trends: { week: string; figures: Figures; statuses: Record<'green' | 'yellow' | 'red' | 'no_data', number> }[];
}

const emptyFigures = (): Figures => Object.fromEntries(METRICS.map((m) => [m, null])) as Figures;

/** Figures by key from rows of (key…, metric, value). */
function figuresBy<K extends string>(rows: readonly { metric: string; value: number | null }[], key: (row: never) => K): Map<K, Figures> {
  const out = new Map<K, Figures>();
  for (const row of rows) {
    const k = key(row as never);
    if (!out.has(k)) out.set(k, emptyFigures());
    out.get(k)![row.metric as Metric] = row.value;
  }
  return out;
}

export interface AssembleOptions {
  asOf: string;
  /** Leave out the manager's notes' words (their statuses stay). */
  public: boolean;
  encrypted: boolean;
  command: string;
  /** Coaching drafts by member id. */
  coaching?: Map<string, PersonPage['coaching']>;
}

/** Reads every page's data from the team database. */
export async function assembleTeamSite(team: Team, options: AssembleOptions): Promise<TeamSite> {
  const { db, config } = team;
  type FigureRow = { kind: string; label: string; person: string | null; metric: string; value: number | null; start: string; end: string };
  const figures = await db.all<FigureRow>(`SELECT kind, label, person, metric, value, start, "end" FROM team_figures ORDER BY kind, label`);
  const statuses = await db.all<Omit<WeekRow, 'figures' | 'alerts'> & { person: string }>(`SELECT person, week, week_start, status, computed, override, note FROM team_weekly_status ORDER BY week_start DESC`);
  const alerts = await db.all<WeekRow['alerts'][number] & { person: string; week: string }>(`SELECT person, week, metric, value, level, green, yellow, lower_is_better FROM team_alerts ORDER BY metric`);
  const flagged = new Set((await db.all<{ person: string }>(`SELECT person FROM team_flagged`)).map((r) => r.person));
  const weeks = (await db.all<{ label: string }>(`SELECT label FROM team_windows WHERE kind = 'week' ORDER BY start`)).map((r) => r.label);
  const monthWindows = await db.all<{ label: string; start: string; end: string }>(`SELECT label, start, "end" FROM team_windows WHERE kind = 'month' ORDER BY start`);
  const peers = await db.all<PersonPage['peers'][number] & { person: string }>(`SELECT month, person, metric, value, median, rank, people FROM team_peer_comparison WHERE month = (SELECT max(month) FROM team_peer_comparison) ORDER BY metric`);
  const rules = await db.all<PolicyReport['rules'][number] & { policy: string; period: string; start: string; end: string }>(`SELECT * FROM team_policy_rules ORDER BY policy, period, ordinal`);
  const recommendations = await db.all<{ policy: string; name: string; period: string; recommendation: string | null; broken_rules: number; start: string; end: string }>(`SELECT * FROM team_policy_recommendations`);
  const policyWindows = await db.all<{ kind: string; label: string; start: string; end: string }>(`SELECT kind, label, start, "end" FROM team_windows WHERE kind IN ('before', 'during', 'policy_month')`);

  const personWeek = figuresBy(figures.filter((f) => f.kind === 'week' && f.person), (r: FigureRow) => `${r.person}|${r.label}`);
  const personMonth = figuresBy(figures.filter((f) => f.kind === 'month' && f.person), (r: FigureRow) => `${r.person}|${r.label}`);
  const teamBy = figuresBy(figures.filter((f) => f.person === null), (r: FigureRow) => `${r.kind}|${r.label}`);
  const recent = weeks.slice(-12);

  const people: PersonPage[] = config.members.map((member) => {
    const own = statuses.filter((s) => s.person === member.id);
    const byWeek = new Map(own.map((s) => [s.week, s]));
    return {
      id: member.id,
      name: member.name,
      missing: team.missing.includes(member.id),
      flagged: flagged.has(member.id),
      weeks: own.map(({ person: _person, ...s }) => ({
        ...s,
        note: options.public ? null : s.note,
        figures: personWeek.get(`${member.id}|${s.week}`) ?? emptyFigures(),
        alerts: alerts.filter((a) => a.person === member.id && a.week === s.week).map(({ person: _p, week: _w, ...a }) => a),
      })),
      strip: recent.map((week) => ({ week, status: byWeek.get(week)?.status ?? 'no_data', override: Boolean(byWeek.get(week)?.override) })),
      months: monthWindows.map((m) => ({ month: m.label, figures: personMonth.get(`${member.id}|${m.label}`) ?? emptyFigures() })).reverse(),
      peers: peers.filter((p) => p.person === member.id).map(({ person: _person, ...p }) => p),
      coaching: options.coaching?.get(member.id) ?? null,
    };
  });

  const months: MonthPage[] = monthWindows.map((m) => ({
    id: m.label,
    start: m.start,
    end: m.end,
    team: teamBy.get(`month|${m.label}`) ?? emptyFigures(),
    people: config.members.map((member) => ({
      id: member.id,
      name: member.name,
      figures: personMonth.get(`${member.id}|${m.label}`) ?? emptyFigures(),
      weeks: Object.fromEntries(['green', 'yellow', 'red'].map((status) => [status, statuses.filter((s) => s.person === member.id && s.status === status && s.week_start >= m.start && s.week_start <= m.end).length])),
    })),
    policies: config.policies.flatMap((policy) => {
      const period = `${policy.id}/${m.label}`;
      const during = policyWindows.find((w) => w.kind === 'policy_month' && w.label === period);
      if (!during) return [];
      const before = policyWindows.find((w) => w.kind === 'before' && w.label === policy.id)!;
      const recommendation = recommendations.find((r) => r.policy === policy.id && r.period === m.label);
      return [{
        policy: policy.id,
        name: policy.name,
        before: { start: before.start, end: before.end, figures: teamBy.get(`before|${policy.id}`) ?? emptyFigures() },
        during: { start: during.start, end: during.end, figures: teamBy.get(`policy_month|${period}`) ?? emptyFigures() },
        rules: rules.filter((r) => r.policy === policy.id && r.period === m.label).map(({ policy: _p, period: _q, start: _s, end: _e, ...r }) => r),
        recommendation: recommendation?.recommendation ?? null,
        broken_rules: recommendation?.broken_rules ?? 0,
      }];
    }),
  })).reverse();

  const trends = weeks.map((week) => ({
    week,
    figures: teamBy.get(`week|${week}`) ?? emptyFigures(),
    statuses: Object.fromEntries((['green', 'yellow', 'red', 'no_data'] as const).map((status) => [status, statuses.filter((s) => s.week === week && s.status === status).length])) as TeamSite['trends'][number]['statuses'],
  }));

  return {
    meta: { name: config.name, manager: config.manager.name ?? null, asOf: options.asOf, public: options.public, encrypted: options.encrypted, months: months.map((m) => m.id), latestWeek: weeks.at(-1) ?? null, command: options.command },
    people,
    months,
    trends,
  };
}
