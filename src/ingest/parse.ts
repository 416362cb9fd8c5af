/**
 * One journal file → the table rows it contributes and the diagnostics it earns. Pure: no I/O, and
 * a broken file yields diagnostics plus whatever of it could still be read, never an exception.
 */
import type { Rows } from '../db/tables.ts';
import type { Diagnostic } from './diagnostics.ts';
import { parseFrontMatter, type SplitFile } from './frontmatter.ts';
import { KIND_PARSERS, type EntryKind } from './kinds.ts';
import { validateNesting } from './markdown.ts';
import type { JournalConfig } from './schema.ts';

/** What one file contributed. */
export interface ParsedFile {
  kind: EntryKind | null;
  rows: Rows;
  diagnostics: Diagnostic[];
}

/** Which kind of entry a path (relative to the journal, with "/") holds; null for files we skip. */
export function kindOf(path: string): EntryKind | 'unrecognized' | null {
  const parts = path.split('/');
  const name = parts.at(-1)!;
  if (!name.endsWith('.md') || name.startsWith('.') || parts.some((p) => p.startsWith('.'))) return null;
  if (name.toLowerCase() === 'readme.md' || ['assessments', 'templates'].includes(parts[0])) return null;
  if (parts[0] === 'daily') return 'daily';
  if (parts[0] === 'weekly' && parts.length === 2) return 'weekly';
  if (parts[0] === 'okrs' && parts.length >= 2) return 'objective';
  if (parts[0] === 'one-on-ones' && parts.length === 3) return name === '_series.md' ? 'series' : 'meeting';
  if (parts[0] === 'achievements' && parts.length === 2) return 'achievement';
  if (parts[0] === 'sprints' && parts.length === 2) return 'sprint';
  return 'unrecognized';
}

const decoder = new TextDecoder('utf-8', { fatal: true });

/** Decodes UTF-8 (BOM dropped), or explains why the bytes are not text. */
export function decodeText(bytes: Uint8Array, file: string): { text: string | null; diagnostics: Diagnostic[] } {
  const notText = (message: string): { text: null; diagnostics: Diagnostic[] } => ({
    text: null,
    diagnostics: [{ file, line: 1, column: 1, severity: 'error', code: 'file-not-text', message, hint: 'Journal files must be UTF-8 text; move other files out of the journal.' }],
  });
  if (bytes.includes(0)) return notText('The file contains NUL bytes: it looks binary, not text');
  let text: string;
  try {
    text = decoder.decode(bytes);
  } catch {
    return notText('The file is not valid UTF-8');
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  return { text, diagnostics: [] };
}

/** Parses one file. `config` supplies the fiscal year, which places quarters in time. */
export function parseFile(path: string, bytes: Uint8Array, config: JournalConfig): ParsedFile {
  const kind = kindOf(path);
  if (kind === null) return { kind: null, rows: {}, diagnostics: [] };
  if (kind === 'unrecognized') {
    return {
      kind: null,
      rows: {},
      diagnostics: [{ file: path, line: 1, column: 1, severity: 'warning', code: 'file-unrecognized', message: 'This file is not in a folder turbowork reads, so it is ignored', hint: 'Move it under daily/, weekly/, okrs/, one-on-ones/, achievements/ or sprints/, or name it README.md.' }],
    };
  }
  const decoded = decodeText(bytes, path);
  if (decoded.text === null) return { kind, rows: {}, diagnostics: decoded.diagnostics };
  if (decoded.text.trim() === '') {
    return {
      kind,
      rows: {},
      diagnostics: [{ file: path, line: 1, column: 1, severity: 'warning', code: 'file-empty', message: 'The file is empty, so it adds nothing', hint: `Write the entry, or delete the file; \`turbowork new\` creates one from a template.` }],
    };
  }
  const split: SplitFile = parseFrontMatter(decoded.text, path);
  const tooDeep = validateNesting(split.body, path, split.bodyLine);
  if (tooDeep) return { kind, rows: {}, diagnostics: [...split.diagnostics, tooDeep] };
  const result = KIND_PARSERS[kind]({ path, split, config });
  return { kind, rows: result.rows, diagnostics: [...split.diagnostics, ...result.diagnostics] };
}
