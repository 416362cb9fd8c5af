/**
 * What a journal file is before it is parsed: its kind, from its path, and its text, from its bytes.
 * A module of its own, light to load: reading the journal (read.ts) needs these, not the parsers.
 */
import { diagnose, type Diagnostic } from './diagnostics.ts';
import type { EntryKind } from './sections.ts';

/**
 * The date a file's name holds, "YYYY-MM-DD" (written with - or _), as written: it may not be a
 * calendar date. An entry's date is its `date:`, else this (kinds.ts); `new daily` finds the last
 * log by it.
 */
export function dateInFileName(path: string): string | undefined {
  return /(?:^|\/)(\d{4}[-_]\d{2}[-_]\d{2})[^/]*\.md$/.exec(path)?.[1].replaceAll('_', '-');
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
