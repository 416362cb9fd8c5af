import { resolve } from 'node:path';
import { renderDocx } from '../export/docx.ts';
import { readExportDocument, renderPdf } from '../export/export.ts';
import { renderHtml, renderMarkdown } from '../export/render.ts';
import { replaceFile } from '../files.ts';
import { requireChromium } from '../site/browser.ts';
import { parsePeriod } from '../scores/periods.ts';
import { UsageError, type Command } from './command.ts';

const FORMATS = ['pdf', 'docx', 'md'] as const;

export const exportCommand: Command = {
  name: 'export',
  help: `Usage: turbowork export PERIOD (--pdf | --docx | --md) [--out FILE]

Exports the period's assessment draft (journal/assessments/…, with your edits) as a document:
a cover line with your name, role and the period; the sections of the draft; the STAR table laid
out as one block per competency; citations as numbers with a numbered sources list.

PERIOD is a week (2026-W06), a quarter (2026-Q1) or a year (2026).

  --pdf        an A4 PDF, printed by headless Chromium (/usr/bin/chromium, or $CHROMIUM_PATH)
  --docx       a Word file (opens in Word and LibreOffice with headings, tables and lists)
  --md         Markdown to paste into Workday, Lattice or a Google Doc (to stdout unless --out)
  --out FILE   where the file goes (default: turbowork-PERIOD.pdf or .docx)

Create or refresh the draft first with turbowork assess (or build).
`,
  options: { pdf: { type: 'boolean' }, docx: { type: 'boolean' }, md: { type: 'boolean' }, out: { type: 'string' } },
  async run(values, positionals, { io, journalDir, program }) {
    const [id, ...rest] = positionals;
    if (!id || rest.length > 0) throw new UsageError('export needs one PERIOD, e.g. turbowork export 2026 --pdf');
    const period = parsePeriod(id);
    if (!period || period.kind === 'range') throw new UsageError(`${id} is not a week, quarter or year (2026-W06, 2026-Q1, 2026)`);
    const chosen = FORMATS.filter((f) => values[f]);
    if (chosen.length !== 1) throw new UsageError('choose one of --pdf, --docx and --md');
    const format = chosen[0];
    if (format === 'pdf') await requireChromium(); // says how to install it, instead of a launch error

    const doc = await readExportDocument(journalDir, { ...period, kind: period.kind });
    if (!doc) {
      io.stderr.write(`No draft for ${id} in ${journalDir}/assessments/; create one with ${program} assess ${period.kind} ${id}\n`);
      return 1;
    }
    const out = values.out as string | undefined;
    if (format === 'md' && !out) {
      io.stdout.write(renderMarkdown(doc));
      return 0;
    }
    const target = resolve(out ?? `turbowork-${id}.${format}`);
    const content = format === 'md' ? renderMarkdown(doc) : format === 'docx' ? await renderDocx(doc) : await renderPdf(renderHtml(doc));
    await replaceFile(target, content);
    io.stdout.write(`${target}\n`);
    return 0;
  },
};
