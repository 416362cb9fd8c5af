/**
 * Notes from other tools → daily logs in the journal's layout. Pure: source files in, planned files
 * and a per-source account out; the CLI (src/cli/import.ts) reads and writes.
 *
 * - obsidian: every note whose file name holds a date (YYYY-MM-DD, YYYY_MM_DD) is a daily note.
 *   Front matter keys the journal knows, with values it accepts, become front matter. Templater
 *   leftovers (`<% … %>`) are skipped, with a note.
 * - logseq: journals/YYYY_MM_DD.md. An outliner bullet naming a section (`- Wins`, `- ## Wins`)
 *   gives its children to that section; TODO/DOING/NOW/LATER/WAITING become open action items and
 *   DONE (or CANCELED) ticked ones; `key:: value` properties are read like front matter.
 * - markdown: one file per day (a date in the file name), or many days in one file under headings
 *   holding a date ("## 2025-03-04", "## Tuesday, March 4, 2025").
 *
 * Nothing is dropped: text that maps to no section goes into the day's Notes as written (headings
 * that name no section become subheadings there), and every property is kept there as written too.
 */
import { CORE_SCHEMA, load } from 'js-yaml';
import { sectionHeading } from '../ingest/kinds.ts';
import { SECTIONS } from '../ingest/sections.ts';
import { isCalendarDate } from '../ingest/dates.ts';
import { DailyLogMeta } from '../ingest/schema.ts';
import { normalizeName } from '../ingest/suggest.ts';

export type SourceKind = 'obsidian' | 'logseq' | 'markdown';

export interface SourceFile {
  /** Relative to the source folder, with "/". */
  path: string;
  text: string;
}

/** What became of one source file. */
export interface Account {
  source: string;
  /** The journal files its days went to. */
  targets: string[];
  /** Lines per section of the journal, e.g. { wins: 3, notes: 5 }, plus action items and properties. */
  counts: Record<string, number>;
  /** Why something was left out or not imported, e.g. Templater leftovers, an existing entry. */
  notes: string[];
}

export interface PlannedFile {
  /** Relative to the journal, e.g. "daily/2025/2025-03-04.md". */
  path: string;
  content: string;
  sources: string[];
}

interface Day {
  date: string;
  sources: string[];
  meta: Record<string, unknown>;
  /** Canonical section → Markdown lines. */
  sections: Map<string, string[]>;
  /** Canonical section → the headings that named it in the source, as written. */
  headings: Map<string, Set<string>>;
}

const DAILY = SECTIONS.daily;
const ORDER = ['goals', 'wins', 'blockers', 'learnings', 'meetings', 'notes'] as const;
const LOOKUP = new Map(Object.entries(DAILY).flatMap(([name, headings]) => headings.map((h) => [normalizeName(h), name] as const)));
const DATE_IN_NAME = /(?:^|[^\d])(\d{4})[-_.](\d{2})[-_.](\d{2})(?:[^\d]|$)/;
const TEMPLATER = /<%[\s\S]*?%>/g;
const PROPERTY = /^\s*(?:[-*+]\s+)?([A-Za-z][\w-]*)::\s*(.*)$/;
const LOGSEQ_INTERNAL = /^\s*(?:[-*+]\s+)?(?:id|collapsed)::\s/;
const TASK = /^(TODO|DOING|NOW|LATER|WAITING|DONE|CANCELED|CANCELLED)\s+/;

/** Plans the journal files for `files` from a source of `kind`; `existing` holds the dates the journal has logs for. */
export function planImport(kind: SourceKind, files: readonly SourceFile[], existing: ReadonlySet<string>): { files: PlannedFile[]; accounts: Account[] } {
  const days = new Map<string, Day>();
  const accounts: Account[] = [];
  for (const file of files) {
    const account: Account = { source: file.path, targets: [], counts: {}, notes: [] };
    accounts.push(account);
    const parts = kind === 'markdown' && !dateOf(file.path) ? splitByDatedHeadings(file.text) : [{ date: dateOf(file.path), text: file.text }];
    if (parts.length === 0 || parts.every((p) => p.date === null)) {
      account.notes.push('no date in the file name nor in any heading: not a daily note, not imported');
      continue;
    }
    // Text before the first dated heading (a title, an intro) goes to the first day's Notes.
    const preamble = parts[0].date === null ? parts.shift()!.text.trim() : '';
    if (preamble) {
      parts[0].text = `${parts[0].text}\n\n## Notes\n\n${preamble}\n`;
      account.notes.push(`text before the first dated heading (${preamble.split('\n').length} lines) is kept in the Notes of ${parts[0].date}`);
    }
    for (const part of parts) {
      if (part.date === null) continue;
      if (existing.has(part.date)) {
        account.notes.push(`${part.date}: the journal already has a log for this day; it is left as it is`);
        continue;
      }
      const day: Day = days.get(part.date) ?? { date: part.date, sources: [], meta: {}, sections: new Map(), headings: new Map() };
      days.set(part.date, day);
      day.sources.push(file.path);
      readDay(kind, part.text, day, account);
      const target = dailyPath(part.date);
      if (!account.targets.includes(target)) account.targets.push(target);
    }
  }
  const planned = [...days.values()].sort((a, b) => a.date.localeCompare(b.date)).map((day) => ({ path: dailyPath(day.date), content: renderDay(day), sources: day.sources }));
  return { files: planned, accounts };
}

const dailyPath = (date: string) => `daily/${date.slice(0, 4)}/${date}.md`;

function dateOf(path: string): string | null {
  const name = path.split('/').at(-1)!;
  const match = DATE_IN_NAME.exec(name);
  if (!match) return null;
  const date = `${match[1]}-${match[2]}-${match[3]}`;
  return isCalendarDate(date) ? date : null;
}

const count = (account: Account, key: string, n = 1) => (account.counts[key] = (account.counts[key] ?? 0) + n);
const add = (day: Day, section: string, lines: string[]) => {
  if (lines.every((l) => l.trim() === '')) return;
  const list = day.sections.get(section) ?? [];
  if (list.length > 0 && list.at(-1) !== '') list.push('');
  list.push(...lines);
  day.sections.set(section, list);
};

/** Reads one day's text into `day`. */
function readDay(kind: SourceKind, raw: string, day: Day, account: Account): void {
  let text = raw.replace(/\r\n?/g, '\n');
  // Front matter (Obsidian, plain Markdown).
  const fm = /^---\n([\s\S]*?)\n---[ \t]*(?:\n|$)/.exec(text);
  if (fm) {
    text = text.slice(fm[0].length);
    readFrontMatter(fm[1], day, account);
  }
  const templater = text.match(TEMPLATER);
  if (templater) {
    account.notes.push(`${templater.length} Templater command${templater.length === 1 ? '' : 's'} skipped (${templater.map((t) => t.replace(/\s+/g, ' ').slice(0, 30)).join(', ')})`);
    text = text.replace(TEMPLATER, '');
  }
  const lines = text.split('\n');
  const properties: string[] = [];
  const kept: string[] = [];
  let internal = 0;
  for (const line of lines) {
    if (LOGSEQ_INTERNAL.test(line)) {
      internal++;
      continue;
    }
    const property = PROPERTY.exec(line);
    if (property && !line.includes('`')) {
      if (!setMeta(day, property[1], property[2], account)) properties.push(`- ${property[1]}:: ${property[2]}`);
      count(account, 'properties');
      continue;
    }
    kept.push(line);
  }
  if (internal > 0) account.notes.push(`${internal} Logseq id::/collapsed:: line${internal === 1 ? '' : 's'} skipped`);
  add(day, 'notes', properties);
  if (kind === 'logseq' || looksOutlined(kept)) readOutline(kept, day, account);
  else readSections(kept, day, account);
}

/** Known keys with values the journal accepts go to front matter; the others stay in Notes as written. */
function readFrontMatter(yaml: string, day: Day, account: Account): void {
  let data: unknown;
  try {
    data = load(yaml, { schema: CORE_SCHEMA });
  } catch {
    add(day, 'notes', ['```yaml', ...yaml.split('\n'), '```']);
    account.notes.push('front matter is not valid YAML: kept in Notes as written');
    return;
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return;
  // Each top-level key with the lines under it, as written.
  const written = new Map<string, string[]>();
  let key: string | null = null;
  for (const line of yaml.split('\n')) {
    const top = /^([^\s#][^:]*):/.exec(line);
    if (top) written.set((key = top[1].trim()), []);
    if (key !== null && line.trim()) written.get(key)!.push(line);
  }
  const kept: string[] = [];
  for (const [name, value] of Object.entries(data)) {
    if (!setMeta(day, name, value, account)) kept.push(...(written.get(name) ?? [`${name}: ${JSON.stringify(value)}`]));
  }
  count(account, 'properties', Object.keys(data).length);
  if (kept.length > 0) add(day, 'notes', ['```yaml', ...kept, '```']);
}

const META_KEYS = new Set(['hours', 'deep_work', 'meetings', 'context_switches', 'energy', 'stress', 'balance', 'mood', 'okrs', 'projects', 'tags', 'billable', 'private']);

/** Sets a front-matter key the journal reads, when its value is one the journal accepts; false otherwise. */
function setMeta(day: Day, key: string, value: unknown, account: Account): boolean {
  const name = key.toLowerCase().replace(/[\s-]+/g, '_');
  if (!META_KEYS.has(name) || value === null || value === '' || name in day.meta) return false;
  let parsed = value;
  if (typeof value === 'string' && name !== 'tags' && name !== 'mood') {
    parsed = /^-?\d+(?:\.\d+)?$/.test(value.trim()) ? Number(value) : value === 'true' ? true : value === 'false' ? false : value;
  }
  if (typeof parsed === 'string' && (name === 'okrs' || name === 'projects')) parsed = parsed.split(/\s*,\s*/).filter(Boolean);
  if (typeof parsed === 'string' && name === 'tags') parsed = parsed.replace(/\[\[|\]\]/g, '');
  if (DailyLogMeta.safeParse({ [name]: parsed }).success) {
    day.meta[name] = parsed;
    return true;
  }
  account.notes.push(`${key}: ${JSON.stringify(value).slice(0, 40)} is not a value the journal reads; kept in Notes as written`);
  return false;
}

function looksOutlined(lines: string[]): boolean {
  const content = lines.filter((l) => l.trim());
  return content.length > 0 && content.every((l) => /^\s*[-*+] /.test(l) || /^\s+\S/.test(l));
}

/** Remembers the heading that named a section, to write it as the user did. */
function named(day: Day, section: string, heading: string): void {
  const set = day.headings.get(section) ?? new Set();
  set.add(heading.trim());
  day.headings.set(section, set);
}

/** A heading line or a bullet naming a section → its canonical name. */
function sectionOf(text: string): string | null {
  return LOOKUP.get(normalizeName(text.replace(/^#+\s*/, ''))) ?? null;
}

/** Markdown with headings: content under a section heading goes to it, the rest to Notes. */
function readSections(lines: string[], day: Day, account: Account): void {
  let current = 'notes';
  let depth = 0;
  let buffer: string[] = [];
  let fenced = false;
  const flush = () => {
    add(day, current, buffer);
    count(account, current, buffer.filter((l) => l.trim()).length);
    buffer = [];
  };
  for (const line of lines) {
    if (/^\s*(```|~~~)/.test(line)) fenced = !fenced;
    // A line that is only bold text ("**Done**", "**Wins:**") stands for a heading when it names a section.
    const bold = fenced ? null : /^\s*\*\*([^*]+?):?\*\*:?\s*$/.exec(line);
    const heading = fenced ? null : /^(#{1,6})\s+(.*?)\s*#*\s*$/.exec(line) ?? (bold && sectionOf(bold[1]) ? ['', '#######', bold[1]] : null);
    if (heading) {
      const name = sectionOf(heading[2]);
      if (name) {
        flush();
        named(day, name, heading[2]);
        current = name;
        depth = heading[1].length;
        continue;
      }
      if (current !== 'notes' && heading[1].length > depth) {
        buffer.push(line); // a subheading of a named section stays in it
        continue;
      }
      flush();
      current = 'notes';
      depth = 0;
      buffer.push(`${'#'.repeat(Math.max(3, heading[1].length))} ${heading[2]}`);
      continue;
    }
    buffer.push(rewriteTask(line, account));
  }
  flush();
}

/** An outline (Logseq): a top-level bullet naming a section gives it its children; tasks become action items. */
function readOutline(lines: string[], day: Day, account: Account): void {
  const blocks: string[][] = [];
  for (const line of lines) {
    if (/^[-*+] /.test(line) || (/^\S/.test(line) && !/^\s*$/.test(line))) blocks.push([line]);
    else if (blocks.length > 0) blocks.at(-1)!.push(line);
    else if (line.trim()) blocks.push([line]);
  }
  for (const block of blocks) {
    const head = block[0].replace(/^[-*+]\s+/, '');
    const name = sectionOf(head.replace(/^\*\*(.*)\*\*:?$/, '$1'));
    const children = block.slice(1).filter((l) => l.trim());
    if (name && children.length > 0) {
      named(day, name, head.replace(/^#+\s*/, '').replace(/^\*\*(.*)\*\*:?$/, '$1'));
      const spaced = children.map((l) => l.replace(/\t/g, '  '));
      const indent = Math.min(...spaced.map((l) => l.length - l.trimStart().length));
      const items = spaced.map((l) => rewriteTask(l.slice(indent), account));
      add(day, name, items);
      count(account, name, items.length);
      continue;
    }
    const lines = block.map((l) => rewriteTask(l.replace(/\t/g, '  '), account));
    add(day, 'notes', lines);
    count(account, 'notes', lines.filter((l) => l.trim()).length);
  }
}

/** "- TODO x" → "- [ ] x", "- DONE x" → "- [x] x" (Logseq markers, kept in the text otherwise). */
function rewriteTask(line: string, account: Account): string {
  const bullet = /^(\s*[-*+]\s+)(.*)$/.exec(line);
  if (!bullet) return line;
  const task = TASK.exec(bullet[2]);
  if (!task) return line;
  count(account, 'action items');
  const done = task[1] === 'DONE' || task[1].startsWith('CANCEL');
  return `${bullet[1]}[${done ? 'x' : ' '}] ${bullet[2].slice(task[0].length)}`;
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/** A date written in a heading: 2025-03-04, 2025/03/04, "March 4, 2025", "4 March 2025", "Mar 4th 2025". */
export function dateInHeading(text: string): string | null {
  const iso = /(\d{4})[-_/.](\d{1,2})[-_/.](\d{1,2})/.exec(text);
  const pad = (n: string | number) => String(n).padStart(2, '0');
  let date: string | null = null;
  if (iso) date = `${iso[1]}-${pad(iso[2])}-${pad(iso[3])}`;
  else {
    const words = text.toLowerCase();
    const md = /([a-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})/.exec(words);
    const dm = /(\d{1,2})(?:st|nd|rd|th)?\s+([a-z]{3,9})\.?,?\s+(\d{4})/.exec(words);
    const candidates = [md && [md[1], md[2], md[3]], dm && [dm[2], dm[1], dm[3]]].filter((c): c is string[] => c !== null);
    for (const [month, day, year] of candidates) {
      const m = MONTHS.indexOf(month.slice(0, 3));
      if (m !== -1) {
        date = `${year}-${pad(m + 1)}-${pad(day)}`;
        break;
      }
    }
  }
  return date && isCalendarDate(date) ? date : null;
}

/** One file holding many days: split at headings that hold a date; deeper headings stay with their day. */
function splitByDatedHeadings(text: string): { date: string | null; text: string }[] {
  const parts: { date: string | null; text: string; depth: number }[] = [{ date: null, text: '', depth: 0 }];
  let fenced = false;
  for (const line of text.replace(/\r\n?/g, '\n').split('\n')) {
    if (/^\s*(```|~~~)/.test(line)) fenced = !fenced;
    const heading = fenced ? null : /^(#{1,6})\s+(.*)$/.exec(line);
    const date = heading ? dateInHeading(heading[2]) : null;
    const current = parts.at(-1)!;
    if (heading && date && (current.date === null || heading[1].length <= current.depth)) {
      parts.push({ date, text: '', depth: heading[1].length });
      const rest = heading[2].replace(/\s*[-–—:]?\s*$/, '').trim();
      // Words beside the date in the heading ("Tuesday", "offsite day") are kept in the day's notes.
      if (normalizeName(rest.replace(date, '')).replace(/\d/g, '').trim()) parts.at(-1)!.text += `${rest}\n\n`;
      continue;
    }
    current.text += `${line}\n`;
  }
  return parts.filter((p) => p.date !== null || p.text.trim()).map(({ date, text: t }) => ({ date, text: t }));
}

/** A day as a daily log: its front matter, then its sections in the usual order. */
function renderDay(day: Day): string {
  const meta = Object.entries(day.meta).map(([key, value]) => `${key}: ${JSON.stringify(value)}`);
  const front = meta.length > 0 ? `---\n${meta.join('\n')}\n---\n\n` : '';
  const body = ORDER.filter((name) => day.sections.has(name))
    .map((name) => {
      // The source's own heading when one heading named the section (it is a synonym, so it reads the same).
      const headings = day.headings.get(name);
      const heading = headings?.size === 1 ? [...headings][0] : sectionHeading(name);
      return `## ${heading}\n\n${trimBlank(day.sections.get(name)!).join('\n')}\n`;
    })
    .join('\n');
  return front + (body || '## Notes\n\n(empty in the source)\n');
}

function trimBlank(lines: string[]): string[] {
  let start = 0;
  let end = lines.length;
  while (start < end && lines[start].trim() === '') start++;
  while (end > start && lines[end - 1].trim() === '') end--;
  return lines.slice(start, end);
}
