/**
 * Front matter and journal.yml: YAML read fast (js-yaml, core schema: dates stay text), with the
 * positions of keys indexed on demand from js-yaml's events, so that every problem a schema finds is
 * reported on the line of the YAML key it concerns, as Astro maps front-matter errors. Most files are
 * valid and never pay for positions. The yaml library explains the rare syntax error (and loads only then).
 */
import { CORE_SCHEMA, EVENT_ALIAS, EVENT_MAPPING, EVENT_POP, EVENT_SCALAR, EVENT_SEQUENCE, getScalarValue, load, loadAll, parseEvents,
  SCALAR_STYLE_DOUBLE_QUOTED, SCALAR_STYLE_SINGLE_QUOTED, YAMLException } from 'js-yaml';
import { createRequire } from 'node:module';
import type { z } from 'zod';
import { diagnose, type Diagnostic, type DiagnosticCode, type Position } from './diagnostics.ts';

/** Parsed YAML that can point back at the source line of any key path. */
export interface YamlSource {
  /** The plain value; `{}` when the YAML could not be parsed. */
  data: unknown;
  /** The YAML as written. */
  text: string;
  /** False when the YAML could not be parsed (and `data` is only a stand-in). */
  readable: boolean;
  /** Where the key (line) and its value (column) at `path` stand in the file. */
  locate(path: readonly PropertyKey[]): Position;
}

/**
 * Bounds on one YAML document, so that no file can take the run's time or memory: its text, the
 * aliases in it (`*name`), and its values counted with every alias expanded (a "billion laughs"
 * of nine levels of nine aliases is 81 aliases in 500 bytes, and 387 million values). Nesting is
 * bounded by js-yaml (100 levels).
 */
const MAX_YAML_CHARS = 1_000_000;
const MAX_YAML_ALIASES = 1_000;
const MAX_YAML_VALUES = 100_000;

/** Parses YAML text whose first line is line `firstLine` of `file`. Syntax errors become diagnostics. */
export function parseYaml(text: string, file: string, firstLine = 1): { source: YamlSource; diagnostics: Diagnostic[] } {
  let data: unknown = {};
  let readable = true;
  const diagnostics: Diagnostic[] = [];
  const tooLarge = (what: string) => diagnose('yaml-too-large', { file, line: firstLine, column: 1 }, { what });
  if (text.length > MAX_YAML_CHARS) {
    diagnostics.push(tooLarge(`is ${text.length.toLocaleString('en')} characters long, more than the ${MAX_YAML_CHARS.toLocaleString('en')} read`));
    readable = false;
  } else {
    try {
      // loadAll, as load rejects a document holding only comments, or nothing (`---\n---`).
      const documents = loadAll(text, { schema: CORE_SCHEMA, maxAliases: MAX_YAML_ALIASES });
      if (documents.length > 1) load(text, { schema: CORE_SCHEMA }); // throws: one document expected
      data = documents[0] ?? {};
      if (countValues(data, MAX_YAML_VALUES) > MAX_YAML_VALUES) {
        data = {};
        readable = false;
        diagnostics.push(tooLarge(`expands to more than ${MAX_YAML_VALUES.toLocaleString('en')} values (its aliases repeat one another)`));
      }
    } catch (error) {
      if (!(error instanceof YAMLException)) throw error;
      if (error.reason.includes('maxAliases')) diagnostics.push(tooLarge(`holds more than ${MAX_YAML_ALIASES.toLocaleString('en')} aliases`));
      else diagnostics.push(describeSyntaxError(text, error, file, firstLine));
      readable = false;
    }
  }
  let positions: ((path: readonly PropertyKey[]) => Position) | undefined;
  const locate = (path: readonly PropertyKey[]) => {
    positions ??= indexPositions(text, firstLine);
    return positions(path);
  };
  return { source: { data, text, readable, locate }, diagnostics };
}

/**
 * How many values `data` holds once every alias is expanded, stopping past `limit`. A value an alias
 * shares is counted once and its count reused, so the bomb is counted without being expanded; a
 * value that contains itself counts as unbounded.
 */
function countValues(data: unknown, limit: number, counted = new Map<object, number>()): number {
  if (data === null || typeof data !== 'object') return 1;
  const known = counted.get(data);
  if (known !== undefined) return known;
  counted.set(data, Infinity); // until counted: a cycle back to it is unbounded
  let total = 1;
  for (const value of Object.values(data)) {
    total += countValues(value, limit, counted);
    if (total > limit) break;
  }
  counted.set(data, total);
  return total;
}

const require = createRequire(import.meta.url);

/**
 * The yaml library explains syntax errors better than js-yaml; errors are rare, so ask it then. It is
 * loaded then too (synchronously, by require): it is 72 modules that no valid file needs.
 */
function describeSyntaxError(text: string, error: YAMLException, file: string, firstLine: number): Diagnostic {
  const { LineCounter, parseDocument } = require('yaml') as typeof import('yaml');
  const lineCounter = new LineCounter();
  const [explained] = parseDocument(text, { lineCounter, prettyErrors: false }).errors;
  const position = explained ? lineCounter.linePos(explained.pos[0]) : { line: (error.mark?.line ?? 0) + 1, col: (error.mark?.column ?? 0) + 1 };
  const reason = explained ? explained.message.split('\n')[0] : error.reason;
  return diagnose('yaml-syntax', { file, line: position.line + firstLine - 1, column: position.col }, { reason });
}

/**
 * Indexes where every key and list item stands, from js-yaml's event stream (offsets into `text`).
 * A key's line is its own; its column is where its value starts.
 */
function indexPositions(text: string, firstLine: number): (path: readonly PropertyKey[]) => Position {
  const at = (offset: number): Position => ({
    line: countLines(text, offset) + firstLine - 1,
    column: offset - text.lastIndexOf('\n', offset - 1),
  });
  // An empty value (`key:` with nothing after it) has no offset (-1): point just past its key.
  const positions = new Map<string, Position>();
  const stack: { path: PropertyKey[]; map: boolean; key: { name: string; offset: number } | null; index: number }[] = [];
  /** Records the position of the value starting at `offset` under its parent; returns its path. */
  const place = (offset: number): PropertyKey[] => {
    const parent = stack.at(-1);
    if (!parent) return [];
    if (!parent.map) {
      const path = [...parent.path, parent.index++];
      positions.set(JSON.stringify(path), at(Math.max(0, offset)));
      return path;
    }
    const key = parent.key ?? { name: '', offset };
    parent.key = null;
    const path = [...parent.path, key.name];
    const value = offset >= 0 ? offset : key.offset + key.name.length + 1;
    positions.set(JSON.stringify(path), { line: at(key.offset).line, column: at(value).column });
    return path;
  };
  try {
    for (const event of parseEvents(text, {})) {
      const parent = stack.at(-1);
      if (event.type === EVENT_SCALAR && parent?.map && parent.key === null) {
        parent.key = { name: getScalarValue(text, event), offset: event.valueStart };
      } else if (event.type === EVENT_SCALAR) {
        const quoted = event.style === SCALAR_STYLE_SINGLE_QUOTED || event.style === SCALAR_STYLE_DOUBLE_QUOTED;
        place(quoted ? event.valueStart - 1 : event.valueStart); // point at the opening quote
      } else if (event.type === EVENT_ALIAS) {
        place(event.anchorStart);
      } else if (event.type === EVENT_MAPPING || event.type === EVENT_SEQUENCE) {
        stack.push({ path: place(event.start), map: event.type === EVENT_MAPPING, key: null, index: 0 });
      } else if (event.type === EVENT_POP) {
        stack.pop();
      }
    }
  } catch {
    // Best effort: a document that does not parse keeps the positions indexed before its error.
  }
  return (path) => {
    for (let n = path.length; n > 0; n--) {
      const found = positions.get(JSON.stringify(path.slice(0, n)));
      if (found) return found;
    }
    return at(0);
  };
}

/** A file split into front matter and Markdown body. */
export interface SplitFile {
  /** The front matter, or null when the file has none (or it is unterminated). */
  yaml: YamlSource | null;
  /** The Markdown after the front matter. */
  body: string;
  /** The 1-based line of the file on which `body` starts. */
  bodyLine: number;
  diagnostics: Diagnostic[];
}

// A front-matter block is closed by a line holding only --- (or YAML's ...).
const OPENING = /^---[ \t]*\r?\n/;
const CLOSING = /\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|$)/;

/**
 * Splits a Markdown file (BOM already removed) into front matter and body. The front matter runs from
 * the opening line to the first line starting with "---"; the body starts on the line after that. This
 * is gray-matter's rule (4.0.3, the splitter the journal format was first read with), written here
 * because gray-matter loads a YAML parser of its own and esprima (about 25 ms for every command that
 * parses) to cut a string in two; frontmatter.property.test.ts holds the two to the same split.
 */
export function parseFrontMatter(text: string, file: string): SplitFile {
  if (!OPENING.test(text)) return { yaml: null, body: text, bodyLine: 1, diagnostics: [] };
  if (!CLOSING.test(text.slice(3))) {
    return {
      yaml: null,
      body: text,
      bodyLine: 1,
      diagnostics: [diagnose('frontmatter-unterminated', { file, line: 1, column: 1 })],
    };
  }
  // `raw` starts right after the opening "---", so its line 1 is the file's line 1.
  const rest = text.slice(3);
  const close = rest.indexOf('\n---');
  const raw = close === -1 ? rest : rest.slice(0, close);
  // A block of blanks and comment lines is no YAML to parse. The cut at "\n---" leaves the "\r" of
  // a CRLF file's last key line behind.
  const blank = raw.replace(/^\s*#[^\n]+/gm, '').trim() === '';
  const parsed = parseYaml(blank ? '' : raw.replace(/\r$/, ''), file);
  let body = close === -1 ? '' : rest.slice(close + '\n---'.length);
  if (body.startsWith('\r')) body = body.slice(1);
  if (body.startsWith('\n')) body = body.slice(1);
  const bodyLine = countLines(text, text.length - body.length);
  return { yaml: parsed.source, body, bodyLine, diagnostics: parsed.diagnostics };
}

/** The 1-based line number of character `offset` in `text`. */
export function countLines(text: string, offset: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) line++;
  return line;
}

/**
 * Checks `source.data` against `schema`. Each zod issue becomes a diagnostic on its key's line; an
 * invalid key is dropped (an invalid list item, the whole item) so the rest of the entry still loads.
 * Returns null only when the entry cannot be loaded at all (e.g. a required key is missing).
 */
export function validateYaml<S extends z.ZodType>(
  schema: S,
  source: Pick<YamlSource, 'data' | 'locate'>,
  file: string,
  code: DiagnosticCode,
): { value: z.output<S> | null; diagnostics: Diagnostic[] } {
  let data = source.data;
  const first = schema.safeParse(data);
  if (first.success) return { value: first.data, diagnostics: [] };
  const diagnostics = first.error.issues.map((issue) => issueToDiagnostic(issue, schema, source, file, code));
  // Zod reports issues in document order; removing from the last keeps earlier list indices valid.
  for (const issue of first.error.issues.toReversed()) data = withoutPath(data, issue.path, schema);
  const second = schema.safeParse(data);
  return { value: second.success ? second.data : null, diagnostics };
}

function issueToDiagnostic(
  issue: z.core.$ZodIssue,
  schema: z.ZodType,
  source: Pick<YamlSource, 'data' | 'locate'>,
  file: string,
  fallback: DiagnosticCode,
): Diagnostic {
  const key = formatPath(issue.path);
  const found = valueAt(source.data, issue.path);
  const params = (issue as { params?: { code?: DiagnosticCode } }).params;
  const expected = describeExpected(issue, schemaAt(schema, issue.path));
  const texts = diagnose(fallback === 'config-invalid' ? 'config-invalid' : 'frontmatter-invalid', { file, line: 1, column: 1 }, {
    key,
    found: found === undefined ? undefined : JSON.stringify(found)?.slice(0, 60),
    expected,
  });
  return { ...texts, ...source.locate(issue.path), code: params?.code ?? fallback };
}

function describeExpected(issue: z.core.$ZodIssue, schema: z.ZodType | undefined): string {
  if (issue.code === 'custom' || issue.code === 'invalid_format') return issue.message;
  if (issue.code === 'invalid_value') return `expected one of ${issue.values.map((v) => String(v)).join(', ')}`;
  const description = schema?.description;
  if (description) return `expected ${description}`;
  if (issue.code === 'invalid_type') return `expected ${issue.expected}`;
  return issue.message.replace(/^[A-Z]/, (c) => c.toLowerCase());
}

/** The schema that validates the value at `path`, looking through optional/default wrappers. */
function schemaAt(schema: z.ZodType, path: readonly PropertyKey[]): z.ZodType | undefined {
  let current: z.ZodType | undefined = schema;
  for (const segment of path) {
    current = unwrap(current);
    const def = current?._zod.def as { type: string; shape?: Record<string, z.ZodType>; element?: z.ZodType };
    if (def?.type === 'object') current = def.shape?.[String(segment)];
    else if (def?.type === 'array') current = def.element;
    else return undefined;
  }
  return current?.description ? current : unwrap(current);
}

function unwrap(schema: z.ZodType | undefined): z.ZodType | undefined {
  let current = schema;
  while (current && current.description === undefined) {
    const def = current._zod.def as { type: string; innerType?: z.ZodType };
    if ((def.type === 'optional' || def.type === 'default') && def.innerType) current = def.innerType;
    else break;
  }
  return current;
}

/** e.g. ["key_results", 1, "target"] → "key_results[1].target" */
function formatPath(path: readonly PropertyKey[]): string {
  return path.map((s, i) => (typeof s === 'number' ? `[${s}]` : i === 0 ? String(s) : `.${String(s)}`)).join('');
}

function valueAt(data: unknown, path: readonly PropertyKey[]): unknown {
  let current = data;
  for (const segment of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<PropertyKey, unknown>)[segment];
  }
  return current;
}

/**
 * A copy of `data` without the value at `path`. The cut is made at the deepest list item or entry of
 * a record on the path (a bad check-in drops that check-in, not its key result; a bad self-rating
 * drops that rating, not the others), else at the top-level key.
 */
function withoutPath(data: unknown, path: readonly PropertyKey[], schema: z.ZodType): unknown {
  let cut = 1;
  let current: z.ZodType | undefined = schema;
  for (const [i, segment] of path.entries()) {
    while (current && ['optional', 'default', 'nullable'].includes(current._zod.def.type)) current = (current._zod.def as { innerType?: z.ZodType }).innerType;
    const def = current?._zod.def as { type: string; shape?: Record<string, z.ZodType>; element?: z.ZodType; valueType?: z.ZodType } | undefined;
    if (def?.type === 'array' || def?.type === 'record') cut = i + 1;
    current = def?.type === 'object' ? def.shape?.[String(segment)] : def?.type === 'array' ? def.element : def?.type === 'record' ? def.valueType : undefined;
  }
  return removeAt(data, path.slice(0, cut));
}

function removeAt(data: unknown, path: readonly PropertyKey[]): unknown {
  if (path.length === 0 || data === null || typeof data !== 'object') return data;
  const [head, ...rest] = path;
  if (Array.isArray(data)) {
    if (rest.length === 0) return data.filter((_, i) => i !== head);
    return data.map((item, i) => (i === head ? removeAt(item, rest) : item));
  }
  const copy = { ...(data as Record<PropertyKey, unknown>) };
  if (rest.length === 0) delete copy[head];
  else copy[head] = removeAt(copy[head], rest);
  return copy;
}
