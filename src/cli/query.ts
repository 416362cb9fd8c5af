import { journalCacheStem, keptFindings, storedJournalKey } from '../findings.ts';
import type { Diagnostic } from '../ingest/diagnostics.ts';
import { listJournal } from '../ingest/list.ts';
import { UsageError, type Command } from './command.ts';
import { Database, ReadOnlyError } from '../db/duckdb.ts';
import { renderCsv, renderTable, writeWarnings, type Io } from './output.ts';

export const query: Command = {
  name: 'query',
  help: `Usage: turbowork query "SQL" [--json | --csv]

Runs one SQL statement on the journal's DuckDB tables: days, wins, metrics, objectives, key_results,
check_ins, weekly_checkins, series, meetings, feedback, action_items, achievements, sprints, links.
The tables are a cache of the journal, opened read-only: only SELECT (with EXPLAIN, DESCRIBE,
SHOW, SUMMARIZE) runs; INSERT, UPDATE, DELETE, CREATE, COPY and the like are refused (exit 2).
Change the journal's files instead.

Options:
  --json   print an array of row objects (dates as YYYY-MM-DD)
  --csv    print CSV with a header row

Example:
  turbowork query "SELECT week, count(*) AS wins FROM wins JOIN days USING (date) GROUP BY week ORDER BY week"
`,
  options: { json: { type: 'boolean' }, csv: { type: 'boolean' } },
  async run(values, positionals, { io, journalDir, cacheDir, program }) {
    const sql = positionals.join(' ').trim();
    if (!sql) throw new UsageError('query needs an SQL statement, e.g. turbowork query "SELECT * FROM days LIMIT 5"');
    if (values.json && values.csv) throw new UsageError('choose one of --json and --csv');
    const { db, diagnostics } = (await openUpToDate(journalDir, cacheDir)) ?? (await openFully(journalDir, cacheDir, io));
    try {
      const errors = diagnostics.filter((d) => d.severity === 'error').length;
      if (errors > 0) io.stderr.write(`note: the journal has ${errors} error${errors === 1 ? '' : 's'}; run ${program} check\n`);
      let result;
      try {
        result = await db.readOnlyTable(sql);
      } catch (error) {
        if (error instanceof ReadOnlyError) throw new UsageError(`refused: ${error.message}. query only reads; change the journal's files instead.`, { cause: error });
        throw new UsageError(`SQL error: ${(error as Error).message}`, { cause: error });
      }
      if (values.json) io.stdout.write(JSON.stringify(result.rows, null, 2) + '\n');
      else if (values.csv) io.stdout.write(renderCsv(result.columns, result.rows));
      else io.stdout.write(renderTable(result.columns, result.rows));
      return 0;
    } finally {
      db.close();
    }
  },
};

/**
 * The cache read-only, when it holds the journal as it is now: the findings key of the journal's
 * files, settings, evidence and code (src/findings.ts) is the one the database says it holds, and
 * the findings kept beside it are under that key. Null otherwise (or when the file cannot be opened
 * read-only, say while `dev` holds it): then openFully. Loads neither the parsers nor the settings'
 * schema.
 */
async function openUpToDate(journalDir: string, cacheDir: string | null): Promise<{ db: Database; diagnostics: Diagnostic[] } | null> {
  if (cacheDir === null) return null;
  const stem = journalCacheStem(journalDir, cacheDir);
  const kept = await keptFindings(journalDir, stem, await listJournal(journalDir));
  if (!kept) return null;
  const db = await Database.open(`${stem}.duckdb`, { readOnly: true }).catch(() => null);
  if (db && (await storedJournalKey(db)) === kept.key) return { db, diagnostics: kept.diagnostics };
  db?.close();
  return null;
}

/**
 * The journal opened as every command opens it, which brings the cache up to date (and says so in
 * the database, for the next query's openUpToDate); then the cache is reopened read-only. An
 * in-memory database (the cache in use by another process) is a snapshot of this run.
 */
async function openFully(journalDir: string, cacheDir: string | null, io: Io): Promise<{ db: Database; diagnostics: Diagnostic[] }> {
  const { openJournal } = await import('../journal.ts');
  const journal = await openJournal({ journalDir, cacheDir });
  writeWarnings(journal.warnings, io);
  if (!journal.cachePath) return journal;
  journal.db.close();
  return { db: await Database.open(journal.cachePath, { readOnly: true }), diagnostics: journal.diagnostics };
}
