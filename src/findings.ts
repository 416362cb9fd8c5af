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
 * The hash of the source of what turns a journal into findings: the ingest, the database stage (its
 * SQL checks among it), the evidence reader, the composition and this file; and the package's
 * manifest, whose version and dependencies change with an update. Read when a key is first made, not
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
  code = hash('sha1', [...folders, new URL('journal.ts', src), new URL('findings.ts', src), new URL('../package.json', src)].map((url) => readFileSync(url, 'utf8')).join('\0'));
  return code;
}

/**
 * The key of the journal's findings as it is now (its entry files as `listing` found them), or null
 * when journal.yml or a settling file cannot be read. A settling file (no stamp in the listing) is
 * keyed by the hash of its bytes: from `loaded` (path → hash of the bytes a load read; a path
 * missing there gives no key), else read now.
 */
export async function findingsKey(journalDir: string, listing: JournalListing, loaded?: ReadonlyMap<string, string>): Promise<string | null> {
  const [settings, commits, calendar] = await Promise.all([
    readFile(join(journalDir, 'journal.yml')).catch((error: NodeJS.ErrnoException) => (error.code === 'ENOENT' ? 'absent' : null)),
    readEvidenceFiles(journalDir, 'commits'),
    readEvidenceFiles(journalDir, 'calendar'),
  ]);
  if (settings === null) return null;
  const files: string[] = [];
  for (const [i, path] of listing.paths.entries()) {
    const stamp = listing.stamps[i];
    const content = stamp === null ? (loaded ? loaded.get(path) : contentHash(join(journalDir, path))) : undefined;
    if (stamp === null && content === undefined) return null;
    files.push(stamp === null ? `${path}\0bytes:${content}` : `${path}\0${stamp}`);
  }
  const parts = [codeHash(), JSON.stringify(listing.diagnostics), ...files, ...[...commits, ...calendar].map((f) => `${f.path}\0${f.text}`)];
  return hash('sha1', [hash('sha1', settings), ...parts].join('\n'));
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

/** The findings kept under `key`, or null when none are (another key, or no readable record). */
export async function readFindings(stem: string, key: string): Promise<Diagnostic[] | null> {
  try {
    const record = JSON.parse(await readFile(`${stem}.findings.json`, 'utf8')) as { key?: unknown; diagnostics?: unknown };
    return record.key === key && Array.isArray(record.diagnostics) ? (record.diagnostics as Diagnostic[]) : null;
  } catch {
    return null;
  }
}

/** Keeps the findings under `key`, atomically; a cache folder that cannot be written keeps none (the next check takes the full path). */
export async function writeFindings(stem: string, key: string, diagnostics: readonly Diagnostic[]): Promise<void> {
  const path = `${stem}.findings.json`;
  const partial = `${path}.${process.pid}.partial`;
  try {
    await mkdir(join(stem, '..'), { recursive: true });
    await writeFile(partial, JSON.stringify({ key, diagnostics }), { mode: 0o600 });
    await rename(partial, path);
  } catch {
    // Only a shortcut is lost.
  }
}
