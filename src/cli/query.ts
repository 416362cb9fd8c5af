import { openJournal } from '../journal.ts';
import { UsageError, type Command } from './command.ts';
import { Database, ReadOnlyError } from '../db/duckdb.ts';
import { renderCsv, renderTable, writeWarnings } from './output.ts';

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
    const journal = await openJournal({ journalDir, cacheDir });
    writeWarnings(journal.warnings, io);
    // The cache is brought up to date, then reopened read-only; an in-memory database is a
    // snapshot of this run. Either way readOnlyTable runs reading statements only.
    let db = journal.db;
    if (journal.cachePath) {
      journal.db.close();
      db = await Database.open(journal.cachePath, { readOnly: true });
    }
    try {
      const errors = journal.diagnostics.filter((d) => d.severity === 'error').length;
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
