/**
 * Discovers and reads a journal's entry files: their listing with each file's stamp, and their bytes
 * and content hashes. Light to load (no parser, no schema): `check` keys its kept findings on the
 * listing alone (src/findings.ts).
 */
import { hash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { diagnose, type Diagnostic } from './diagnostics.ts';
import { kindOf } from './entry-file.ts';
import { JournalNotFoundError } from '../files.ts';

/** One Markdown file of the journal. */
export interface JournalFile {
  /** Relative to the journal root, with "/", e.g. "daily/2025/2025-02-07.md". */
  path: string;
  bytes: Uint8Array;
  /** SHA-1 of the bytes: an unchanged hash means the file need not be parsed again. */
  hash: string;
}

const SKIPPED_FOLDERS = new Set(['node_modules', 'dist']);

/** The journal's files and what could not be read. */
export interface JournalRead {
  files: JournalFile[];
  /** Links not followed and files that could not be read, one diagnostic each. */
  diagnostics: Diagnostic[];
}

/**
 * Lists the journal's entry files, sorted: Markdown outside hidden folders, node_modules, dist,
 * assessments/ and templates/. Symbolic links are not followed (one could lead out of the journal,
 * or in a circle): each earns a warning instead.
 */
export async function listJournalFiles(dir: string): Promise<{ paths: string[]; diagnostics: Diagnostic[] }> {
  let entries;
  try {
    entries = await readdir(dir, { recursive: true, withFileTypes: true });
  } catch (error) {
    throw new JournalNotFoundError(`No journal folder at ${dir}`, { cause: error });
  }
  // Each folder's path relative to the journal, worked out once for all of its files.
  const folders = new Map<string, string>();
  const folderOf = (parent: string) => {
    let folder = folders.get(parent);
    if (folder === undefined) {
      const path = relative(dir, parent).split(sep).join('/');
      folders.set(parent, (folder = path ? `${path}/` : ''));
    }
    return folder;
  };
  const visible = entries
    .map((entry) => ({ entry, path: folderOf(entry.parentPath) + entry.name }))
    .filter(({ path }) => !path.split('/').some((part, i, all) => (i < all.length - 1 && SKIPPED_FOLDERS.has(part)) || part.startsWith('.')));
  const diagnostics: Diagnostic[] = visible
    .filter(({ entry }) => entry.isSymbolicLink())
    .map(({ path }) => diagnose('file-symlink', { file: path, line: 1, column: 1 }));
  const paths = visible
    .filter(({ entry }) => entry.isFile() && entry.name.endsWith('.md'))
    .map(({ path }) => path)
    .filter((path) => kindOf(path) !== null) // drafts, templates and READMEs are not entries
    .sort();
  return { paths, diagnostics };
}

/**
 * Reads every entry file of the journal with its hash; a file that cannot be read is a diagnostic,
 * and the others are read.
 */
export async function readJournalFiles(dir: string): Promise<JournalRead> {
  const { paths, diagnostics } = await listJournalFiles(dir);
  const read = readFiles(dir, paths);
  return { files: read.files, diagnostics: [...diagnostics, ...read.diagnostics] };
}

/**
 * Reads `paths` (relative to `dir`) with their hashes. Synchronous reads on purpose: thousands of
 * small files read five times faster than through the thread pool (36 ms against 220 ms for ten
 * years of journal, docs/benchmarks.md).
 */
export function readFiles(dir: string, paths: readonly string[]): JournalRead {
  const files: JournalFile[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const path of paths) {
    try {
      const bytes = readFileSync(join(dir, path));
      files.push({ path, bytes, hash: hash('sha1', bytes) });
    } catch (error) {
      diagnostics.push(diagnose('file-unreadable', { file: path, line: 1, column: 1 }, { reason: describeReadError(error) }));
    }
  }
  return { files, diagnostics };
}

/**
 * How long after a file's last change its metadata is trusted to tell a later change: a write within
 * the file system's timestamp step (2 s on FAT, 1 s on HFS+ and some network shares) of the last one
 * can leave size and times as they were, so a file changed this recently is read again (as git
 * treats "racily clean" files).
 */
export const SETTLE_MS = 3000;

/** The journal's entry files as listed, each with what its metadata says, before any is read. */
export interface JournalListing {
  dir: string;
  /** Sorted, relative to the journal root, with "/". */
  paths: string[];
  /**
   * Per path: size, modification and change times and inode, as one string; null when the file
   * changed too recently for them to be trusted (SETTLE_MS), or could not be examined. A file whose
   * stamp equals the one stored with its hash is unchanged: every write sets the change time, which
   * no tool can set back (cp -p, rsync and tar restore the modification time only).
   */
  stamps: (string | null)[];
  /** Links not followed. */
  diagnostics: Diagnostic[];
}

/** Lists the journal's entry files with their stamps (listJournalFiles; `now` in ms since the epoch). */
export async function listJournal(dir: string, now = Date.now()): Promise<JournalListing> {
  const { paths, diagnostics } = await listJournalFiles(dir);
  const stamps = paths.map((path) => {
    try {
      const stat = statSync(join(dir, path), { bigint: true });
      if (!stat.isFile() || Number(stat.mtimeMs) > now - SETTLE_MS || Number(stat.ctimeMs) > now - SETTLE_MS) return null;
      return `${stat.size}:${stat.mtimeNs}:${stat.ctimeNs}:${stat.dev}:${stat.ino}`;
    } catch {
      return null;
    }
  });
  return { dir, paths, stamps, diagnostics };
}

/** e.g. "permission denied" for EACCES. */
export function describeReadError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  return code === 'EACCES' || code === 'EPERM' ? 'permission denied' : code === 'EISDIR' ? 'it is a folder' : code ?? String(error);
}
