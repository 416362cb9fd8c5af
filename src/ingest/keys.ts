/**
 * Keys turbowork does not know, in front matter and journal.yml: a key in another case or spelling
 * of a known one (`Date:`, `deep-work:`) is read as that key, with a `key-case` warning; any other
 * unknown key stays in the data (it belongs to the user) and gets a `key-unknown` warning with a
 * did-you-mean. Nested objects (scoring.thresholds, key_results[].check_ins[]) are walked too.
 */
import type { z } from 'zod';
import { diagnose, type Diagnostic, type Position } from './diagnostics.ts';
import { normalizeName, suggestNames } from './suggest.ts';

/** Keys other tools write into front matter: kept in `extra`, never reported. */
const FOREIGN_KEYS = new Set(['aliases', 'alias', 'cssclasses', 'cssclass', 'created', 'updated', 'modified', 'publish', 'id', 'title', 'type', 'template', 'author', 'status', 'permalink', 'icon', 'banner', 'source']);

/** Words people write for a key, by the key they mean. */
export const KEY_SYNONYMS: Readonly<Record<string, string>> = {
  focus: 'deep_work', focus_hours: 'deep_work', deep_hours: 'deep_work', deep: 'deep_work', flow: 'deep_work',
  meeting_hours: 'meetings', meeting: 'meetings', worked: 'hours', hours_worked: 'hours', tag: 'tags', labels: 'tags',
  project: 'projects', okr: 'okrs', objectives: 'okrs', goals: 'okrs', feeling: 'mood', day: 'date',
  workdays: 'work_days', weekdays: 'work_days', working_days: 'work_days', fiscal_year_start: 'year_start',
  fiscal_year: 'year_start', competences: 'competencies', skills_matrix: 'competencies', llms: 'llm', model: 'llm',
  redactions: 'redact', redacted: 'redact', private_words: 'redact', weight: 'weights', threshold: 'thresholds',
  limits: 'thresholds', target: 'targets', krs: 'key_results', keyresults: 'key_results', checkins: 'check_ins',
  checkin: 'check_ins', manager_name: 'manager', name_of_person: 'name', synonyms: 'sections', headings: 'sections',
};

interface Walk {
  file: string;
  locate: (path: readonly PropertyKey[]) => Position;
  /** e.g. "a daily log's front matter". */
  where: string;
  /** Report keys written by other tools (off in front matter, on in journal.yml). */
  strict: boolean;
  diagnostics: Diagnostic[];
}

/** Renames known keys written in another case, and reports unknown keys; returns the renamed data. */
export function normalizeKeys(schema: z.ZodType, data: unknown, walk: Omit<Walk, 'diagnostics'>): { data: unknown; diagnostics: Diagnostic[] } {
  const state: Walk = { ...walk, diagnostics: [] };
  return { data: visit(schema, data, [], state), diagnostics: state.diagnostics };
}

function visit(schema: z.ZodType | undefined, data: unknown, path: PropertyKey[], walk: Walk): unknown {
  const def = unwrap(schema);
  if (!def) return data;
  if (def.type === 'array' && Array.isArray(data)) return data.map((item, i) => visit(def.element, item, [...path, i], walk));
  if (def.type !== 'object' || !def.shape || typeof data !== 'object' || data === null || Array.isArray(data)) return data;
  const out: Record<string, unknown> = {};
  const entries = Object.entries(data as Record<string, unknown>);
  for (const [key, value] of entries) {
    if (key in def.shape) out[key] = value;
  }
  for (const [key, value] of entries) {
    if (key in def.shape) continue;
    const at = { file: walk.file, ...walk.locate([...path, key]) };
    const { known, byForm } = keysOf(def.shape);
    const same = byForm.get(formOf(key));
    if (same && !(same in out)) {
      walk.diagnostics.push(diagnose('key-case', at, { key, known: same }));
      out[same] = value;
      continue;
    }
    out[key] = value;
    if (!walk.strict && path.length === 0 && FOREIGN_KEYS.has(key.toLowerCase())) continue;
    const where = path.length === 0 ? walk.where : `${walk.where}, under ${formatPath(path)}`;
    walk.diagnostics.push(diagnose('key-unknown', at, { key, where, known, suggestions: suggestNames(key, known, { synonyms: KEY_SYNONYMS }) }));
  }
  for (const [key, value] of Object.entries(out)) if (key in def.shape) out[key] = visit(def.shape[key], value, [...path, key], walk);
  return out;
}

/** "Deep-Work", "deep work" and "deep_work" are one key. */
const formOf = (key: string) => normalizeName(key).replace(/[\s-]+/g, '_');

/** A schema's keys, and each by its form: made once per schema, not for every file that has an unknown key. */
const shapeKeys = new WeakMap<Record<string, z.ZodType>, { known: string[]; byForm: Map<string, string> }>();
function keysOf(shape: Record<string, z.ZodType>): { known: string[]; byForm: Map<string, string> } {
  let keys = shapeKeys.get(shape);
  if (!keys) {
    const known = Object.keys(shape);
    keys = { known, byForm: new Map(known.map((key) => [formOf(key), key])) };
    shapeKeys.set(shape, keys);
  }
  return keys;
}

interface Def {
  type: string;
  shape?: Record<string, z.ZodType>;
  element?: z.ZodType;
  innerType?: z.ZodType;
  in?: z.ZodType;
  options?: z.ZodType[];
}

/** The object or array schema under optional/default/pipe/union wrappers, or undefined. */
function unwrap(schema: z.ZodType | undefined): Def | undefined {
  let def = schema?._zod.def as Def | undefined;
  for (let depth = 0; def && depth < 10; depth++) {
    if (def.type === 'object' || def.type === 'array') return def;
    const next = def.innerType ?? def.in ?? def.options?.find((o) => ['object', 'array'].includes((o._zod.def as Def).type));
    def = next?._zod.def as Def | undefined;
  }
  return undefined;
}

function formatPath(path: readonly PropertyKey[]): string {
  return path.map((s, i) => (typeof s === 'number' ? `[${s}]` : i === 0 ? String(s) : `.${String(s)}`)).join('');
}

/** A copy without the keys whose value is null (left blank, as templates leave them), at every depth. */
export function withoutBlankKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutBlankKeys);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== null).map(([k, v]) => [k, withoutBlankKeys(v)]));
}
