/**
 * The entry kinds of JOURNAL_FORMAT.md: for each, the headings it knows and how its front matter and
 * sections become table rows.
 */
import type { z } from 'zod';
import type { Row, Rows } from '../db/tables.ts';
import { isoWeek, isoWeekStart, quarterRange } from './dates.ts';
import type { Diagnostic, DiagnosticCode } from './diagnostics.ts';
import { validateYaml, type SplitFile } from './frontmatter.ts';
import { parseActionTokens, parseTags, parseWikiLinks } from './inline.ts';
import { itemsOf, markdownOf, parseSections, type Item, type Section, type Synonyms } from './markdown.ts';
import { parseMetrics } from './metrics.ts';
import { isPrivacyKey, readPrivacy } from './privacy.ts';
import {
  AchievementMeta, DailyLogMeta, isCalendarDate, MeetingMeta, ObjectiveMeta, SeriesMeta, SprintMeta,
  WeeklyCheckinMeta, type JournalConfig,
} from './schema.ts';

export type EntryKind = 'daily' | 'weekly' | 'objective' | 'series' | 'meeting' | 'achievement' | 'sprint';

interface Context {
  path: string;
  split: SplitFile;
  config: JournalConfig;
}
interface Parsed {
  rows: Rows;
  diagnostics: Diagnostic[];
}

/** Section headings per kind (canonical name → accepted headings, lower-case). */
export const SECTIONS = {
  daily: {
    goals: ['goals', 'goal', 'plan', 'today'],
    wins: ['wins', 'win', 'accomplishments', 'done'],
    blockers: ['blockers', 'blocker'],
    learnings: ['learnings', 'learning', 'learned', 'til'],
    meetings: ['meetings'],
    notes: ['notes'],
  },
  weekly: { wins: ['wins'], challenges: ['challenges'], help_needed: ['help needed'], notes: ['notes'] },
  series: { agenda_template: ['agenda template'] },
  meeting: { agenda: ['agenda'], notes: ['notes'], feedback: ['feedback'], action_items: ['action items'] },
  achievement: { situation: ['situation'], task: ['task'], action: ['action'], result: ['result'] },
  sprint: { went_well: ['went well'], to_improve: ['to improve'], action_items: ['action items'] },
  objective: {},
} as const satisfies Record<EntryKind, Synonyms>;

const texts = (items: Item[]) => items.map((item) => item.text);
const orNull = <T>(value: T | undefined): T | null => value ?? null;

function diagnostic(ctx: Context, line: number, column: number, severity: Diagnostic['severity'], code: DiagnosticCode, message: string, hint?: string): Diagnostic {
  return { file: ctx.path, line, column, severity, code, message, hint };
}

/**
 * Validated front matter; `value` is null when the entry cannot load (a required key is missing).
 * Privacy is read apart (privacy.ts), failing closed; the schema never sees the private keys.
 */
function readMeta<S extends z.ZodObject>(ctx: Context, schema: S) {
  const yaml = ctx.split.yaml ?? { data: {}, locate: () => ({ line: 1, column: 1 }) };
  const privacy = readPrivacy(ctx.split, ctx.path);
  // A key left blank (`hours:` in a template, `check_ins:` of a new key result) means "not given".
  const data = withoutPrivacyKeys(withoutBlankKeys(yaml.data));
  const source = { data, locate: yaml.locate };
  const result = validateYaml(schema, source, ctx.path, 'frontmatter-invalid');
  const known = new Set(Object.keys(schema.shape));
  const unknown = isRecord(data) ? Object.fromEntries(Object.entries(data).filter(([key]) => !known.has(key))) : {};
  const extra = Object.keys(unknown).length > 0 ? JSON.stringify(unknown) : null;
  return { ...result, diagnostics: [...privacy.diagnostics, ...result.diagnostics], private: privacy.private, extra, locate: source.locate };
}

function withoutPrivacyKeys(value: unknown): unknown {
  return isRecord(value) ? Object.fromEntries(Object.entries(value).filter(([key]) => !isPrivacyKey(key))) : value;
}

/** A copy without the keys whose value is null, at every depth. */
function withoutBlankKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutBlankKeys);
  if (!isRecord(value)) return value;
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== null).map(([k, v]) => [k, withoutBlankKeys(v)]));
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function sectionsOf(ctx: Context, kind: EntryKind): Section[] {
  return parseSections(ctx.split.body, SECTIONS[kind], ctx.split.bodyLine);
}

/** The entry's date: front matter first, else a YYYY-MM-DD at the start of the file name. */
function resolveDate(ctx: Context, declared: string | undefined, locate: (path: PropertyKey[]) => { line: number; column: number }) {
  const diagnostics: Diagnostic[] = [];
  const fromName = /(?:^|\/)(\d{4}-\d{2}-\d{2})[^/]*\.md$/.exec(ctx.path)?.[1];
  const nameValid = fromName !== undefined && isCalendarDate(fromName);
  if (fromName && !nameValid && !declared) {
    diagnostics.push(diagnostic(ctx, 1, 1, 'error', 'date-invalid', `The file name's date ${fromName} does not exist on the calendar`, 'Rename the file to a real date, or set date: in the front matter.'));
  }
  if (declared && nameValid && declared !== fromName) {
    const at = locate(['date']);
    diagnostics.push(diagnostic(ctx, at.line, at.column, 'warning', 'date-mismatch', `date: ${declared} differs from the file name's ${fromName}; using ${declared}`, 'Rename the file or correct date: so they agree.'));
  }
  const date = declared ?? (nameValid ? fromName : null);
  if (!date && !(fromName && !nameValid)) {
    diagnostics.push(diagnostic(ctx, 1, 1, 'error', 'date-missing', 'This entry has no date: none in the front matter and none in the file name', 'Add date: YYYY-MM-DD to the front matter, or name the file YYYY-MM-DD.md.'));
  }
  return { date: date ?? null, diagnostics };
}

function actionItems(ctx: Context, items: Item[], base: Pick<Row<'action_items'>, 'entry_kind' | 'series' | 'date' | 'private'>) {
  const rows: Row<'action_items'>[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const item of items) {
    if (item.checked === null) continue;
    const tokens = parseActionTokens(item.text);
    let due = tokens.due;
    if (due && !(/^\d{4}-\d{2}-\d{2}$/.test(due) && isCalendarDate(due))) {
      diagnostics.push(diagnostic(ctx, item.line, item.column + item.text.indexOf('due:'), 'warning', 'date-invalid', `due:${due} is not a date YYYY-MM-DD that exists, so the item has no due date`, 'Write the due date as due:YYYY-MM-DD.'));
      due = null;
    }
    rows.push({ ...base, item_key: tokens.key, path: ctx.path, line: item.line, text: item.text, owner: tokens.owner, due, done: item.checked });
  }
  return { rows, diagnostics };
}

function parseDaily(ctx: Context): Parsed {
  const meta = readMeta(ctx, DailyLogMeta);
  const fm = meta.value ?? {};
  const { date, diagnostics } = resolveDate(ctx, fm.date, meta.locate);
  diagnostics.unshift(...meta.diagnostics);
  if (!date) return { rows: {}, diagnostics };
  const isPrivate = meta.private;
  const sections = sectionsOf(ctx, 'daily');
  const wins: Row<'wins'>[] = [];
  const metrics: Row<'metrics'>[] = [];
  itemsOf(sections, 'wins').forEach((item, i) => {
    const id = `${date}#${i + 1}`;
    const links = parseWikiLinks(item.text);
    const tags = parseTags(item.text);
    wins.push({
      id, date, path: ctx.path, line: item.line, ordinal: i + 1, text: item.text,
      tags: tags.filter((t) => t !== 'highlight'), highlight: tags.includes('highlight'),
      objective_ids: [...new Set(links.map((l) => l.objective))],
      kr_refs: links.filter((l) => l.kr).map((l) => `${l.objective}#${l.kr}`), private: isPrivate,
    });
    for (const m of parseMetrics(item.text)) {
      metrics.push({ win_id: id, date, path: ctx.path, line: item.line, column: item.column + m.column, kind: m.kind, text: m.text, value: m.value, before: m.before, after: m.after, unit: m.unit, private: isPrivate });
    }
  });
  const others = sections.filter((s) => s.name !== 'goals' && s.name !== 'wins').flatMap((s) => s.items);
  const actions = actionItems(ctx, others, { entry_kind: 'daily', series: null, date, private: isPrivate });
  const day: Row<'days'> = {
    date, path: ctx.path, line: 1, week: isoWeek(date), hours: orNull(fm.hours), deep_work: orNull(fm.deep_work),
    meeting_hours: orNull(fm.meetings), context_switches: orNull(fm.context_switches), energy: orNull(fm.energy),
    stress: orNull(fm.stress), balance: orNull(fm.balance), mood: orNull(fm.mood), okrs: fm.okrs ?? [],
    projects: fm.projects ?? [], tags: fm.tags ?? [], billable: orNull(fm.billable),
    goals: texts(itemsOf(sections, 'goals')), blockers: texts(itemsOf(sections, 'blockers')),
    learnings: texts(itemsOf(sections, 'learnings')), notes: markdownOf(sections, 'notes') || null,
    body: ctx.split.body, extra: meta.extra, private: isPrivate,
  };
  return { rows: { days: [day], wins, metrics, action_items: actions.rows }, diagnostics: [...diagnostics, ...actions.diagnostics] };
}

function parseWeekly(ctx: Context): Parsed {
  const meta = readMeta(ctx, WeeklyCheckinMeta);
  const fm = meta.value ?? {};
  const week = fm.week ?? /(\d{4}-W\d{2})\.md$/.exec(ctx.path)?.[1];
  const weekStart = week ? isoWeekStart(week) : null;
  if (!week || !weekStart) {
    const message = week ? `${week} is not a week of its year` : 'This check-in has no week: none in the front matter and none in the file name';
    return { rows: {}, diagnostics: [...meta.diagnostics, diagnostic(ctx, 1, 1, 'error', 'period-invalid', message, 'Name the file YYYY-Www.md (an ISO week), or set week: in the front matter.')] };
  }
  const sections = sectionsOf(ctx, 'weekly');
  const row: Row<'weekly_checkins'> = {
    week, week_start: weekStart, path: ctx.path, line: 1, confidence: orNull(fm.confidence),
    status_override: orNull(fm.status_override), override_reason: orNull(fm.override_reason),
    wins: texts(itemsOf(sections, 'wins')), challenges: texts(itemsOf(sections, 'challenges')),
    help_needed: texts(itemsOf(sections, 'help_needed')), notes: markdownOf(sections, 'notes') || null,
    extra: meta.extra, private: meta.private,
  };
  return { rows: { weekly_checkins: [row] }, diagnostics: meta.diagnostics };
}

function parseObjective(ctx: Context): Parsed {
  const meta = readMeta(ctx, ObjectiveMeta);
  const diagnostics = [...meta.diagnostics];
  const fm = meta.value;
  if (!fm) return { rows: {}, diagnostics };
  const id = ctx.path.replace(/^okrs\//, '').replace(/\.md$/, '');
  const folderQuarter = /^(\d{4}-Q[1-4])\//.exec(id)?.[1];
  const quarter = fm.quarter ?? folderQuarter ?? null;
  const range = quarter ? quarterRange(quarter, ctx.config.year_start) : null;
  const start = fm.start ?? range?.start ?? null;
  const end = fm.end ?? range?.end ?? null;
  if (!start || !end) {
    diagnostics.push(diagnostic(ctx, 1, 1, 'error', 'objective-period-missing', 'This objective has no period: no quarter, and not both start and end', 'Add quarter: YYYY-Qn, or keep the file under okrs/YYYY-Qn/.'));
  } else if (end < start) {
    const at = meta.locate(['end']);
    diagnostics.push(diagnostic(ctx, at.line, at.column, 'error', 'date-range-invalid', `end ${end} is before start ${start}`, 'Swap or correct the dates.'));
  }
  const isPrivate = meta.private;
  const krs: Row<'key_results'>[] = [];
  const checkIns: Row<'check_ins'>[] = [];
  const seen = new Set<string>();
  fm.key_results.forEach((kr, i) => {
    const at = meta.locate(['key_results', i, 'id']);
    if (seen.has(kr.id)) {
      diagnostics.push(diagnostic(ctx, at.line, at.column, 'error', 'kr-duplicate', `Key result id "${kr.id}" is used twice in this objective; the second is ignored`, 'Give each key result its own id.'));
      return;
    }
    seen.add(kr.id);
    krs.push({ objective_id: id, kr_id: kr.id, path: ctx.path, line: meta.locate(['key_results', i]).line, title: kr.title, start: kr.start, target: kr.target, unit: orNull(kr.unit), weight: kr.weight, private: isPrivate });
    kr.check_ins.forEach((c, j) => {
      checkIns.push({ objective_id: id, kr_id: kr.id, path: ctx.path, line: meta.locate(['key_results', i, 'check_ins', j]).line, date: c.date, value: c.value, confidence: orNull(c.confidence), note: orNull(c.note), private: isPrivate });
    });
  });
  const objective: Row<'objectives'> = {
    id, path: ctx.path, line: 1, title: fm.title, quarter, period_start: start, period_end: end, status: fm.status,
    description: ctx.split.body.trim() || null, extra: meta.extra, private: isPrivate,
  };
  return { rows: { objectives: [objective], key_results: krs, check_ins: checkIns }, diagnostics };
}

const seriesId = (path: string) => path.split('/')[1];

function parseSeries(ctx: Context): Parsed {
  const meta = readMeta(ctx, SeriesMeta);
  if (!meta.value) return { rows: {}, diagnostics: meta.diagnostics };
  const fm = meta.value;
  const row: Row<'series'> = {
    id: seriesId(ctx.path), path: ctx.path, line: 1, person: fm.with, relationship: orNull(fm.relationship),
    cadence: fm.cadence, active: fm.active, agenda_template: markdownOf(sectionsOf(ctx, 'series'), 'agenda_template') || null,
    extra: meta.extra, private: meta.private,
  };
  return { rows: { series: [row] }, diagnostics: meta.diagnostics };
}

function parseMeeting(ctx: Context): Parsed {
  const meta = readMeta(ctx, MeetingMeta);
  const fm = meta.value ?? {};
  const { date, diagnostics } = resolveDate(ctx, fm.date, meta.locate);
  diagnostics.unshift(...meta.diagnostics);
  if (!date) return { rows: {}, diagnostics };
  const series = seriesId(ctx.path);
  const isPrivate = meta.private;
  const sections = sectionsOf(ctx, 'meeting');
  const feedback = itemsOf(sections, 'feedback').map((item): Row<'feedback'> => ({ series, date, path: ctx.path, line: item.line, text: item.text, private: isPrivate }));
  const actions = actionItems(ctx, sections.flatMap((s) => s.items), { entry_kind: 'one_on_one', series, date, private: isPrivate });
  const meeting: Row<'meetings'> = {
    series, date, path: ctx.path, line: 1, mood: orNull(fm.mood), topics: fm.topics ?? [],
    agenda: texts(itemsOf(sections, 'agenda')), notes: markdownOf(sections, 'notes') || null, body: ctx.split.body,
    extra: meta.extra, private: isPrivate,
  };
  return { rows: { meetings: [meeting], feedback, action_items: actions.rows }, diagnostics: [...diagnostics, ...actions.diagnostics] };
}

function parseAchievement(ctx: Context): Parsed {
  const meta = readMeta(ctx, AchievementMeta);
  const fm = meta.value;
  if (!fm) return { rows: {}, diagnostics: meta.diagnostics };
  const { date, diagnostics } = resolveDate(ctx, fm.date, meta.locate);
  diagnostics.unshift(...meta.diagnostics);
  if (!date) return { rows: {}, diagnostics };
  const sections = sectionsOf(ctx, 'achievement');
  for (const part of ['situation', 'task', 'action', 'result'] as const) {
    if (!sections.some((s) => s.name === part)) {
      const heading = part[0].toUpperCase() + part.slice(1);
      diagnostics.push(diagnostic(ctx, ctx.split.bodyLine, 1, 'warning', 'star-section-missing', `This achievement has no ## ${heading} section`, 'STAR write-ups need Situation, Task, Action and Result to read well in a review.'));
    }
  }
  const metric = fm.metric;
  if (metric && (metric.before === undefined) !== (metric.after === undefined)) {
    const at = meta.locate(['metric']);
    diagnostics.push(diagnostic(ctx, at.line, at.column, 'warning', 'metric-incomplete', `The metric "${metric.name}" has ${metric.before === undefined ? 'an after but no before' : 'a before but no after'}`, 'Give both before and after, or a single value.'));
  }
  const row: Row<'achievements'> = {
    id: ctx.path.split('/').at(-1)!.replace(/\.md$/, ''), date, path: ctx.path, line: 1, title: fm.title,
    dimensions: fm.dimensions ?? [], skills: fm.skills ?? [], okrs: fm.okrs ?? [], highlight: fm.highlight ?? false,
    metric_name: orNull(metric?.name), metric_unit: orNull(metric?.unit), metric_before: orNull(metric?.before),
    metric_after: orNull(metric?.after), metric_value: orNull(metric?.value),
    situation: markdownOf(sections, 'situation') || null, task: markdownOf(sections, 'task') || null,
    action: markdownOf(sections, 'action') || null, result: markdownOf(sections, 'result') || null,
    extra: meta.extra, private: meta.private,
  };
  return { rows: { achievements: [row] }, diagnostics };
}

function parseSprint(ctx: Context): Parsed {
  const meta = readMeta(ctx, SprintMeta);
  const fm = meta.value ?? {};
  const diagnostics = [...meta.diagnostics];
  if (fm.start && fm.end && fm.end < fm.start) {
    const at = meta.locate(['end']);
    diagnostics.push(diagnostic(ctx, at.line, at.column, 'error', 'date-range-invalid', `end ${fm.end} is before start ${fm.start}`, 'Swap or correct the dates.'));
  }
  const id = ctx.path.split('/').at(-1)!.replace(/\.md$/, '');
  const isPrivate = meta.private;
  const sections = sectionsOf(ctx, 'sprint');
  const actions = actionItems(ctx, sections.flatMap((s) => s.items), { entry_kind: 'sprint', series: null, date: orNull(fm.end ?? fm.start), private: isPrivate });
  const row: Row<'sprints'> = {
    id, path: ctx.path, line: 1, name: fm.name ?? id, start_date: orNull(fm.start), end_date: orNull(fm.end),
    goal: orNull(fm.goal), planned_points: orNull(fm.planned_points), completed_points: orNull(fm.completed_points),
    went_well: texts(itemsOf(sections, 'went_well')), to_improve: texts(itemsOf(sections, 'to_improve')),
    extra: meta.extra, private: isPrivate,
  };
  return { rows: { sprints: [row], action_items: actions.rows }, diagnostics: [...diagnostics, ...actions.diagnostics] };
}

export const KIND_PARSERS: Record<EntryKind, (ctx: Context) => Parsed> = {
  daily: parseDaily,
  weekly: parseWeekly,
  objective: parseObjective,
  series: parseSeries,
  meeting: parseMeeting,
  achievement: parseAchievement,
  sprint: parseSprint,
};
