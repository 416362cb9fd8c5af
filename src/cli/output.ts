/**
 * Everything the CLI prints goes through here: the one owner of terminal colours (node:util
 * styleText, which honours NO_COLOR and FORCE_COLOR and stays plain when piped).
 */
import { styleText } from 'node:util';
import type { Writable } from 'node:stream';
import type { Diagnostic } from '../ingest/diagnostics.ts';

/** Where a command writes: data to stdout, progress and diagnostics to stderr. */
export interface Io {
  stdout: Writable;
  stderr: Writable;
  /** The current moment; injected so tests pin "today". */
  now: () => Date;
  env: NodeJS.ProcessEnv;
  /** How the user runs turbowork, as messages name it (programName); "turbowork" when unset. */
  program?: string;
}

/**
 * How the user started turbowork, for the commands messages suggest: "npm run tw --" from a
 * checkout (its npm scripts, or node src/cli/turbowork.js or main.ts), "npx turbowork" through npx, "turbowork"
 * when installed on PATH. `script` is process.argv[1].
 */
export function programName(env: NodeJS.ProcessEnv, script: string | undefined): string {
  // The script first: npm passes npm_lifecycle_event down to every process a script starts.
  if (script && /(^|[/\\])(main\.ts|turbowork\.js)$/.test(script)) return 'npm run tw --';
  return env.npm_lifecycle_event === 'npx' ? 'npx turbowork' : 'turbowork';
}

/** `text` with each suggested command named as the user runs it: "run turbowork check" → "run npm run tw -- check". */
export function nameCommands(text: string, program: string): string {
  return program === 'turbowork' ? text : text.replace(/\bturbowork(?= (?:[a-z<]|-h|--help))/g, program);
}

type Style = Parameters<typeof styleText>[0];

export function paint(style: Style, text: string, stream: Writable): string {
  return styleText(style, text, { stream: stream as NodeJS.WriteStream });
}

/** Diagnostics grouped by file, like a compiler, with a summary line. */
export function renderDiagnostics(diagnostics: readonly Diagnostic[], journalDir: string, stream: Writable): string {
  const lines: string[] = [];
  let file = '';
  for (const d of diagnostics) {
    if (d.file !== file) {
      file = d.file;
      lines.push('', paint('underline', `${journalDir.replace(/\/$/, '')}/${file}`, stream));
    }
    const severity = d.severity === 'error' ? paint('red', 'error  ', stream) : d.severity === 'warning' ? paint('yellow', 'warning', stream) : paint('cyan', 'info   ', stream);
    lines.push(`  ${`${d.line}:${d.column}`.padEnd(7)} ${severity}  ${d.message}  ${paint('dim', d.code, stream)}`);
    if (d.hint) lines.push(`  ${' '.repeat(7)}          ${paint('dim', d.hint, stream)}`);
  }
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = diagnostics.filter((d) => d.severity === 'warning').length;
  const infos = diagnostics.length - errors - warnings;
  const summary = `${errors} ${errors === 1 ? 'error' : 'errors'}, ${warnings} ${warnings === 1 ? 'warning' : 'warnings'}${infos > 0 ? `, ${infos} info` : ''}`;
  lines.push('', errors > 0 ? paint('red', `✖ ${summary}`, stream) : paint('green', `✔ ${summary}`, stream));
  return lines.join('\n').replace(/^\n/, '') + '\n';
}

/** A plain-text table with aligned columns; numbers right-aligned, lists joined with ", ". */
export function renderTable(columns: readonly string[], rows: readonly Record<string, unknown>[]): string {
  const cells = rows.map((row) => columns.map((c) => formatCell(row[c])));
  const widths = columns.map((c, i) => Math.min(60, Math.max(c.length, ...cells.map((r) => r[i].length))));
  const numeric = columns.map((c) => rows.length > 0 && rows.every((row) => row[c] === null || typeof row[c] === 'number'));
  const line = (values: string[]) =>
    values
      .map((v, i) => (v.length > widths[i] ? v.slice(0, widths[i] - 1) + '…' : numeric[i] ? v.padStart(widths[i]) : v.padEnd(widths[i])))
      .join('  ')
      .trimEnd();
  const out = [line([...columns]), widths.map((w) => '─'.repeat(w)).join('  '), ...cells.map(line)];
  out.push(`(${rows.length} ${rows.length === 1 ? 'row' : 'rows'})`);
  return out.join('\n') + '\n';
}

function formatCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (Array.isArray(value)) return value.map(formatCell).join(', ');
  if (typeof value === 'number') return Number.isInteger(value) ? String(value) : String(Math.round(value * 1000) / 1000);
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value).replace(/\s+/g, ' ');
}

/** RFC 4180 CSV; lists and objects as JSON text. */
export function renderCsv(columns: readonly string[], rows: readonly Record<string, unknown>[]): string {
  const cell = (value: unknown) => {
    const text = value === null || value === undefined ? '' : typeof value === 'object' ? JSON.stringify(value) : String(value);
    return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  };
  return [columns.map(cell).join(','), ...rows.map((row) => columns.map((c) => cell(row[c])).join(','))].join('\r\n') + '\r\n';
}

export { localDate } from '../ingest/dates.ts';

/** Warnings about the run itself (not the journal's files), e.g. a cache that had to be rebuilt. */
export function writeWarnings(warnings: readonly string[], io: Io): void {
  for (const warning of warnings) io.stderr.write(`turbowork: warning: ${warning}\n`);
}
