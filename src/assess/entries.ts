/**
 * The journal entries a draft may quote, read for a date range from the shareable copy of the
 * journal (src/db/shareable.ts), so private entries are not there to read. The scores (the report
 * model) say how a period went; these rows are what happened, each with the path and line a
 * citation links to.
 */
import type { ShareableDatabase } from '../db/shareable.ts';

/** A date range, both ends included, and the date the data is read as of. */
export interface Range {
  start: string;
  end: string;
  /** Usually `end`; today for a period not over yet. */
  asOf: string;
}

export interface DayRow { date: string; path: string; hours: number | null; deep_work: number | null; meeting_hours: number | null; energy: number | null; stress: number | null; mood: string | null; goals: string[]; blockers: string[]; learnings: string[] }
export interface MetricRow { kind: string; text: string; value: number | null; before: number | null; after: number | null; unit: string | null; per: string | null; per_year: number | null }
export interface WinRow {
  id: string; date: string; path: string; line: number; ordinal: number; text: string; tags: string[]; highlight: boolean; objective_ids: string[]; day_okrs: string[]; metrics: MetricRow[];
  /** Days from the win's date to its log's first commit; null without git history (or dated before it starts). */
  written_after: number | null;
}
export interface CommitRow { id: string; repository: string; sha: string; date: string; path: string; line: number; subject: string; files: number; insertions: number; deletions: number; pr: number | null; merge: boolean }
export interface FeedbackRow { series: string; relationship: string | null; date: string; path: string; line: number; text: string }
export interface MeetingRow { series: string; date: string; path: string; agenda: string[]; notes: string | null; topics: string[] }
export interface AchievementRow { id: string; date: string; path: string; title: string; dimensions: string[]; skills: string[]; okrs: string[]; highlight: boolean; metric_name: string | null; metric_unit: string | null; metric_before: number | null; metric_after: number | null; metric_value: number | null; situation: string | null; task: string | null; action: string | null; result: string | null }
export interface SprintRow { id: string; path: string; name: string; start_date: string | null; end_date: string | null; goal: string | null; planned_points: number | null; completed_points: number | null; went_well: string[]; to_improve: string[] }
export interface CheckinRow { week: string; path: string; confidence: string | null; status_override: string | null; override_reason: string | null; wins: string[]; challenges: string[]; help_needed: string[] }
export interface ActionRow {
  series: string | null; entry_kind: string; text: string; owner: string | null; due: string | null; done: boolean; opened: string; closed: string | null; overdue: boolean; path: string; line: number;
  /** The date of its latest mention on or before the as-of date. */
  last_mentioned: string;
}

/** Everything a draft for one range may cite. */
export interface Entries {
  days: DayRow[];
  wins: WinRow[];
  feedback: FeedbackRow[];
  meetings: MeetingRow[];
  achievements: AchievementRow[];
  sprints: SprintRow[];
  checkins: CheckinRow[];
  /** Imported commits (turbowork import git): evidence behind the person's own words. */
  commits: CommitRow[];
  /** Action items as of the range's as-of date that were open then or closed within the range. */
  actions: ActionRow[];
}

/**
 * One query per kind over the span of every range asked for; rows are then split by range in
 * order. `key` is the date a row belongs to a range by.
 */
const SPAN_QUERIES = {
  days: `SELECT date, path, hours, deep_work, meeting_hours, energy, stress, mood, goals, blockers, learnings, date AS _key
    FROM days WHERE date BETWEEN $start::DATE AND $end::DATE ORDER BY date, path`,
  wins: `SELECT w.id, w.date, w.path, w.line, w.ordinal, w.text, w.tags, coalesce(w.highlight, false) AS highlight,
      w.objective_ids, coalesce(any_value(d.okrs), []) AS day_okrs,
      coalesce(list({kind: m.kind, text: m.text, value: m.value, before: m.before, after: m.after, unit: m.unit, per: m.per, per_year: m.per_year} ORDER BY m."column")
        FILTER (WHERE m.win_id IS NOT NULL), []) AS metrics,
      CASE WHEN w.date >= h.history_start THEN h.first_written - w.date END AS written_after, w.date AS _key
    FROM wins w
    LEFT JOIN metrics m ON m.win_id = w.id AND m.path = w.path
    LEFT JOIN days d ON d.path = w.path
    LEFT JOIN (SELECT path, first_written, min(first_written) OVER () AS history_start FROM entry_history) h ON h.path = w.path
    WHERE w.date BETWEEN $start::DATE AND $end::DATE
    GROUP BY ALL ORDER BY w.date, w.path, w.ordinal`,
  feedback: `SELECT f.series, s.relationship, f.date, f.path, f.line, f.text, f.date AS _key FROM feedback f JOIN series s ON s.id = f.series
    WHERE f.date BETWEEN $start::DATE AND $end::DATE
    ORDER BY f.date, f.path, f.line`,
  meetings: `SELECT series, date, path, agenda, notes, topics, date AS _key FROM meetings
    WHERE date BETWEEN $start::DATE AND $end::DATE ORDER BY date, path`,
  achievements: `SELECT id, date, path, title, dimensions, skills, okrs, coalesce(highlight, false) AS highlight, metric_name, metric_unit,
      metric_before, metric_after, metric_value, situation, task, action, result, date AS _key
    FROM achievements WHERE date BETWEEN $start::DATE AND $end::DATE ORDER BY date, id`,
  sprints: `SELECT id, path, name, start_date, end_date, goal, planned_points, completed_points, went_well, to_improve, coalesce(end_date, start_date) AS _key
    FROM sprints WHERE coalesce(end_date, start_date) BETWEEN $start::DATE AND $end::DATE ORDER BY start_date, id`,
  commits: `SELECT id, repository, sha, date, path, line, subject, files, insertions, deletions, pr, merge, date AS _key
    FROM commits WHERE date BETWEEN $start::DATE AND $end::DATE ORDER BY date, time, sha`,
  checkins: `SELECT week, path, confidence, status_override, override_reason, wins, challenges, help_needed, week_start AS _key
    FROM weekly_checkins WHERE week_start BETWEEN $start::DATE AND $end::DATE ORDER BY week`,
} as const;

/**
 * Action items as of each range's own as-of date, open then or closed within the range: one lateral
 * query for every range. An item is one item wherever it was mentioned; in the shareable copy its
 * private mentions are gone, so it is shown in the words of its latest public mention.
 */
const ACTIONS_QUERY = `SELECT r.i AS _range, a.series, a.entry_kind, a.text, a.owner, a.due, a.done, a.opened, a.closed, a.overdue, a.path, a.line, a.last_mentioned
    FROM (SELECT unnest(from_json($ranges, '[{"i": "INTEGER", "start": "DATE", "end": "DATE", "as_of": "DATE"}]'), recursive := true)) r,
      LATERAL (SELECT * FROM action_item_status(r.as_of)) a
    WHERE a.opened <= r."end" AND (NOT a.done OR a.closed BETWEEN r.start AND r."end")
    ORDER BY r.i, a.overdue DESC, a.due NULLS LAST, a.opened, a.path, a.line`;

/** Reads the entries of each range, in the order given. */
export async function readEntries(db: ShareableDatabase, ranges: readonly Range[]): Promise<Entries[]> {
  if (ranges.length === 0) return [];
  const span = { start: ranges.reduce((a, r) => (r.start < a ? r.start : a), ranges[0].start), end: ranges.reduce((a, r) => (r.end > a ? r.end : a), ranges[0].end) };
  const split = async <T>(sql: string): Promise<T[][]> => {
    const rows = await db.all<T & { _key: string }>(sql, span);
    return ranges.map((range) => rows.filter((row) => row._key >= range.start && row._key <= range.end).map(({ _key, ...row }) => row as T));
  };
  // One connection runs one query at a time, so these run in turn.
  const days = await split<DayRow>(SPAN_QUERIES.days);
  const wins = await split<WinRow>(SPAN_QUERIES.wins);
  const feedback = await split<FeedbackRow>(SPAN_QUERIES.feedback);
  const meetings = await split<MeetingRow>(SPAN_QUERIES.meetings);
  const achievements = await split<AchievementRow>(SPAN_QUERIES.achievements);
  const sprints = await split<SprintRow>(SPAN_QUERIES.sprints);
  const checkins = await split<CheckinRow>(SPAN_QUERIES.checkins);
  const commits = await split<CommitRow>(SPAN_QUERIES.commits);
  const actionRows = await db.all<ActionRow & { _range: number }>(ACTIONS_QUERY, { ranges: JSON.stringify(ranges.map((r, i) => ({ i, start: r.start, end: r.end, as_of: r.asOf }))) });
  const actions = Map.groupBy(actionRows, (row) => row._range);
  return ranges.map((_, i) => ({
    days: days[i], wins: wins[i], feedback: feedback[i], meetings: meetings[i], achievements: achievements[i], sprints: sprints[i], checkins: checkins[i], commits: commits[i],
    actions: (actions.get(i) ?? []).map(({ _range, ...row }) => row),
  }));
}

/** A series, for 1:1 prep: id, relationship, cadence, its agenda template (Markdown). */
export async function readSeries(db: ShareableDatabase, id: string): Promise<{ id: string; relationship: string | null; cadence: string | null; path: string; agenda_template: string | null } | null> {
  const rows = await db.all<{ id: string; relationship: string | null; cadence: string | null; path: string; agenda_template: string | null }>(
    `SELECT id, relationship, cadence, path, agenda_template FROM series WHERE id = $id`,
    { id },
  );
  return rows[0] ?? null;
}
