import { isCalendarDate } from '../ingest/dates.ts';
import { readJournalAsOf } from '../journal.ts';
import { buildSite } from '../site/build.ts';
import { encryptSite, SHORT_PASSPHRASE } from '../site/encrypt.ts';
import { UsageError, type Command } from './command.ts';
import { usageLine } from './assess.ts';
import { paint } from './output.ts';

export const build: Command = {
  name: 'build',
  help: `Usage: turbowork build [--out DIR] [--no-llm] [--as-of YYYY-MM-DD] [--public] [--encrypt] [--full]

Reads and validates the journal, computes every score in DuckDB, refreshes the assessment drafts in
journal/assessments/ (with the model journal.yml configures, or offline), and renders the site to DIR
(default: dist/) with search. Problems in the journal are reported and the site is still built from
everything that could be read. The calls and tokens used are printed.

When only the journal changed since the last build into DIR, only the pages it changed are rendered
and the rest are kept (the site's code, settings and turbowork's version are hashed into
DIR/.turbowork-pages.json: a change to any of them renders every page), with the site's code as the
build before bundled it (kept in the cache folder). A --public or --encrypt build always renders
every page.

Options:
  --out DIR      where the site goes (default: dist). It is replaced whole, so it must be new,
                 empty, or a previous build (marked by a .turbowork-build file), and never the
                 journal, its repository or a folder above them
  --no-llm       call no model: stale offline drafts are refreshed, model-written drafts are kept
  --as-of D      build as of this date: later entries are ignored (default: journal.yml's
                 as_of, else today)
  --public       build only from what may leave the machine: no private entry, nothing of a
                 private 1:1 series, no figure that counts them. Drafts are not refreshed; those
                 not drafted from the journal as it is now are left out (run build first)
  --encrypt      encrypt every page, data file and the search index with the passphrase in
                 TURBOWORK_SITE_PASSPHRASE (AES-GCM, PBKDF2 key): a visitor enters it once per
                 session. The site replaces DIR only once every file is sealed: when that
                 fails, DIR stays as it was. Publish only builds made with --public --encrypt.
                 See docs/site.md.
  --full         render every page, keeping nothing from the previous build

Open the result with any static file server, e.g. npx serve dist.
`,
  options: { out: { type: 'string', default: 'dist' }, 'no-llm': { type: 'boolean' }, 'as-of': { type: 'string' }, public: { type: 'boolean' }, encrypt: { type: 'boolean' }, full: { type: 'boolean' } },
  async run(values, _positionals, { io, journalDir, cacheDir, program }) {
    const option = values['as-of'] as string | undefined;
    if (option !== undefined && (!/^\d{4}-\d{2}-\d{2}$/.test(option) || !isCalendarDate(option))) throw new UsageError(`--as-of ${option} is not a date YYYY-MM-DD`);
    const asOf = await readJournalAsOf(journalDir, io.now(), option);
    const passphrase = io.env.TURBOWORK_SITE_PASSPHRASE ?? '';
    if (values.encrypt && passphrase === '') throw new UsageError('--encrypt takes its passphrase from TURBOWORK_SITE_PASSPHRASE, which is not set');
    let sealed: Awaited<ReturnType<typeof encryptSite>> | undefined;
    let sealMs = 0;
    const result = await buildSite({
      journalDir,
      outDir: values.out as string,
      cacheDir,
      asOf,
      public: values.public === true,
      full: values.full === true,
      seal: values.encrypt
        ? async (site) => {
            const t = performance.now();
            sealed = await encryptSite(site, [{ id: 'reader', passphrase }]);
            sealMs = performance.now() - t;
          }
        : undefined,
      command: program,
      log: (line) => io.stderr.write(`  ${line}\n`),
      // A public build shows the drafts as they are: it never writes to the journal.
      assess: values.public ? undefined : { noLlm: values['no-llm'] === true, env: io.env, now: io.now },
    });
    if (result.assessed) io.stderr.write(`  drafts: ${usageLine(result.assessed)}\n`);
    const errors = result.diagnostics.filter((d) => d.severity === 'error').length;
    const warnings = result.diagnostics.length - errors;
    if (result.diagnostics.length > 0) {
      io.stderr.write(paint(errors > 0 ? 'yellow' : 'dim', `  the journal has ${errors} errors and ${warnings} warnings; run ${program} check for details\n`, io.stderr));
    }
    if (sealed) {
      io.stderr.write(`  encrypted ${sealed.pages} pages and ${sealed.files} data and search files (${sealed.plain} files of code and style left as they are) in ${Math.round(sealMs)} ms\n`);
      if (passphrase.length < SHORT_PASSPHRASE) {
        io.stderr.write(paint('yellow', `  the passphrase has fewer than ${SHORT_PASSPHRASE} characters: anyone with the files can guess at it offline; use a longer one (docs/site.md)\n`, io.stderr));
      }
    }
    io.stderr.write(paint('green', `✔ built ${result.pages} pages into ${values.out as string}/${values.encrypt ? ', encrypted,' : ''} in ${(result.ms / 1000).toFixed(1)} s\n`, io.stderr));
    return 0;
  },
};
