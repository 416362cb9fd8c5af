import { isCalendarDate } from '../ingest/schema.ts';
import { buildSite } from '../site/build.ts';
import { UsageError, type Command } from './command.ts';
import { usageLine } from './assess.ts';
import { localDate, paint } from './output.ts';

export const build: Command = {
  name: 'build',
  summary: 'the whole pipeline: journal → scores → drafts → static site',
  help: `Usage: turbowork build [--out DIR] [--no-llm] [--as-of YYYY-MM-DD] [--public]

Reads and validates the journal, computes every score in DuckDB, refreshes the assessment drafts in
journal/assessments/ (with the model journal.yml configures, or offline), and renders the site to DIR
(default: dist/) with search. Problems in the journal are reported and the site is still built from
everything that could be read. The calls and tokens used are printed.

Options:
  --out DIR      where the site goes (default: dist)
  --no-llm       call no model: stale offline drafts are refreshed, model-written drafts are kept
  --as-of D      build as of this date: later entries are ignored (default: today)
  --public       build only from what may leave the machine: no private entry, nothing of a
                 private 1:1 series, no figure that counts them. Drafts are not refreshed; those
                 not drafted from the journal as it is now are left out (run build first)

Open the result with any static file server, e.g. npx serve dist.
`,
  options: { out: { type: 'string', default: 'dist' }, 'no-llm': { type: 'boolean' }, 'as-of': { type: 'string' }, public: { type: 'boolean' } },
  async run(values, _positionals, { io, journalDir, cacheDir }) {
    const asOf = (values['as-of'] as string | undefined) ?? localDate(io.now());
    if (!/^\d{4}-\d{2}-\d{2}$/.test(asOf) || !isCalendarDate(asOf)) throw new UsageError(`--as-of ${asOf} is not a date YYYY-MM-DD`);
    const result = await buildSite({
      journalDir,
      outDir: values.out as string,
      cacheDir,
      asOf,
      public: values.public === true,
      log: (line) => io.stderr.write(`  ${line}\n`),
      // A public build shows the drafts as they are: it never writes to the journal.
      assess: values.public ? undefined : { noLlm: values['no-llm'] === true, env: io.env, now: io.now },
    });
    if (result.assessed) io.stderr.write(`  drafts: ${usageLine(result.assessed)}\n`);
    const errors = result.diagnostics.filter((d) => d.severity === 'error').length;
    const warnings = result.diagnostics.length - errors;
    if (result.diagnostics.length > 0) {
      io.stderr.write(paint(errors > 0 ? 'yellow' : 'dim', `  the journal has ${errors} errors and ${warnings} warnings; run turbowork check for details\n`, io.stderr));
    }
    io.stderr.write(paint('green', `✔ built ${result.pages} pages into ${values.out as string}/ in ${(result.ms / 1000).toFixed(1)} s\n`, io.stderr));
    return 0;
  },
};
