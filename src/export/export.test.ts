/**
 * The sample journal's year, exported as a reviewer gets it: the PDF rendered to PNG with poppler's
 * pdftoppm (at most 8 pages; the STAR table laid out so no column is narrower than 15% of the text
 * width), the .docx unzipped and its document XML read (every section, every citation), and the
 * Markdown checked for paste. The draft is made fresh in a copy of journal/, offline.
 */
import { execFile } from 'node:child_process';
import { cp, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, posix } from 'node:path';
import { promisify } from 'node:util';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assess } from '../assess/assess.ts';
import { openJournal } from '../journal.ts';
import { parsePeriod } from '../scores/periods.ts';
import { launchBrowser } from '../site/browser.ts';
import type { ExportDocument } from './document.ts';
import { renderDocx } from './docx.ts';
import { readExportDocument, renderPdf } from './export.ts';
import { renderHtml, renderMarkdown } from './render.ts';

const run = promisify(execFile);
const SAMPLE = new URL('../../journal/', import.meta.url).pathname;
const SECTIONS = ['Executive summary', 'Key achievements', 'Strengths', 'Areas for growth', 'Skills demonstrated', 'Goals for next period', 'Metrics summary', 'Competencies (STAR)', 'Feedback received', 'Sources'];

let dir: string;
let draft: string;
let doc: ExportDocument;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tw-export-'));
  await cp(SAMPLE, dir, { recursive: true });
  const journal = await openJournal({ journalDir: dir, cacheDir: null });
  try {
    await assess(journal, dir, [{ kind: 'year', period: '2026' }], { asOf: '2026-11-30', force: true }, { now: () => new Date('2026-11-30T12:00:00Z'), env: {}, log: () => {} });
  } finally {
    journal.db.close();
  }
  draft = await readFile(join(dir, 'assessments/years/2026.md'), 'utf8');
  const period = parsePeriod('2026')!;
  doc = (await readExportDocument(dir, { ...period, kind: 'year' }))!;
}, 120_000);
afterAll(() => rm(dir, { recursive: true, force: true }));

/** The journal links and figure links of the draft, as the export should number them: "okrs/x.md#L14", "okrs/x.md#kr-uptime", "assessments/years/2026.md#fig-days". */
function draftCitations(text: string): string[] {
  return [...new Set([...text.matchAll(/\]\((?:((?:\.\.\/)+[^)#]+)(?:#([^)]+))?|#(fig-[^)]+))\)/g)].map((m) => (m[3] ? `assessments/years/2026.md#${m[3]}` : `${posix.join('assessments/years', m[1])}#${m[2] ?? ''}`)))];
}

describe('export of the sample year', () => {
  it('has a cover line with name, role and period, and every journal link as a numbered source', () => {
    expect(doc.title).toBe('Self-assessment 2026');
    expect(doc.cover).toBe('Nadia Brandt · Senior Software Engineer · 1 January 2026 to 31 December 2026 (as of 30 November 2026)');
    expect(doc.sources.map((s) => `${s.path}#${s.line ? `L${s.line}` : (s.anchor ?? '')}`).sort()).toEqual(draftCitations(draft).sort());
    expect(doc.sources.map((s) => s.n)).toEqual(doc.sources.map((_, i) => i + 1));
    // the generator's note to the person stays out
    expect(JSON.stringify(doc.blocks)).not.toContain('No model wrote this draft');
  });

  it('prints to a PDF of at most 8 pages, rendered to PNG by pdftoppm, with the STAR table in columns no narrower than 15% of the text', async () => {
    const html = renderHtml(doc);
    const pdf = join(dir, '2026.pdf');
    await writeFile(pdf, await renderPdf(html));
    const { stdout: info } = await run('pdfinfo', [pdf]);
    const pages = Number(/^Pages:\s+(\d+)/m.exec(info)![1]);
    expect(pages).toBeGreaterThan(1);
    expect(pages).toBeLessThanOrEqual(8);
    await run('pdftoppm', ['-r', '40', '-png', pdf, join(dir, 'page')]);
    const pngs = (await readdir(dir)).filter((f) => /^page-\d+\.png$/.test(f));
    expect(pngs).toHaveLength(pages);
    for (const png of pngs) {
      const bytes = await readFile(join(dir, png));
      expect(bytes.subarray(1, 4).toString()).toBe('PNG');
      expect((await stat(join(dir, png))).size).toBeGreaterThan(3000); // a blank A4 page at 40 dpi is about 1 KB
    }
    // The text of the STAR rows is on the pages.
    const { stdout: text } = await run('pdftotext', [pdf, '-']);
    for (const competency of ['Technical execution', 'Reliability', 'Collaboration', 'Mentoring', 'Communication']) expect(text).toContain(competency);

    // Column widths, measured as printed: every box holding STAR text (a table cell under a
    // Situation/Task/Action/Result header, or a field of a STAR block) against the text width.
    const browser = await launchBrowser();
    try {
      const page = await browser.newPage({ viewport: { width: 794, height: 1123 } }); // A4 at 96 dpi
      await page.emulateMedia({ media: 'print' });
      await page.setContent(html);
      const widths = await page.evaluate(() => {
        const text = document.querySelector('main, body')!.getBoundingClientRect().width;
        const star = [...document.querySelectorAll('table')].filter((t) => /Situation/.test(t.tHead?.textContent ?? ''));
        const cells = star.flatMap((t) => [...t.querySelectorAll('th, td')]);
        const fields = [...document.querySelectorAll('.entry .field, .entry h3')];
        return { text, boxes: [...cells, ...fields].map((e) => e.getBoundingClientRect().width) };
      });
      expect(widths.boxes.length).toBeGreaterThanOrEqual(5 * 5);
      expect(Math.min(...widths.boxes) / widths.text).toBeGreaterThanOrEqual(0.15);
    } finally {
      await browser.close();
    }
  }, 120_000);

  it('writes a .docx whose document XML holds every section, every STAR row and every citation, with Word headings, lists and tables', async () => {
    const files = unzipSync(new Uint8Array(await renderDocx(doc)));
    expect(Object.keys(files)).toContain('word/document.xml');
    const xml = strFromU8(files['word/document.xml']);
    const paragraphs = [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].map((p) => ({
      style: /<w:pStyle w:val="([^"]+)"/.exec(p[0])?.[1] ?? null,
      numbered: /<w:numPr>/.test(p[0]),
      text: [...p[0].matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((t) => t[1]).join('').replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'"),
    }));
    const text = paragraphs.map((p) => p.text).join('\n');
    expect(paragraphs.find((p) => p.style === 'Heading1')?.text).toBe('Self-assessment 2026');
    const h2 = paragraphs.filter((p) => p.style === 'Heading2').map((p) => p.text);
    expect(h2).toEqual(SECTIONS);
    const h3 = paragraphs.filter((p) => p.style === 'Heading3').map((p) => p.text);
    for (const row of ['Technical execution (✅ strong)', 'Reliability (✅ strong)', 'Collaboration (✅ meets expectations)', 'Mentoring (✅ strong)', 'Communication (⚠️ needs improvement)']) expect(h3).toContain(row);
    expect(text).toContain('Nadia Brandt · Senior Software Engineer · 1 January 2026 to 31 December 2026');
    // every citation: each source listed (label and place), each number used in the text
    const listed = paragraphs.filter((p) => p.numbered && /: \S+\.md/.test(p.text));
    expect(listed).toHaveLength(draftCitations(draft).length);
    for (const s of doc.sources) {
      expect(text).toContain(`${s.label}: ${s.line ? `${s.path}, line ${s.line}` : s.path}`);
      expect(text).toMatch(new RegExp(`\\[(?:\\d+, )*${s.n}(?:, \\d+)*\\]`));
    }
    expect(xml).toContain('<w:tbl>');
    expect(paragraphs.filter((p) => p.numbered).length).toBeGreaterThan(doc.sources.length); // bullets too
  });

  it('gives Markdown to paste: no links, HTML or escapes, the STAR rows as labelled paragraphs, numbered sources', () => {
    const md = renderMarkdown(doc);
    expect(md.startsWith('# Self-assessment 2026\n\nNadia Brandt · Senior Software Engineer · ')).toBe(true);
    expect(md).not.toMatch(/\]\(|<\/?[a-z]+[ >]|&amp;|\\[_#`]/);
    expect(md).not.toMatch(/^\|/m);
    expect(md).toContain('### Communication (⚠️ needs improvement)\n\n**Situation:** ');
    // tables as lines: a figure and its value, a row's other cells labelled by their column
    expect(md).toMatch(/^- \*\*Days logged:\*\* \d+ \(\d+ of 238 work days, coverage \d+%\)/m);
    expect(md).toMatch(/^- \*\*2026-Q1:\*\* Mean score: [\d.]+; Green \/ yellow \/ red weeks: \d+ \/ \d+ \/ \d+; Wins: \d+/m);
    for (const section of SECTIONS) expect(md).toContain(`\n## ${section}\n`);
    expect(md).toContain(`\n${doc.sources.length}. ${doc.sources.at(-1)!.label}: `);
  });
});
