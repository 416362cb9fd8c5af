import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { draftPath, type DraftKind } from '../assess/store.ts';
import { launchBrowser, requireChromium } from '../site/browser.ts';
import { buildSite } from '../site/build.ts';
import { serveStatic } from '../site/serve.ts';
import { parsePeriod } from '../scores/periods.ts';
import { UsageError, type Command } from './command.ts';
import { localDate } from './output.ts';

const ROUTES = { week: 'weeks', quarter: 'quarters', year: 'years' } as const;

export const exportCommand: Command = {
  name: 'export',
  summary: 'a period as a printable PDF, or its assessment draft as Markdown',
  help: `Usage: turbowork export PERIOD (--pdf | --md) [--out FILE] [--site DIR] [--as-of YYYY-MM-DD]

PERIOD is a week (2026-W06), a quarter (2026-Q1) or a year (2026).

  --pdf        print the period's page to PDF through headless Chromium (/usr/bin/chromium,
               or $CHROMIUM_PATH), with the site's print stylesheet
  --md         print the period's assessment draft (journal/assessments/…) to stdout
  --out FILE   where the PDF goes (default: turbowork-PERIOD.pdf)
  --site DIR   print from an existing build instead of building the site first
  --as-of D    build as of this date (default: today)
`,
  options: { pdf: { type: 'boolean' }, md: { type: 'boolean' }, out: { type: 'string' }, site: { type: 'string' }, 'as-of': { type: 'string' } },
  async run(values, positionals, { io, journalDir, cacheDir, program }) {
    const [id, ...rest] = positionals;
    if (!id || rest.length > 0) throw new UsageError('export needs one PERIOD, e.g. turbowork export 2026 --pdf');
    const period = parsePeriod(id);
    if (!period || period.kind === 'range') throw new UsageError(`${id} is not a week, quarter or year (2026-W06, 2026-Q1, 2026)`);
    if (values.pdf === values.md) throw new UsageError('choose one of --pdf and --md');
    const kind = period.kind as Exclude<DraftKind, '1on1'>;

    if (values.md) {
      const path = draftPath(kind, id);
      const text = await readFile(join(journalDir, path), 'utf8').catch(() => null);
      if (text === null) {
        io.stderr.write(`No draft at ${join(journalDir, path)}; create one with ${program} assess ${kind} ${id}\n`);
        return 1;
      }
      io.stdout.write(text);
      return 0;
    }

    const out = resolve((values.out as string | undefined) ?? `turbowork-${id}.pdf`);
    let siteDir = values.site as string | undefined;
    await requireChromium(); // before a build that would be wasted
    const scratch = siteDir ? null : await mkdtemp(join(tmpdir(), 'turbowork-export-'));
    try {
      if (!siteDir) {
        siteDir = scratch!;
        const asOf = (values['as-of'] as string | undefined) ?? localDate(io.now());
        await buildSite({ journalDir, outDir: siteDir, cacheDir, asOf, public: false, command: program, log: (line) => io.stderr.write(`  ${line}\n`) });
      }
      await printPage(siteDir, `${ROUTES[kind]}/${id}/`, out);
      io.stdout.write(`${out}\n`);
      return 0;
    } finally {
      if (scratch) await rm(scratch, { recursive: true, force: true });
    }
  },
};

/** Prints one page of a built site to PDF, A4, with its print stylesheet and background colours. */
async function printPage(siteDir: string, path: string, out: string): Promise<void> {
  const server = await serveStatic(siteDir);
  const browser = await launchBrowser();
  try {
    const page = await browser.newPage();
    const response = await page.goto(server.url + path, { waitUntil: 'networkidle' });
    if (response?.status() !== 200) throw new UsageError(`the site has no page /${path}; is the period in the journal?`);
    await page.pdf({ path: out, format: 'A4', printBackground: true, margin: { top: '16mm', bottom: '16mm', left: '14mm', right: '14mm' } });
  } finally {
    await browser.close();
    await server.close();
  }
}
