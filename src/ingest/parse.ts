/**
 * One journal file → the table rows it contributes and the diagnostics it earns. Pure: no I/O, and
 * a broken file yields diagnostics plus whatever of it could still be read, never an exception.
 */
import type { Rows } from '../db/tables.ts';
import { diagnose, type Diagnostic } from './diagnostics.ts';
import { parseFrontMatter, type SplitFile } from './frontmatter.ts';
import { KIND_PARSERS, type EntryKind } from './kinds.ts';
import { decodeText, kindOf } from './entry-file.ts';
import { simpleTree, structureParser, validateNesting } from './markdown.ts';
import { parseBodyLinks } from './links.ts';
import type { JournalConfig } from './schema.ts';

/** What one file contributed. */
export interface ParsedFile {
  kind: EntryKind | null;
  rows: Rows;
  diagnostics: Diagnostic[];
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
  // The body's Markdown tree, parsed once for its sections and its links. A simple body nests no
  // list or quote (simpleTree); any other is held to MAX_NESTING_COLUMNS before remark reads it.
  const simple = simpleTree(split.body);
  const tooDeep = simple ? null : validateNesting(split.body, path, split.bodyLine);
  if (tooDeep) return { kind, rows: {}, diagnostics: [...split.diagnostics, tooDeep] };
  const tree = simple ?? (structureParser().parse(split.body));
  const result = KIND_PARSERS[kind]({ path, split, config, tree });
  // A link is as private as the entry it is written in; an entry that did not load keeps its links private.
  const rows = Object.values(result.rows).flat() as { private?: boolean | null }[];
  const isPrivate = rows.length === 0 || rows.some((row) => row.private !== false);
  const links = parseBodyLinks(split.body, split.bodyLine, tree).map((link) => ({ path, ...link, private: isPrivate }));
  return { kind, rows: { ...result.rows, links }, diagnostics: [...split.diagnostics, ...result.diagnostics] };
}
