import { journalCacheStem, keptFindings } from '../findings.ts';
import { listJournal } from '../ingest/list.ts';
import { DIAGNOSTIC_CODES } from '../ingest/diagnostics.ts';
import type { Command } from './command.ts';
import { renderDiagnostics, writeWarnings } from './output.ts';

export const check: Command = {
  name: 'check',
  help: `Usage: turbowork check [--json]

Parses every file of the journal and reports problems with file, line and column.
Exit status is 1 when there is any error, 0 with warnings only. When no file, setting or evidence
changed since the journal was last read (by a check or any other command), the findings kept in
the cache folder then are printed again.

Options:
  --json   print the diagnostics as a JSON array of {file, line, column, severity, code, message, hint}

Codes:
${Object.entries(DIAGNOSTIC_CODES).map(([code, meaning]) => `  ${code.padEnd(26)}${meaning}`).join('\n')}
`,
  options: { json: { type: 'boolean' } },
  async run(values, _positionals, { io, journalDir, cacheDir }) {
    // The findings kept when the journal was last opened, when nothing they are made from changed
    // (src/findings.ts); else the journal is opened, which keeps what it finds for the next check.
    // One listing serves both.
    const listing = await listJournal(journalDir);
    let diagnostics = cacheDir === null ? null : (await keptFindings(journalDir, journalCacheStem(journalDir, cacheDir), listing))?.diagnostics;
    if (!diagnostics) {
      const { openJournal } = await import('../journal.ts');
      const journal = await openJournal({ journalDir, cacheDir, listing });
      journal.db.close();
      writeWarnings(journal.warnings, io);
      diagnostics = journal.diagnostics;
    }
    if (values.json) io.stdout.write(JSON.stringify(diagnostics, null, 2) + '\n');
    else io.stderr.write(renderDiagnostics(diagnostics, journalDir, io.stderr));
    return diagnostics.some((d) => d.severity === 'error') ? 1 : 0;
  },
};
