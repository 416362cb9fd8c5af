/**
 * What a journal's opening found, kept beside the DuckDB cache under a key of everything the findings
 * are made from: every entry file's path and stamp (size, times and inode, src/ingest/list.ts), the
 * links not followed, journal.yml's bytes, the evidence files' text, and the code that reads, loads
 * and checks them. A file changed under SETTLE_MS ago has no stamp to trust: its part of the key is
 * the hash of its bytes instead.
 *
 * The same key, stored in the database's `meta` table (JOURNAL_KEY), says which state of the journal
 * its tables hold. openJournal (src/journal.ts) keeps both when it has brought the cache up to date.
 * A `check` whose key is the kept one prints the kept findings without opening the database or
 * loading the parsers and the settings' schema; a `query` whose key is both the kept one and the
 * database's opens the database read-only at once (src/cli/query.ts). Any other key takes the full
 * path, which keeps its findings under the new key.
 *
 * Light to load on purpose: the listing, hashing and JSON, nothing else.
 */
import { hash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Database } from './db/duckdb.ts';
import type { Diagnostic } from './ingest/diagnostics.ts';
import type { JournalListing } from './ingest/list.ts';
import { readEvidenceFiles } from './evidence/store.ts';

/** The cache files of one journal folder, "<cacheDir>/journal-<hash of its path>" + an extension. */
export function journalCacheStem(journalDir: string, cacheDir: string): string {
  return join(cacheDir, `journal-${hash('sha1', resolve(journalDir)).slice(0, 12)}`);
}

/**
 * The hash of the source of what turns a journal into findings and tables: the ingest, the database
 * stage (its SQL checks and the shareable views among it), the evidence reader, the score views and
 * their loader (src/scores/*.sql, sql.ts), the composition and this file; and the package's manifest,
 * whose version and dependencies change with an update. Read when a key is first made, not
 * when this module loads: journal.ts, which every command that opens the journal loads, imports it.
 */
let code: string | undefined;
function codeHash(): string {
  if (code !== undefined) return code;
  const src = new URL('./', import.meta.url);
  const folders = ['ingest/', 'db/', 'evidence/'].flatMap((folder) =>
    readdirSync(new URL(folder, src))
      .filter((name) => /\.(ts|sql)$/.test(name) && !name.endsWith('.test.ts'))
      .sort()
      .map((name) => new URL(folder + name, src)),
  );
  const scores = readdirSync(new URL('scores/', src)).filter((name) => name.endsWith('.sql')).sort().map((name) => new URL(`scores/${name}`, src));
  code = hash('sha1', [...folders, ...scores, new URL('scores/sql.ts', src), new URL('journal.ts', src), new URL('findings.ts', src), new URL('../package.json', src)].map((url) => readFileSync(url, 'utf8')).join('\0'));
  return code;
}

/**
 * The key of the journal's findings as it is now (its entry files as `listing` found them), or null
 * when journal.yml or a file keyed by its bytes cannot be read. A settling file (no stamp in the
 * listing), and any file of `byBytes` (those that were settling when a kept key was made), is keyed
 * by the hash of its bytes: from `loaded` (path → hash of the bytes a load read; a path missing
 * there gives no key), else read now.
 */
export async function findingsKey(journalDir: string, listing: JournalListing, { loaded, byBytes = [] }: { loaded?: ReadonlyMap<string, string>; byBytes?: readonly string[] } = {}): Promise<string | null> {
  const [settings, commits, calendar] = await Promise.all([
    readFile(join(journalDir, 'journal.yml')).catch((error: NodeJS.ErrnoException) => (error.code === 'ENOENT' ? 'absent' : null)),
    readEvidenceFiles(journalDir, 'commits'),
    readEvidenceFiles(journalDir, 'calendar'),
  ]);
  if (settings === null) return null;
  const keptByBytes = new Set(byBytes);
  const files: string[] = [];
  for (const [i, path] of listing.paths.entries()) {
    const stamp = listing.stamps[i];
    if (stamp !== null && !keptByBytes.has(path)) {
      files.push(`${path}\0${stamp}`);
      continue;
    }
    const content = loaded ? loaded.get(path) : contentHash(join(journalDir, path));
    if (content === undefined) return null;
    files.push(`${path}\0bytes:${content}`);
  }
  const parts = [codeHash(), JSON.stringify(listing.diagnostics), ...files, ...[...commits, ...calendar].map((f) => `${f.path}\0${f.text}`)];
  return hash('sha1', [hash('sha1', settings), ...parts].join('\n'));
}

/** The files of `listing` that are settling (no stamp to trust): those its key holds by their bytes. */
export function settlingFiles(listing: JournalListing): string[] {
  return listing.paths.filter((_, i) => listing.stamps[i] === null);
}

/** The SHA-1 of a file's bytes (as src/ingest/list.ts's readFiles hashes them), or undefined when it cannot be read. */
function contentHash(path: string): string | undefined {
  try {
    return hash('sha1', readFileSync(path));
  } catch {
    return undefined;
  }
}

/** The row of the database's `meta` table that holds the findings key of the journal its tables hold. */
export const JOURNAL_KEY = 'journal_key';

/** The findings key of the journal state the database's tables hold, or null when none is stored. */
export async function storedJournalKey(db: Database): Promise<string | null> {
  try {
    const [row] = await db.all<{ value: string }>(`SELECT value FROM meta WHERE key = '${JOURNAL_KEY}'`);
    return row?.value ?? null;
  } catch {
    return null; // no meta table yet
  }
}

/**
 * The findings kept beside the cache with the key they were kept under, when that key is the
 * journal's as `listing` found it (the files that were settling then keyed by their bytes again, so
 * a file that has settled since, unchanged, still matches); else null.
 */
export async function keptFindings(journalDir: string, stem: string, listing: JournalListing): Promise<{ key: string; diagnostics: Diagnostic[] } | null> {
  let record: { key?: unknown; byBytes?: unknown; diagnostics?: unknown };
  try {
    record = JSON.parse(await readFile(`${stem}.findings.json`, 'utf8')) as typeof record;
  } catch {
    return null;
  }
  if (typeof record.key !== 'string' || !Array.isArray(record.diagnostics)) return null;
  const byBytes = Array.isArray(record.byBytes) ? record.byBytes.filter((path): path is string => typeof path === 'string') : [];
  const key = await findingsKey(journalDir, listing, { byBytes });
  return key === record.key ? { key, diagnostics: record.diagnostics as Diagnostic[] } : null;
}

/**
 * Keeps the findings under `key`, made with the files of `byBytes` keyed by their bytes, atomically;
 * a cache folder that cannot be written keeps none (the next check takes the full path).
 */
export async function writeFindings(stem: string, key: string, byBytes: readonly string[], diagnostics: readonly Diagnostic[]): Promise<void> {
  const path = `${stem}.findings.json`;
  const partial = `${path}.${process.pid}.partial`;
  try {
    await mkdir(join(stem, '..'), { recursive: true });
    await writeFile(partial, JSON.stringify({ key, byBytes, diagnostics }), { mode: 0o600 });
    await rename(partial, path);
  } catch {
    // Only a shortcut is lost.
  }
}
