/**
 * One journal file → the table rows it contributes and the diagnostics it earns. Pure: no I/O, and
 * a broken file yields diagnostics plus whatever of it could still be read, never an exception.
 */
import type { Rows } from '../db/tables.ts';
import { diagnose, type Diagnostic } from './diagnostics.ts';
import { parseFrontMatter, type SplitFile } from './frontmatter.ts';
import { KIND_PARSERS, type EntryKind } from './kinds.ts';
import { validateNesting } from './markdown.ts';
import { parseBodyLinks } from './links.ts';
import { structureParser } from './markdown.ts';
import type { Root } from 'mdast';
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
  if (parts[0] === 'yearly' && parts.length === 2) return 'yearly';
  return 'unrecognized';
}

const decoder = new TextDecoder('utf-8', { fatal: true });

/** Decodes UTF-8 (BOM dropped), or explains why the bytes are not text. */
export function decodeText(bytes: Uint8Array, file: string): { text: string | null; diagnostics: Diagnostic[] } {
  const notText = (reason: 'nul' | 'utf8'): { text: null; diagnostics: Diagnostic[] } => ({
    text: null,
    diagnostics: [diagnose('file-not-text', { file, line: 1, column: 1 }, { reason })],
  });
  if (bytes.includes(0)) return notText('nul');
  let text: string;
  try {
    text = decoder.decode(bytes);
  } catch {
    return notText('utf8');
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
      diagnostics: [diagnose('file-unrecognized', { file: path, line: 1, column: 1 })],
    };
  }
  const decoded = decodeText(bytes, path);
  if (decoded.text === null) return { kind, rows: {}, diagnostics: decoded.diagnostics };
  if (decoded.text.trim() === '') {
    return {
      kind,
      rows: {},
      diagnostics: [diagnose('file-empty', { file: path, line: 1, column: 1 })],
    };
  }
  const split: SplitFile = parseFrontMatter(decoded.text, path);
  const tooDeep = validateNesting(split.body, path, split.bodyLine);
  if (tooDeep) return { kind, rows: {}, diagnostics: [...split.diagnostics, tooDeep] };
  // The body's Markdown tree, parsed once for its sections and its links.
  const tree = structureParser.parse(split.body) as Root;
  const result = KIND_PARSERS[kind]({ path, split, config, tree });
  // A link is as private as the entry it is written in; an entry that did not load keeps its links private.
  const rows = Object.values(result.rows).flat() as { private?: boolean | null }[];
  const isPrivate = rows.length === 0 || rows.some((row) => row.private !== false);
  const links = parseBodyLinks(split.body, split.bodyLine, tree).map((link) => ({ path, ...link, private: isPrivate }));
  return { kind, rows: { ...result.rows, links }, diagnostics: [...split.diagnostics, ...result.diagnostics] };
}
