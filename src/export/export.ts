/**
 * `export PERIOD`: the period's assessment draft, as the person left it, as a document to hand
 * over: Markdown to paste, a PDF printed by the system Chromium, or a Word file.
 */
import { readFile } from 'node:fs/promises';
import { draftPath, type DraftKind } from '../assess/store.ts';
import { readConfig } from '../ingest/read.ts';
import type { PeriodSpec } from '../scores/periods.ts';
import { launchBrowser } from '../site/browser.ts';
import { parseDraftDocument, type ExportDocument } from './document.ts';

/** The draft of a week, quarter or year as a document; null when there is no draft yet. */
export async function readExportDocument(journalDir: string, period: PeriodSpec & { kind: Exclude<DraftKind, '1on1'> }): Promise<ExportDocument | null> {
  const path = draftPath(period.kind, period.id);
  const text = await readFile(`${journalDir}/${path}`, 'utf8').catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return null;
    throw error;
  });
  if (text === null) return null;
  const { config } = await readConfig(journalDir);
  return parseDraftDocument(text, { draftPath: path, person: { name: config.person.name, role: config.person.role }, period: { id: period.id, start: period.start, end: period.end } });
}

/** Prints HTML to an A4 PDF with page numbers, through the system Chromium. */
export async function renderPdf(html: string): Promise<Uint8Array> {
  const browser = await launchBrowser();
  try {
    const page = await browser.newPage();
    await page.setContent(html, { waitUntil: 'load' });
    return await page.pdf({
      format: 'A4',
      printBackground: true,
      preferCSSPageSize: true,
      displayHeaderFooter: true,
      headerTemplate: '<span></span>',
      footerTemplate: '<div style="font: 7pt sans-serif; color: #666; width: 100%; text-align: center;"><span class="pageNumber"></span> / <span class="totalPages"></span></div>',
    });
  } finally {
    await browser.close();
  }
}
