/**
 * Self-ratings: set in journal.yml or in the year's file (yearly/YYYY.md), which wins for its year,
 * competency by competency; a private year's file never reaches a draft; a rating of a competency
 * journal.yml does not list, or a rating that is not one of the three, is reported where it is written.
 */
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openJournal } from '../journal.ts';
import { assess } from './assess.ts';

const dirs: string[] = [];
afterAll(async () => {
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

const CONFIG = `person: { name: Jo Park, role: Staff Engineer }
competencies: [technical_execution, collaboration, Mentoring, communication]
self_ratings:
  "2025": { technical_execution: meets, collaboration: strong, mentoring: meets, communication: meets }
  "2024": { technical_execution: strong }
`;

const DAYS = {
  'daily/2025/2025-03-03.md': '---\ndate: 2025-03-03\nhours: 8\n---\n## Wins\n- Cut the build from 14 minutes to 6 minutes #ci\n',
  'daily/2025/2025-03-04.md': '---\nhours: 7\n---\n## Done\n- Paired with Sam on the billing retry logic\n',
};

async function journalWith(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'tw-ratings-'));
  dirs.push(dir);
  for (const [path, text] of Object.entries({ 'journal.yml': CONFIG, ...DAYS, ...files })) {
    await mkdir(dirname(join(dir, path)), { recursive: true });
    await writeFile(join(dir, path), text);
  }
  return dir;
}

/** The year draft's STAR table labels, e.g. "Collaboration (✅ strong)". */
async function starLabels(dir: string): Promise<string[]> {
  const journal = await openJournal({ journalDir: dir, cacheDir: null });
  try {
    const summary = await assess(journal, dir, [{ kind: 'year', period: '2025' }], { asOf: '2025-03-10' }, { now: () => new Date('2025-03-10T12:00:00Z'), env: {}, log: () => {} });
    const text = await readFile(join(dir, summary.drafts[0].path), 'utf8');
    const table = text.split('## Competencies (STAR)')[1].split('\n## ')[0];
    return [...table.matchAll(/^\| ([^|]+\([^|]*\)) \|/gm)].map((m) => m[1].trim()).filter((label) => !label.startsWith('Competency'));
  } finally {
    journal.db.close();
  }
}

async function diagnostics(dir: string) {
  const journal = await openJournal({ journalDir: dir, cacheDir: null });
  journal.db.close();
  return journal.diagnostics.map((d) => ({ file: d.file, line: d.line, column: d.column, code: d.code, severity: d.severity, message: d.message, hint: d.hint }));
}

describe('self-ratings', () => {
  it("take the year's file over journal.yml, competency by competency, whatever case the names are written in", async () => {
    const dir = await journalWith({
      'yearly/2025.md': '---\nself_ratings:\n  Technical execution: strong\n  communication: needs_improvement\n---\nNotes for my review: ask about the staff promo.\n',
    });
    expect(await starLabels(dir)).toEqual([
      'Technical execution (✅ strong)', // the year's file, written "Technical execution"
      'Collaboration (✅ strong)', // journal.yml
      'Mentoring (✅ meets expectations)', // journal.yml, written "mentoring" for the listed "Mentoring"
      'Communication (⚠️ needs improvement)', // the year's file
    ]);
    expect(await diagnostics(dir)).toEqual([]);
  });

  it('read the year from year: when the file is not named for it, and change the draft when they change', async () => {
    const dir = await journalWith({ 'yearly/my-review.md': '---\nyear: 2025\nself_ratings: { collaboration: needs_improvement }\n---\n' });
    expect((await starLabels(dir))[1]).toBe('Collaboration (⚠️ needs improvement)');
    await writeFile(join(dir, 'yearly/my-review.md'), '---\nyear: 2025\nself_ratings: { collaboration: meets }\n---\n');
    expect((await starLabels(dir))[1]).toBe('Collaboration (✅ meets expectations)');
  });

  it("of a private year's file never reach the draft: journal.yml's stand", async () => {
    const dir = await journalWith({ 'yearly/2025.md': '---\nprivate: true\nself_ratings: { technical_execution: needs_improvement }\n---\n' });
    expect((await starLabels(dir))[0]).toBe('Technical execution (✅ meets expectations)');
  });

  it('are not rated when neither journal.yml nor the year\'s file rates the competency', async () => {
    const dir = await journalWith({ 'journal.yml': 'competencies: [ownership]\n' });
    expect(await starLabels(dir)).toEqual(['Ownership (not rated)']);
  });

  it('that name no competency or are not a rating are reported where they are written, and the rest still load', async () => {
    const dir = await journalWith({
      'journal.yml': CONFIG.replace('"2024": { technical_execution: strong }', '"2024": { tecnical_execution: strong }'),
      'yearly/2025.md': '---\nself_ratings:\n  colaboration: strong\n  communication: excellent\n  mentoring: needs_improvement\n---\n',
    });
    const found = await diagnostics(dir);
    expect(found).toEqual([
      {
        file: 'journal.yml', line: 5, column: 33, code: 'rating-competency-unknown', severity: 'warning',
        message: 'The 2024 self-rating of "tecnical_execution" names no competency of journal.yml, so it is not shown',
        hint: 'Did you mean technical_execution? Rename it, or add the competency to competencies: in journal.yml.',
      },
      {
        file: 'yearly/2025.md', line: 3, column: 17, code: 'rating-competency-unknown', severity: 'warning',
        message: 'The 2025 self-rating of "colaboration" names no competency of journal.yml, so it is not shown',
        hint: 'Did you mean collaboration? Rename it, or add the competency to competencies: in journal.yml.',
      },
      expect.objectContaining({ file: 'yearly/2025.md', line: 4, code: 'frontmatter-invalid', severity: 'error', message: expect.stringContaining('excellent') }),
    ]);
    // The good rating of the same file still counts; the bad one leaves journal.yml's.
    expect(await starLabels(dir)).toEqual(['Technical execution (✅ meets expectations)', 'Collaboration (✅ strong)', 'Mentoring (⚠️ needs improvement)', 'Communication (✅ meets expectations)']);
  });

  it("without a year is reported, and a year's file is not an unrecognized file", async () => {
    const dir = await journalWith({ 'yearly/review.md': '---\nself_ratings: { collaboration: strong }\n---\n' });
    expect(await diagnostics(dir)).toEqual([expect.objectContaining({ file: 'yearly/review.md', code: 'period-invalid', message: "This year's file has no year: none in the front matter and none in the file name" })]);
  });
});
