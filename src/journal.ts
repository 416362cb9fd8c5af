/**
 * The ingest and db stages composed: open a journal folder as DuckDB tables plus its diagnostics.
 * The database file under `.turbowork/` is only a cache; it can always be rebuilt from the journal.
 */
import { mkdir, rename, rm } from 'node:fs/promises';
import { Database } from './db/duckdb.ts';
import { loadJournal, type LoadResult } from './db/load.ts';
import { loadShareableViews } from './db/shareable.ts';
import { loadScores } from './scores/sql.ts';
import { compareDiagnostics, type Diagnostic } from './ingest/diagnostics.ts';
import { readEvidence } from './evidence/read.ts';
import { listJournal, readConfig, type JournalListing } from './ingest/read.ts';
import type { JournalConfig } from './ingest/schema.ts';
import { localDate } from './ingest/dates.ts';
import { findingsKey, journalCacheStem, JOURNAL_KEY, settlingFiles, storedJournalKey, writeFindings } from './findings.ts';

/**
 * The date a command reads the journal as of: its --as-of when given, else journal.yml's `as_of`
 * (a journal whose drafts must not change with the calendar, such as the sample), else today.
 */
export function journalAsOf(config: Pick<JournalConfig, 'as_of'>, now: Date, option?: string): string {
  return option ?? config.as_of ?? localDate(now);
}

/** journalAsOf for a command that has not opened the journal yet (journal.yml is read for it). */
export async function readJournalAsOf(journalDir: string, now: Date, option?: string): Promise<string> {
  return option ?? journalAsOf((await readConfig(journalDir)).config, now);
}

export interface OpenOptions {
  /** The journal folder, e.g. "./journal". */
  journalDir: string;
  /** Where the DuckDB cache lives; null keeps the database in memory. Default ".turbowork". */
  cacheDir?: string | null;
  /** Read when each entry was written from the journal's git history (the entry_history table). */
  history?: boolean;
  /**
   * False when the caller reads rows only (new daily): the cross-file checks are not run, and
   * `diagnostics` holds each file's own problems. Default true.
   */
  crossFileChecks?: boolean;
  /** The entry files as listed already (listJournal), when the caller needed them first (check, for its findings' key). */
  listing?: JournalListing;
  /** The clock, in ms since the epoch, that says which files changed too recently for their stamps to be trusted (tests move it on). */
  now?: () => number;
}

/** An opened journal. Close it to release the database. */
export interface Journal {
  db: Database;
  config: JournalConfig;
  /** Every problem found, sorted by file and position. */
  diagnostics: Diagnostic[];
  /** Why no model may be called (journal.yml's llm: or redact: cannot be read), or null. */
  modelBlocked: string | null;
  /** How much was parsed versus reused from the cache. */
  load: Omit<LoadResult, 'diagnostics'>;
  /** The cache file, or null when the database is in memory. */
  cachePath: string | null;
  /** What happened to the cache that the user should know (rebuilt, fell back to memory). */
  warnings: string[];
}

export async function openJournal({ journalDir, cacheDir = '.turbowork', history = false, crossFileChecks = true, listing, now = Date.now }: OpenOptions): Promise<Journal> {
  const { db, path: cachePath, warnings } = await openCache(journalDir, cacheDir);
  try {
    return { ...(await readInto(db, journalDir, { history, crossFileChecks, listing, now, cachePath })), cachePath, warnings };
  } catch (error) {
    db.close();
    throw error;
  }
}

/**
 * Brings a journal kept open (`dev` keeps one for as long as it runs) in line with its folder again:
 * the files, settings and evidence are read as openJournal reads them, and only the changed files
 * parsed. The journal stays open, also when reading fails.
 */
export async function refreshJournal(journal: Journal, journalDir: string, { history = false } = {}): Promise<Journal> {
  return { ...journal, ...(await readInto(journal.db, journalDir, { history, cachePath: journal.cachePath })), warnings: [] };
}

/**
 * Reads the journal into `db`. With a cache file (`cachePath`), the database and the file beside it
 * are told which state of the journal they now hold (src/findings.ts): the findings key is computed
 * before the load, a stored key that differs is dropped before anything is written, and the key is
 * stored again, with the findings kept under it, only when the settling files' bytes the load read
 * are those the key was made from. A reader that finds the key it computes stored (query) may then
 * use the tables as they are.
 */
async function readInto(db: Database, journalDir: string, { history = false, crossFileChecks = true, listing: listed, now = Date.now, cachePath = null }: Pick<OpenOptions, 'history' | 'crossFileChecks' | 'listing' | 'now'> & { cachePath?: string | null }): Promise<Omit<Journal, 'cachePath' | 'warnings'>> {
  const [listing, { config, diagnostics: configDiagnostics, modelBlocked }, evidence] = await Promise.all([listed ?? listJournal(journalDir, now()), readConfig(journalDir), readEvidence(journalDir, { history })]);
  // Rows read without the cross-file checks are not what a full opening holds: no key for them.
  const keyed = cachePath !== null && crossFileChecks;
  const [key, stored] = await Promise.all([keyed ? findingsKey(journalDir, listing) : null, storedJournalKey(db)]);
  if (stored !== null && stored !== key) await db.run(`DELETE FROM meta WHERE key = '${JOURNAL_KEY}'`);
  const { diagnostics: found, ...load } = await loadJournal(db, listing, config, evidence, { crossFileChecks });
  await loadScores(db, config);
  await loadShareableViews(db);
  const diagnostics = [...configDiagnostics, ...listing.diagnostics, ...found].sort(compareDiagnostics);
  if (key !== null && cachePath !== null) {
    const loaded = new Map((await db.all<{ path: string; hash: string }>('SELECT path, hash FROM files WHERE stamp IS NULL')).map((f) => [f.path, f.hash]));
    if ((await findingsKey(journalDir, listing, { loaded })) === key) {
      if (stored !== key) await db.run(`INSERT OR REPLACE INTO meta VALUES ('${JOURNAL_KEY}', $key)`, { key });
      await writeFindings(cachePath.replace(/\.duckdb$/, ''), key, settlingFiles(listing), diagnostics);
    }
  }
  return { db, config, diagnostics, modelBlocked, load };
}

/** A lock held by another DuckDB process (DuckDB's own wording). */
const LOCKED = /Could not set lock|Conflicting lock|lock on file/i;

/**
 * One cache file per journal folder. A file another process holds (a running `dev`) leaves this run
 * in memory; a file that cannot be opened (damaged, or from another DuckDB version) is moved aside
 * and rebuilt. Both say so in `warnings`.
 */
async function openCache(journalDir: string, cacheDir: string | null): Promise<{ db: Database; path: string | null; warnings: string[] }> {
  if (cacheDir === null) return { db: await Database.open(':memory:'), path: null, warnings: [] };
  await mkdir(cacheDir, { recursive: true });
  const path = `${journalCacheStem(journalDir, cacheDir)}.duckdb`;
  try {
    return { db: await Database.open(path), path, warnings: [] };
  } catch (error) {
    const reason = (error as Error).message.split('\n')[0];
    if (LOCKED.test(reason)) {
      return { db: await Database.open(':memory:'), path: null, warnings: [`the cache ${path} is in use by another process (${reason}); this run reads the journal into memory`] };
    }
    await rename(path, `${path}.broken`).catch(() => undefined);
    await rm(`${path}.wal`, { force: true });
    try {
      return { db: await Database.open(path), path, warnings: [`the cache ${path} could not be opened (${reason}); it was moved to ${path}.broken and rebuilt from the journal`] };
    } catch (again) {
      return { db: await Database.open(':memory:'), path: null, warnings: [`the cache ${path} could not be opened or rebuilt (${(again as Error).message.split('\n')[0]}); this run reads the journal into memory`] };
    }
  }
}
