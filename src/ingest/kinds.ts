/**
 * The entry kinds of JOURNAL_FORMAT.md: for each, the headings it knows and how its front matter and
 * sections become table rows.
 */
import type { z } from 'zod';
import type { Root } from 'mdast';
import type { Row, Rows } from '../db/tables.ts';
import { isCalendarDate, isoWeek, isoWeekStart, quarterRange } from './dates.ts';
import { diagnose, type Diagnostic } from './diagnostics.ts';
import { dateInFileName } from './entry-file.ts';
import { normalizeKeys, withoutBlankKeys } from './keys.ts';
import { suggestNames } from './suggest.ts';
import { validateYaml, type SplitFile } from './frontmatter.ts';
import { parseActionTokens, parseTags, parseWikiLinks } from './inline.ts';
import { itemsOf, markdownOf, parseSections, type Item, type Section, type Synonyms } from './markdown.ts';
import { SECTIONS, type EntryKind } from './sections.ts';
import { parseMetrics } from './metrics.ts';
import { isPrivacyKey, readPrivacy } from './privacy.ts';
import {
  AchievementMeta, DailyLogMeta, MeetingMeta, ObjectiveMeta, SeriesMeta, SprintMeta,
  WeeklyCheckinMeta, YearlyMeta, type JournalConfig,
} from './schema.ts';

export type { EntryKind } from './sections.ts';

interface Context {
  path: string;
  split: SplitFile;
  config: JournalConfig;
  /** The body's Markdown tree (parseStructure). */
  tree: Root;
}
interface Parsed {
  rows: Rows;
  diagnostics: Diagnostic[];
}

const KIND_NAMES: Record<EntryKind, string> = {
  daily: 'a daily log', weekly: 'a weekly check-in', objective: 'an objective', series: 'a 1:1 series', meeting: 'a 1:1 meeting', achievement: 'an achievement', sprint: 'a sprint', yearly: "the year's file",
};

/** "help_needed" → "Help needed", as a heading is written. */
export const sectionHeading = (name: string) => name[0].toUpperCase() + name.slice(1).replace(/_/g, ' ');

const texts = (items: Item[]) => items.map((item) => item.text);
const orNull = <T>(value: T | undefined): T | null => value ?? null;

const at = (ctx: Context, position: { line: number; column: number }, severity?: Diagnostic['severity']) => ({ file: ctx.path, ...position, severity });
const top = { line: 1, column: 1 };

/**
 * Validated front matter; `value` is null when the entry cannot load (a required key is missing).
 * Privacy is read apart (privacy.ts), failing closed; the schema and the key check never see the
 * private keys (privacy.ts reports them).
 */
function readMeta<S extends z.ZodObject>(ctx: Context, schema: S, kind: EntryKind) {
  const yaml = ctx.split.yaml ?? { data: {}, locate: () => top };
  const privacy = readPrivacy(ctx.split, ctx.path);
  // A key left blank (`hours:` in a template, `check_ins:` of a new key result) means "not given".
  const keys = normalizeKeys(schema, withoutPrivacyKeys(withoutBlankKeys(yaml.data)), { file: ctx.path, locate: yaml.locate, where: `${KIND_NAMES[kind]}'s front matter`, strict: false });
  const data = keys.data;
  const source = { data, locate: yaml.locate };
  const result = validateYaml(schema, source, ctx.path, 'frontmatter-invalid');
  const known = new Set(Object.keys(schema.shape));
  const unknown = isRecord(data) ? Object.fromEntries(Object.entries(data).filter(([key]) => !known.has(key))) : {};
  const extra = Object.keys(unknown).length > 0 ? JSON.stringify(unknown) : null;
  return { ...result, diagnostics: [...privacy.diagnostics, ...keys.diagnostics, ...result.diagnostics], private: privacy.private, extra, locate: source.locate };
}

function withoutPrivacyKeys(value: unknown): unknown {
  return isRecord(value) ? Object.fromEntries(Object.entries(value).filter(([key]) => !isPrivacyKey(key))) : value;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The kind's sections, plus the headings journal.yml adds under `sections:`; and each heading by the
 * section it names. Made once per settings and kind, not for every file (parseSections keeps its
 * lookup by this object).
 */
function synonymsOf(ctx: Context, kind: EntryKind): { synonyms: Synonyms; byHeading: ReadonlyMap<string, string> } {
  const added = ctx.config.sections;
  let byKind = synonymsBySettings.get(added);
  if (!byKind) synonymsBySettings.set(added, (byKind = new Map()));
  let made = byKind.get(kind);
  if (!made) {
    const synonyms: Synonyms = Object.fromEntries(Object.entries(SECTIONS[kind]).map(([name, headings]) => [name, [...headings, ...(added[name] ?? [])]]));
    made = { synonyms, byHeading: new Map(Object.entries(synonyms).flatMap(([name, headings]) => headings.map((h) => [h, name] as const))) };
    byKind.set(kind, made);
  }
  return made;
}
const synonymsBySettings = new WeakMap<JournalConfig['sections'], Map<EntryKind, { synonyms: Synonyms; byHeading: ReadonlyMap<string, string> }>>();

/** The body's sections; a heading holding content that names no section gets `heading-unknown`. */
function sectionsOf(ctx: Context, kind: EntryKind, diagnostics: Diagnostic[]): Section[] {
  const { synonyms, byHeading } = synonymsOf(ctx, kind);
  const sections = parseSections(ctx.split.body, synonyms, ctx.split.bodyLine, ctx.tree);
  if (kind === 'objective') return sections; // an objective's body is its description
  for (const section of sections) {
    if (section.name !== null || !section.heading || !section.markdown) continue;
    const [near] = suggestNames(section.heading, [...byHeading.keys()]);
    const nearest = near ? sectionHeading(byHeading.get(near)!) : null;
    diagnostics.push(diagnose('heading-unknown', at(ctx, { line: section.line, column: 1 }), { heading: section.heading, kind: KIND_NAMES[kind], nearest, known: Object.keys(synonyms).map(sectionHeading) }));
  }
  return sections;
}

/** The entry's date: front matter first, else a YYYY-MM-DD (or YYYY_MM_DD) at the start of the file name. */
function resolveDate(ctx: Context, declared: string | undefined, locate: (path: PropertyKey[]) => { line: number; column: number }) {
  const diagnostics: Diagnostic[] = [];
  const fromName = dateInFileName(ctx.path);
  const nameValid = fromName !== undefined && isCalendarDate(fromName);
  if (fromName && !nameValid && !declared) {
    diagnostics.push(diagnose('date-invalid', at(ctx, top, 'error'), { where: 'file-name', date: fromName }));
  }
  if (declared && nameValid && declared !== fromName) {
    diagnostics.push(diagnose('date-mismatch', at(ctx, locate(['date'])), { declared, fromName }));
  }
  const date = declared ?? (nameValid ? fromName : null);
  if (!date && !(fromName && !nameValid)) diagnostics.push(diagnose('date-missing', at(ctx, top)));
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
      diagnostics.push(diagnose('date-invalid', at(ctx, { line: item.line, column: item.column + Math.max(0, tokens.dueColumn) }, 'warning'), { where: 'due', date: due }));
      due = null;
    }
    rows.push({ ...base, item_key: tokens.key, path: ctx.path, line: item.line, text: item.text, owner: tokens.owner, due, done: item.checked || tokens.done !== null });
  }
  return { rows, diagnostics };
}

function parseDaily(ctx: Context): Parsed {
  const meta = readMeta(ctx, DailyLogMeta, 'daily');
  const fm = meta.value ?? {};
  const { date, diagnostics } = resolveDate(ctx, fm.date, meta.locate);
  diagnostics.unshift(...meta.diagnostics);
  if (!date) return { rows: {}, diagnostics };
  const isPrivate = meta.private;
  const sections = sectionsOf(ctx, 'daily', diagnostics);
  const wins: Row<'wins'>[] = [];
  const metrics: Row<'metrics'>[] = [];
  itemsOf(sections, 'wins').forEach((item, i) => {
    const id = `${date}#${i + 1}`;
    const links = parseWikiLinks(item.text);
    const tags = parseTags(item.text);
    wins.push({
      id, date, path: ctx.path, line: item.line, ordinal: i + 1, text: item.text,
      tags: tags.filter((t) => t !== 'highlight'), highlight: tags.includes('highlight'),
      objective_ids: [...new Set(links.map((l) => l.objective).filter((target) => !/^\d{4}[-_]\d{2}[-_]\d{2}$/.test(target)))],
      kr_refs: links.filter((l) => l.kr).map((l) => `${l.objective}#${l.kr}`), private: isPrivate,
    });
    for (const m of parseMetrics(item.text)) {
      metrics.push({ ...m, win_id: id, date, path: ctx.path, line: item.line, column: item.column + m.column, private: isPrivate });
    }
  });
  const others = sections.filter((s) => s.name !== 'goals' && s.name !== 'wins').flatMap((s) => s.items);
  const actions = actionItems(ctx, others, { entry_kind: 'daily', series: null, date, private: isPrivate });
  const day: Row<'days'> = {
    date, path: ctx.path, line: 1, week: isoWeek(date), hours: orNull(fm.hours), deep_work: orNull(fm.deep_work),
    meeting_hours: orNull(fm.meetings), context_switches: orNull(fm.context_switches), energy: orNull(fm.energy),
    stress: orNull(fm.stress), balance: orNull(fm.balance), mood: orNull(fm.mood), okrs: fm.okrs ?? [],
    projects: fm.projects ?? [], tags: fm.tags ?? [], billable: orNull(fm.billable),
    goals: texts(itemsOf(sections, 'goals')), open_goals: texts(itemsOf(sections, 'goals').filter((item) => item.checked === false)), blockers: texts(itemsOf(sections, 'blockers')),
    learnings: texts(itemsOf(sections, 'learnings')), notes: markdownOf(sections, 'notes') || null,
    body: ctx.split.body, extra: meta.extra, private: isPrivate,
  };
  return { rows: { days: [day], wins, metrics, action_items: actions.rows }, diagnostics: [...diagnostics, ...actions.diagnostics] };
}

function parseWeekly(ctx: Context): Parsed {
  const meta = readMeta(ctx, WeeklyCheckinMeta, 'weekly');
  const fm = meta.value ?? {};
  const week = fm.week ?? /(\d{4}-W\d{2})\.md$/.exec(ctx.path)?.[1];
  const weekStart = week ? isoWeekStart(week) : null;
  if (!week || !weekStart) {
    return { rows: {}, diagnostics: [...meta.diagnostics, diagnose('period-invalid', at(ctx, top), { kind: 'week', period: week ?? null })] };
  }
  const sections = sectionsOf(ctx, 'weekly', meta.diagnostics);
  const row: Row<'weekly_checkins'> = {
    week, week_start: weekStart, path: ctx.path, line: 1, confidence: orNull(fm.confidence),
    status_override: orNull(fm.status_override), override_reason: orNull(fm.override_reason),
    wins: texts(itemsOf(sections, 'wins')), challenges: texts(itemsOf(sections, 'challenges')),
    help_needed: texts(itemsOf(sections, 'help_needed')), notes: markdownOf(sections, 'notes') || null,
    extra: meta.extra, private: meta.private,
  };
  return { rows: { weekly_checkins: [row] }, diagnostics: meta.diagnostics };
}

/**
 * The year's file, yearly/YYYY.md: its self-ratings, one row each (journal.yml's competencies are
 * checked against them after loading, so a change of competencies needs no new parse). The body is
 * the person's own notes, kept as written.
 */
function parseYearly(ctx: Context): Parsed {
  const meta = readMeta(ctx, YearlyMeta, 'yearly');
  const fm = meta.value ?? {};
  const year = fm.year !== undefined ? String(fm.year) : /(?:^|\/)(\d{4})\.md$/.exec(ctx.path)?.[1];
  if (!year) return { rows: {}, diagnostics: [...meta.diagnostics, diagnose('period-invalid', at(ctx, top), { kind: 'year', period: null })] };
  const row: Row<'years'> = { year, path: ctx.path, line: 1, notes: ctx.split.body.trim() || null, extra: meta.extra, private: meta.private };
  const ratings = Object.entries(fm.self_ratings ?? {}).map(([competency, rating]): Row<'self_ratings'> => (
    { year, competency, rating, path: ctx.path, ...meta.locate(['self_ratings', competency]), private: meta.private }
  ));
  return { rows: { years: [row], self_ratings: ratings }, diagnostics: meta.diagnostics };
}

function parseObjective(ctx: Context): Parsed {
  const meta = readMeta(ctx, ObjectiveMeta, 'objective');
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
    diagnostics.push(diagnose('objective-period-missing', at(ctx, top)));
  } else if (end < start) {
    diagnostics.push(diagnose('date-range-invalid', at(ctx, meta.locate(['end'])), { start, end }));
  }
  const isPrivate = meta.private;
  const krs: Row<'key_results'>[] = [];
  const checkIns: Row<'check_ins'>[] = [];
  const seen = new Set<string>();
  fm.key_results.forEach((kr, i) => {
    if (seen.has(kr.id)) {
      diagnostics.push(diagnose('kr-duplicate', at(ctx, meta.locate(['key_results', i, 'id'])), { id: kr.id }));
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
  const meta = readMeta(ctx, SeriesMeta, 'series');
  if (!meta.value) return { rows: {}, diagnostics: meta.diagnostics };
  const fm = meta.value;
  const row: Row<'series'> = {
    id: seriesId(ctx.path), path: ctx.path, line: 1, person: fm.with, relationship: orNull(fm.relationship),
    cadence: fm.cadence, active: fm.active, agenda_template: markdownOf(sectionsOf(ctx, 'series', meta.diagnostics), 'agenda_template') || null,
    extra: meta.extra, private: meta.private,
  };
  return { rows: { series: [row] }, diagnostics: meta.diagnostics };
}

function parseMeeting(ctx: Context): Parsed {
  const meta = readMeta(ctx, MeetingMeta, 'meeting');
  const fm = meta.value ?? {};
  const { date, diagnostics } = resolveDate(ctx, fm.date, meta.locate);
  diagnostics.unshift(...meta.diagnostics);
  if (!date) return { rows: {}, diagnostics };
  const series = seriesId(ctx.path);
  const isPrivate = meta.private;
  const sections = sectionsOf(ctx, 'meeting', diagnostics);
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
  const meta = readMeta(ctx, AchievementMeta, 'achievement');
  const fm = meta.value;
  if (!fm) return { rows: {}, diagnostics: meta.diagnostics };
  const { date, diagnostics } = resolveDate(ctx, fm.date, meta.locate);
  diagnostics.unshift(...meta.diagnostics);
  if (!date) return { rows: {}, diagnostics };
  const sections = sectionsOf(ctx, 'achievement', diagnostics);
  for (const part of ['situation', 'task', 'action', 'result'] as const) {
    if (!sections.some((s) => s.name === part)) {
      diagnostics.push(diagnose('star-section-missing', at(ctx, { line: ctx.split.bodyLine, column: 1 }), { heading: sectionHeading(part) }));
    }
  }
  const metric = fm.metric;
  if (metric && (metric.before === undefined) !== (metric.after === undefined)) {
    diagnostics.push(diagnose('metric-incomplete', at(ctx, meta.locate(['metric'])), { name: metric.name, missing: metric.before === undefined ? 'before' : 'after' }));
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
  const meta = readMeta(ctx, SprintMeta, 'sprint');
  const fm = meta.value ?? {};
  const diagnostics = [...meta.diagnostics];
  if (fm.start && fm.end && fm.end < fm.start) {
    diagnostics.push(diagnose('date-range-invalid', at(ctx, meta.locate(['end'])), { start: fm.start, end: fm.end }));
  }
  const id = ctx.path.split('/').at(-1)!.replace(/\.md$/, '');
  const isPrivate = meta.private;
  const sections = sectionsOf(ctx, 'sprint', diagnostics);
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
  yearly: parseYearly,
};
