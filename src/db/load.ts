/**
 * Loads parsed files into DuckDB, incrementally: a file whose content hash is already stored is
 * not parsed again; changed and deleted files have their rows replaced. A file whose stamp (size,
 * times and inode, src/ingest/read.ts) is the one stored with its hash is not even read. Per-file
 * diagnostics are stored beside the rows, so an unchanged broken file still reports its problems.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { hash } from 'node:crypto';
import { compareDiagnostics, diagnose, type Diagnostic } from '../ingest/diagnostics.ts';
import { validateRatings, type WrittenRating } from '../ingest/ratings.ts';
import { readFiles, type JournalFile, type JournalListing } from '../ingest/read.ts';
import type { JournalConfig } from '../ingest/schema.ts';
import { NO_EVIDENCE, type Evidence } from '../evidence/read.ts';
import type { Database } from './duckdb.ts';
import { CACHE_DDL, renderTablesDdl, TABLES, type Row, type TableName } from './tables.ts';

/**
 * The parser's own source: when any of it changes (say, after pulling a turbowork update), what a
 * file produces may change too, so caches made by other code are rebuilt.
 */
const ingestFolder = new URL('../ingest/', import.meta.url);
const PARSER_SOURCE = readdirSync(ingestFolder)
  .filter((name) => name.endsWith('.ts') && !name.endsWith('.test.ts'))
  .sort()
  .map((name) => readFileSync(new URL(name, ingestFolder), 'utf8'))
  .join('\n');
const CHECKS_SQL = readFileSync(new URL('./checks.sql', import.meta.url), 'utf8');
const NUDGES_SQL = readFileSync(new URL('./nudges.sql', import.meta.url), 'utf8');

/** What a load did, for progress output and benchmarks. */
export interface LoadResult {
  /** Files read and hashed: those whose stamp did not vouch for the stored hash. */
  read: number;
  parsed: number;
  unchanged: number;
  removed: number;
  diagnostics: Diagnostic[];
}

/**
 * Brings the tables in line with the listed files. The cache is dropped when the parser, the tables
 * or the settings parsing depends on (the fiscal year) changed. `crossFileChecks: false` leaves the
 * cross-file checks out of the diagnostics, for a caller that reads rows only.
 */
export async function loadJournal(db: Database, listing: JournalListing, config: JournalConfig, evidence: Evidence = NO_EVIDENCE, { crossFileChecks = true } = {}): Promise<LoadResult> {
  const ddl = renderTablesDdl();
  const cacheKey = hash('sha1', [PARSER_SOURCE, CACHE_DDL, ddl, config.year_start].join('\n'));
  await db.run(CACHE_DDL);
  const [meta] = await db.all<{ value: string }>(`SELECT value FROM meta WHERE key = 'cache_key'`);
  // The tables and views are made when the key changes, and only then: a warm run writes nothing
  // it does not have to (every write is a checkpoint when the database closes).
  if (meta?.value !== cacheKey) {
    await db.run(Object.keys(TABLES).map((t) => `DROP TABLE IF EXISTS ${t};`).join('\n') + 'DROP TABLE files; DELETE FROM diagnostics;');
    await db.run(CACHE_DDL);
    await db.run(ddl);
    await db.run(`DELETE FROM meta WHERE key IN ('scores_key', 'evidence_key', 'history_key', 'checks_key', 'settings_key', 'shareable_key')`);
    await db.run(`INSERT OR REPLACE INTO meta VALUES ('cache_key', $key)`, { key: cacheKey });
  }
  // The entries' history, when it must be read, is started now: git runs while the files are parsed.
  const history = await startHistory(db, evidence);

  // One JSON value of [path, hash, stamp] triples: converted many times faster than as thousands of row objects.
  const [{ json }] = await db.all<{ json: string | null }>('SELECT CAST(to_json(list([path, hash, stamp])) AS VARCHAR) AS json FROM files');
  const stored = new Map((JSON.parse(json ?? '[]') as [string, string, string | null][]).map(([path, hash, stamp]) => [path, { hash, stamp }]));
  // Only files whose stamp does not vouch for their stored hash are read.
  const vouched = new Set(listing.paths.filter((path, i) => listing.stamps[i] !== null && stored.get(path)?.stamp === listing.stamps[i]));
  const { files, diagnostics: readDiagnostics } = readFiles(listing.dir, listing.paths.filter((path) => !vouched.has(path)));
  const changed = files.filter((file) => stored.get(file.path)?.hash !== file.hash);
  const present = new Set([...vouched, ...files.map((file) => file.path)]);
  const removed = [...stored.keys()].filter((path) => !present.has(path));
  const stampOf = new Map(listing.paths.map((path, i) => [path, listing.stamps[i]]));
  const restamped = files.filter((file) => stored.get(file.path)?.hash === file.hash && stored.get(file.path)?.stamp !== stampOf.get(file.path));

  if (changed.length > 0 || removed.length > 0 || restamped.length > 0) {
    await transaction(db, async () => {
      await forget(db, [...removed, ...changed.filter((f) => stored.has(f.path)).map((f) => f.path)]);
      await insert(db, changed, stampOf, config);
      await restamp(db, restamped, stampOf);
      // New stamps alone change no row the checks read.
      if (changed.length > 0 || removed.length > 0) await db.run(`DELETE FROM meta WHERE key = 'checks_key'`);
    });
  }

  await loadEvidence(db, evidence, history);

  const storedDiagnostics = await db.all<Diagnostic>(`SELECT file, line, "column", severity, code, message, hint FROM diagnostics`);
  const crossFile = crossFileChecks ? (await checkFindings(db, config)).map(checkDiagnostic) : [];
  // Checked here, not at parse time: journal.yml's competencies may change while a year's file does not.
  const ratings = validateRatings(await db.all<WrittenRating>(`SELECT year, competency, rating, path AS file, line, "column" FROM self_ratings`), config.competencies);
  const diagnostics = [...readDiagnostics, ...storedDiagnostics, ...crossFile, ...ratings].map(withoutNullHint).sort(compareDiagnostics);
  return { read: files.length, parsed: changed.length, unchanged: present.size - changed.length, removed: removed.length, diagnostics };
}

/**
 * Replaces the rows of these files, parsing each (`dev`, the moment a file is saved): what loadJournal
 * does for a changed file, without reading the rest of the journal. The cross-file checks are left to
 * the next loadJournal.
 */
export async function loadChangedFiles(db: Database, files: readonly JournalFile[], config: JournalConfig): Promise<void> {
  await transaction(db, async () => {
    await forget(db, files.map((file) => file.path));
    // No stamps: the next loadJournal reads these files again and stores theirs.
    await insert(db, files, new Map(), config);
    // Rows changed: the stored cross-file findings no longer hold, nor does the journal state the
    // tables were said to hold (src/findings.ts).
    await db.run(`DELETE FROM meta WHERE key IN ('checks_key', 'journal_key')`);
  });
}

/**
 * Imported evidence (commits, calendar events) comes from a few JSON Lines files, not from the
 * Markdown the cache tracks: it is reloaded whole when any of them changed (by their hash), and its
 * file problems are stored with the other diagnostics. The entries' history, when asked for, is a
 * `git log` read again only when its key changed (HEAD moved, the history was rewritten, the journal
 * left or entered git); when not asked for, the table keeps what the last build or assess read.
 */
async function loadEvidence(db: Database, evidence: Evidence, history: HistoryRead | null): Promise<void> {
  const [meta] = await db.all<{ value: string }>(`SELECT value FROM meta WHERE key = 'evidence_key'`);
  if (meta?.value !== evidence.key) {
    const { commits, calendar_events, diagnostics } = await evidence.parse();
    await transaction(db, async () => {
      await db.run(`DELETE FROM commits; DELETE FROM calendar_events; DELETE FROM diagnostics WHERE code = 'evidence-invalid';`);
      await db.append('commits', commits);
      await db.append('calendar_events', calendar_events);
      await db.appendRaw('diagnostics', diagnostics.map((d) => [d.file, d.line, d.column, d.severity, d.code, d.message, d.hint ?? null]));
      await db.run(`INSERT OR REPLACE INTO meta VALUES ('evidence_key', $key)`, { key: evidence.key });
      await db.run(`DELETE FROM meta WHERE key = 'checks_key'`);
    });
  }
  if (history) {
    const rows = await history.rows;
    await transaction(db, async () => {
      await db.run('DELETE FROM entry_history');
      await db.append('entry_history', rows);
      if (history.key === null) await db.run(`DELETE FROM meta WHERE key = 'history_key'`);
      else await db.run(`INSERT OR REPLACE INTO meta VALUES ('history_key', $key)`, { key: history.key });
    });
  }
}

/** The entries' history being read, and the key it is read under. */
interface HistoryRead {
  key: string | null;
  rows: Promise<Row<'entry_history'>[]>;
}

/** Starts reading the entries' history when it is asked for and the cache's is not current (its key differs, or there is none). */
async function startHistory(db: Database, { history }: Evidence): Promise<HistoryRead | null> {
  if (!history) return null;
  const [meta] = await db.all<{ value: string }>(`SELECT value FROM meta WHERE key = 'history_key'`);
  if (history.key !== null && meta?.value === history.key) return null;
  const rows = history.rows();
  rows.catch(() => undefined); // awaited in loadEvidence; a failure meanwhile is not an unhandled rejection
  return { key: history.key, rows };
}

async function transaction(db: Database, work: () => Promise<void>): Promise<void> {
  await db.run('BEGIN TRANSACTION');
  try {
    await work();
    await db.run('COMMIT');
  } catch (error) {
    await db.run('ROLLBACK');
    throw error;
  }
}

async function forget(db: Database, paths: string[]): Promise<void> {
  if (paths.length === 0) return;
  await db.run('CREATE OR REPLACE TEMP TABLE stale (path VARCHAR)');
  await db.appendRaw('stale', paths.map((p) => [p]));
  const tables = [...Object.keys(TABLES), 'files'];
  await db.run(tables.map((t) => `DELETE FROM ${t} WHERE path IN (SELECT path FROM stale);`).join('\n') + 'DELETE FROM diagnostics WHERE file IN (SELECT path FROM stale);');
}

async function insert(db: Database, files: readonly JournalFile[], stamps: ReadonlyMap<string, string | null>, config: JournalConfig): Promise<void> {
  const rows: { [T in TableName]: Row<T>[] } = Object.fromEntries(Object.keys(TABLES).map((t) => [t, []])) as never;
  const fileRows: (string | null)[][] = [];
  const diagnosticRows: (string | number | null)[][] = [];
  // The parsers (remark, the kinds' schemas) load only when some file changed: a warm run needs none.
  const { parseFiles } = await import('../ingest/parallel.ts');
  const results = await parseFiles(files, config);
  for (const [i, file] of files.entries()) {
    const parsed = results[i];
    fileRows.push([file.path, file.hash, parsed.kind, stamps.get(file.path) ?? null]);
    for (const [table, tableRows] of Object.entries(parsed.rows)) for (const row of tableRows) (rows[table as TableName] as unknown[]).push(row);
    for (const d of parsed.diagnostics) diagnosticRows.push([d.file, d.line, d.column, d.severity, d.code, d.message, d.hint ?? null]);
  }
  for (const table of Object.keys(TABLES) as TableName[]) await db.append(table, rows[table]);
  await db.appendRaw('files', fileRows);
  await db.appendRaw('diagnostics', diagnosticRows);
}

/**
 * The cross-file checks' findings (checks.sql, and nudges.sql unless turned off). They depend on the
 * tables alone, so they are stored with the SQL that found them (meta checks_key) and found again
 * only when the SQL changed or rows did (every write of the journal's or the evidence's rows drops
 * the key).
 */
async function checkFindings(db: Database, config: JournalConfig): Promise<CheckRow[]> {
  const sql = config.nudges ? `${CHECKS_SQL}\nUNION ALL\n${NUDGES_SQL}` : CHECKS_SQL;
  const key = hash('sha1', sql);
  const [meta] = await db.all<{ value: string }>(`SELECT value FROM meta WHERE key = 'checks_key'`);
  if (meta?.value === key) return db.all<CheckRow>(`SELECT file, line, "column", code, a, b, c FROM check_findings`);
  const rows = await db.all<CheckRow>(sql);
  const stored = await db.all<CheckRow>(`SELECT file, line, "column", code, a, b, c FROM check_findings`);
  // An edit seldom changes the findings: then only the key is stored again, not every finding
  // (each write is rewritten when the database closes).
  const same = JSON.stringify(rows) === JSON.stringify(stored);
  await transaction(db, async () => {
    if (!same) {
      await db.run('DELETE FROM check_findings');
      await db.appendRaw('check_findings', rows.map((r) => [r.file, r.line, r.column, r.code, r.a, r.b, r.c]));
    }
    await db.run(`INSERT OR REPLACE INTO meta VALUES ('checks_key', $key)`, { key });
  });
  return rows;
}

/** Stores the stamps of files read again whose content had not changed (a checkout, a copy, or a file that has settled since). */
async function restamp(db: Database, files: readonly JournalFile[], stamps: ReadonlyMap<string, string | null>): Promise<void> {
  if (files.length === 0) return;
  await db.run('CREATE OR REPLACE TEMP TABLE restamped (path VARCHAR, stamp VARCHAR)');
  await db.appendRaw('restamped', files.map((f) => [f.path, stamps.get(f.path) ?? null]));
  await db.run('UPDATE files SET stamp = restamped.stamp FROM restamped WHERE files.path = restamped.path');
}

interface CheckRow {
  file: string;
  line: number;
  column: number;
  code: 'day-duplicate' | 'objective-unknown' | 'kr-unknown' | 'link-unresolved' | 'series-missing' | 'date-outlier' | 'meetings-gap' | 'one-on-one-unrecorded' | 'win-unquantified';
  a: string;
  b: string | null;
  c: string | null;
}

/** A row of checks.sql as a diagnostic, its texts from the catalogue. */
function checkDiagnostic({ file, line, column, code, a, b, c }: CheckRow): Diagnostic {
  const at = { file, line, column };
  switch (code) {
    case 'day-duplicate': return diagnose(code, at, { date: a, first: b! });
    case 'objective-unknown': return diagnose(code, at, { objective: a });
    case 'kr-unknown': return diagnose(code, at, { objective: a, kr: b! });
    case 'link-unresolved': return diagnose(code, at, { target: a, suggestions: b ? [b] : [] });
    case 'series-missing': return diagnose(code, at, { series: a });
    case 'date-outlier': return diagnose(code, at, { date: a, from: b!, to: c! });
    case 'meetings-gap': return diagnose(code, at, { date: a, calendar: b!, logged: c! });
    case 'one-on-one-unrecorded': return diagnose(code, at, { person: a, date: b!, series: c! });
    case 'win-unquantified': return diagnose(code, at, { what: a as 'win' | 'achievement' });
  }
}

function withoutNullHint(d: Diagnostic): Diagnostic {
  return d.hint === null ? { ...d, hint: undefined } : d;
}
