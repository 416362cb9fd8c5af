/**
 * What `check` found, kept beside the DuckDB cache under a key of everything the findings are made
 * from: every entry file's path and stamp (size, times and inode, src/ingest/list.ts), the links not
 * followed, journal.yml's bytes, the evidence files' text, and the code that reads, loads and checks
 * them. A `check` whose key is the kept one prints the kept findings without opening the database or
 * loading the parsers and the settings' schema; any other key takes the full path, which keeps its
 * findings under the new key. A file changed under SETTLE_MS ago has no stamp to trust, so a journal
 * holding one has no key, and its check takes the full path.
 *
 * Light to load on purpose: the listing, hashing and JSON, nothing else.
 */
import { hash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
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
 * when some file changed too recently (or journal.yml cannot be read) to tell.
 */
export async function findingsKey(journalDir: string, listing: JournalListing): Promise<string | null> {
  const [settings, commits, calendar] = await Promise.all([
    readFile(join(journalDir, 'journal.yml')).catch((error: NodeJS.ErrnoException) => (error.code === 'ENOENT' ? 'absent' : null)),
    readEvidenceFiles(journalDir, 'commits'),
    readEvidenceFiles(journalDir, 'calendar'),
  ]);
  if (settings === null || listing.stamps.includes(null)) return null;
  const parts = [codeHash(), JSON.stringify(listing.diagnostics), ...listing.paths.map((path, i) => `${path}\0${listing.stamps[i]}`), ...[...commits, ...calendar].map((f) => `${f.path}\0${f.text}`)];
  return hash('sha1', [hash('sha1', settings), ...parts].join('\n'));
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
