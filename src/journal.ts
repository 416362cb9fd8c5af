/**
 * The ingest and db stages composed: open a journal folder as DuckDB tables plus its diagnostics.
 * The database file under `.turbowork/` is only a cache; it can always be rebuilt from the journal.
 */
import { hash } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { Database } from './db/duckdb.ts';
import { loadJournal, type LoadResult } from './db/load.ts';
import { loadShareableViews } from './db/shareable.ts';
import { loadScores } from './scores/sql.ts';
import { compareDiagnostics, type Diagnostic } from './ingest/diagnostics.ts';
import { readConfig, readJournalFiles } from './ingest/read.ts';
import type { JournalConfig } from './ingest/schema.ts';

export interface OpenOptions {
  /** The journal folder, e.g. "./journal". */
  journalDir: string;
  /** Where the DuckDB cache lives; null keeps the database in memory. Default ".turbowork". */
  cacheDir?: string | null;
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
}

export async function openJournal({ journalDir, cacheDir = '.turbowork' }: OpenOptions): Promise<Journal> {
  const [files, { config, diagnostics: configDiagnostics, modelBlocked }] = await Promise.all([readJournalFiles(journalDir), readConfig(journalDir)]);
  const db = await openCache(journalDir, cacheDir);
  try {
    const { diagnostics, ...load } = await loadJournal(db, files, config);
    await loadScores(db, config);
    await loadShareableViews(db);
    return { db, config, diagnostics: [...configDiagnostics, ...diagnostics].sort(compareDiagnostics), modelBlocked, load };
  } catch (error) {
    db.close();
    throw error;
  }
}

/** One cache file per journal folder; falls back to memory when the file is locked by another process. */
async function openCache(journalDir: string, cacheDir: string | null): Promise<Database> {
  if (cacheDir === null) return Database.open(':memory:');
  await mkdir(cacheDir, { recursive: true });
  const name = `journal-${hash('sha1', resolve(journalDir)).slice(0, 12)}.duckdb`;
  try {
    return await Database.open(join(cacheDir, name));
  } catch {
    return Database.open(':memory:');
  }
}
