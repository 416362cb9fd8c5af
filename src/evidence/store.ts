/**
 * Imported evidence lives in the journal, beside what the person wrote, as JSON Lines that git
 * reviews and diffs: evidence/commits/<repository>.jsonl and evidence/calendar/<calendar>.jsonl.
 * They are facts the person did not type, so they are not in the DuckDB cache alone: a cache rebuild
 * (or a fresh clone) loads them again, and `import` only adds to them.
 */
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { readTextOrNull, replaceFile, withFileLock } from '../files.ts';
import type { z } from 'zod';

/** The folder of each kind of evidence, under the journal. */
export const EVIDENCE_FOLDERS = { commits: 'evidence/commits', calendar: 'evidence/calendar' } as const;
export type EvidenceKind = keyof typeof EVIDENCE_FOLDERS;

/** A file name for a repository or calendar name: "payments api" → "payments-api.jsonl". */
export function evidenceFile(kind: EvidenceKind, name: string): string {
  const safe = name.replace(/[^\w.-]+/g, '-').replace(/^[.-]+/, '') || 'unnamed';
  return `${EVIDENCE_FOLDERS[kind]}/${safe}.jsonl`;
}

/** One valid record and where it was read. */
export interface Located<T> {
  record: T;
  /** Relative to the journal, e.g. "evidence/commits/api.jsonl". */
  path: string;
  line: number;
}

/** A line that is not a valid record. */
export interface BadLine {
  path: string;
  line: number;
  message: string;
}

/** One evidence file as read: path relative to the journal, and its text. */
export interface EvidenceFile {
  path: string;
  text: string;
}

/** Reads every .jsonl file of one kind, sorted by name. */
export async function readEvidenceFiles(journalDir: string, kind: EvidenceKind): Promise<EvidenceFile[]> {
  const folder = EVIDENCE_FOLDERS[kind];
  const names = await readdir(join(journalDir, folder)).catch(() => [] as string[]);
  const files: EvidenceFile[] = [];
  for (const name of names.filter((n) => n.endsWith('.jsonl')).sort()) {
    const path = `${folder}/${name}`;
    files.push({ path, text: (await readTextOrNull(join(journalDir, path))) ?? '' });
  }
  return files;
}

/** Parses and validates every line of the files; bad lines are reported, never fatal. */
export function parseEvidence<T>(files: readonly EvidenceFile[], kind: EvidenceKind, schema: z.ZodType<T>): { records: Located<T>[]; bad: BadLine[] } {
  const records: Located<T>[] = [];
  const bad: BadLine[] = [];
  for (const { path, text } of files) {
    for (const [i, line] of text.split('\n').entries()) {
      if (!line.trim()) continue;
      let value: unknown;
      try {
        value = JSON.parse(line);
      } catch {
        bad.push({ path, line: i + 1, message: 'This line is not JSON' });
        continue;
      }
      const parsed = schema.safeParse(value);
      if (parsed.success) records.push({ record: parsed.data, path, line: i + 1 });
      else bad.push({ path, line: i + 1, message: `This line is not a ${kind === 'commits' ? 'commit' : 'calendar event'}: ${parsed.error.issues[0].path.join('.') || 'record'} ${parsed.error.issues[0].message}` });
    }
  }
  return { records, bad };
}

/** Adds records at the end of an evidence file, atomically; what is there stays byte for byte. Returns the file's text as written. */
export async function appendEvidence(journalDir: string, path: string, records: readonly unknown[]): Promise<string> {
  const file = join(journalDir, path);
  if (records.length === 0) return (await readTextOrNull(file)) ?? '';
  return withFileLock(file, async () => {
    const before = (await readTextOrNull(file)) ?? '';
    const separator = before === '' || before.endsWith('\n') ? '' : '\n';
    const text = before + separator + records.map((r) => JSON.stringify(r)).join('\n') + '\n';
    await replaceFile(file, text);
    return text;
  });
}

/** Replaces an evidence file with these records, atomically (a calendar export is a whole snapshot). */
export async function writeEvidence(journalDir: string, path: string, records: readonly unknown[]): Promise<void> {
  const file = join(journalDir, path);
  await withFileLock(file, () => replaceFile(file, records.map((r) => JSON.stringify(r) + '\n').join('')));
}
