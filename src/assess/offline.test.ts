/**
 * Offline drafts read as a careful person would check them. The 1:1 prep runs on the items-across
 * fixture (items carried through sprints, logs and a private 1:1); the year draft on the sample
 * journal in journal/, checked against a reviewer's checklist.
 */
import { cp, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openJournal } from '../journal.ts';
import { openShareable } from '../db/shareable.ts';
import { computeAllReports } from '../scores/report.ts';
import { assess } from './assess.ts';
import type { DraftKind } from './store.ts';

const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

/** A copy of a journal in a temporary folder, drafted offline. */
async function copyOf(source: string) {
  const dir = await mkdtemp(join(tmpdir(), 'tw-offline-'));
  await cp(source, dir, { recursive: true });
  cleanups.push(() => rm(dir, { recursive: true, force: true }));
  const draft = async (kind: DraftKind, period: string, asOf: string) => {
    const journal = await openJournal({ journalDir: dir, cacheDir: null });
    try {
      const summary = await assess(journal, dir, [{ kind, period }], { asOf, force: true }, { now: () => new Date(`${asOf}T12:00:00Z`), env: {}, log: () => {} });
      return { text: await readFile(join(dir, summary.drafts[0].path), 'utf8'), journal };
    } finally {
      journal.db.close();
    }
  };
  return { dir, draft };
}

const ACROSS = new URL('../../test/fixtures/journals/items-across/', import.meta.url).pathname;

describe('1:1 prep', () => {
  it('lists an item carried through a private meeting once, in its public words, and nothing of a private-only one', async () => {
    const { draft } = await copyOf(ACROSS);
    const { text } = await draft('1on1', 'priya', '2025-04-09');
    const open = text.split('## Open action items')[1].split('\n## ')[0];
    // "Book the load test window": first in the private 1:1 of Mar 27, then in the log of Apr 2
    expect(open.match(/Book the load test window/g)).toHaveLength(1);
    expect(open).toContain('daily/2025/2025-04-02.md');
    // the private-only item and the private meeting's notes are never written
    expect(text).not.toMatch(/transfer rules|HR|confidential|not for the record/i);
    // the flaky-test rule was mentioned in three sprints and a log: still open on Apr 9, listed once
    expect(open.match(/flaky test/gi)).toHaveLength(1);
  });

  it('gives the first meeting of a series the series’ agenda template', async () => {
    const { draft } = await copyOf(ACROSS);
    const { text } = await draft('1on1', 'skip', '2025-04-15');
    const agenda = text.split('## Agenda')[1].split('\n## ')[0];
    expect(agenda).toContain('- What is getting in the way');
    expect(agenda).toContain('- One thing I would change');
    // a series that has met (priya, Apr 10) gets no template lines
    const met = await draft('1on1', 'priya', '2025-04-15');
    expect(met.text.split('## Agenda')[1].split('\n## ')[0]).not.toContain('How the sprint went');
  });
});

const SAMPLE = new URL('../../journal/', import.meta.url).pathname;

/** The body of a "## Title" section. */
const section = (text: string, title: string) => text.split(`\n## ${title}\n`)[1]?.split('\n## ')[0] ?? '';
/** Journal-relative citations in Markdown: "../../okrs/2026-Q4/external.md#L14" → { path, line }. */
/** Journal links: "okrs/x.md" with its line (#L14) or key result (#kr-uptime), if any. */
const citations = (text: string) => [...text.matchAll(/\]\(((?:\.\.\/)+)([^)#]+?)(?:#(?:L(\d+)|kr-([^)]+)))?\)/g)].map((m) => ({ path: m[2], line: m[3] ? Number(m[3]) : null, kr: m[4] ?? null }));

describe('the sample’s offline year draft, as a reviewer checks it', () => {
  it('passes the checklist: no stale goal, a distinct entry per competency, whole sentences, every feedback item', async () => {
    const { dir, draft } = await copyOf(SAMPLE);
    const { text } = await draft('year', '2026', '2026-11-30');
    const asOf = /^generated: (\S+)$/m.exec(text)![1];
    const journal = await openJournal({ journalDir: dir, cacheDir: null });
    try {
      const db = journal.db;
      // Every key result as of the draft's date, straight from SQL.
      const krs = await db.all<{ objective_id: string; kr_id: string; title: string; status: string; path: string; line: number; start_date: string }>(
        `SELECT p.objective_id, p.kr_id, p.title, p.status, k.path, k.line, o.period_start::VARCHAR AS start_date
         FROM kr_progress($as_of::DATE) p JOIN key_results k USING (objective_id, kr_id) JOIN objectives o ON o.id = p.objective_id`,
        { as_of: asOf },
      );
      const closedLater = (kr: (typeof krs)[number]) =>
        krs.some((k) => k.start_date > kr.start_date && (k.kr_id === kr.kr_id || k.title === kr.title) && k.status === 'achieved');

      // No stale goal: each goal's key result is not achieved, here or in a later objective.
      const goals = section(text, 'Goals for next period');
      const goalKrs = citations(goals).filter((c) => c.path.startsWith('okrs/')).map((c) => krs.find((k) => k.path === c.path && (k.line === c.line || k.kr_id === c.kr))!);
      expect(goalKrs.length).toBeGreaterThan(0);
      for (const kr of goalKrs) {
        expect(kr.status, kr.title).not.toBe('achieved');
        expect(closedLater(kr), kr.title).toBe(false);
      }
      // Nor a growth area a later entry closed.
      for (const c of citations(section(text, 'Areas for growth')).filter((c) => c.path.startsWith('okrs/'))) {
        const kr = krs.find((k) => k.path === c.path && (k.line === c.line || k.kr_id === c.kr))!;
        expect(closedLater(kr), kr.title).toBe(false);
      }
      expect(text).not.toContain('Run all 58 cron-07 jobs on the queue", now');
      // A done action item is no goal or growth area (it was ticked in a later sprint or meeting).
      const done = await db.all<{ text: string }>(`SELECT public_text AS text FROM action_item_status($as_of::DATE) WHERE done`, { as_of: asOf });
      for (const item of done) {
        const words = item.text.replace(/(^|\s)(@\S+|due:\S+)/g, '').trim();
        expect(goals).not.toContain(words);
        expect(section(text, 'Areas for growth')).not.toContain(words);
      }

      // Strengths and growth areas are not score averages.
      expect(section(text, 'Strengths')).not.toMatch(/averaged/);
      expect(section(text, 'Areas for growth')).not.toMatch(/averaged/);

      // Each competency row cites a distinct entry (its first citation), and a next step of its own.
      const rows = section(text, 'Competencies (STAR)').split('\n').filter((l) => l.startsWith('| ') && !l.startsWith('| Competency') && !l.startsWith('| ---'));
      expect(rows).toHaveLength(journal.config.competencies.length);
      const cells = rows.map((r) => r.slice(2, -2).split(' | '));
      const evidence = cells.map((c) => citations(c[6])[0]);
      expect(evidence.every(Boolean)).toBe(true);
      expect(new Set(evidence.map((e) => `${e.path}#${e.line ?? e.kr}`)).size).toBe(rows.length);
      const steps = cells.map((c) => c[5]).filter((s) => !s.startsWith('No open key result'));
      expect(new Set(steps).size).toBe(steps.length);
      expect(steps.length).toBeGreaterThanOrEqual(rows.length - 1);

      // Sentences are whole: nothing cut with an ellipsis, every STAR cell ends a sentence.
      expect(text).not.toContain('…');
      for (const c of cells) for (const cell of c.slice(1, 6).filter(Boolean)) expect(cell, cell).toMatch(/[.!?”)"]$/);
      // …and each row's Action is the achievement's whole Action section.
      for (const [i, c] of cells.entries()) {
        const source = await readFile(join(dir, evidence[i].path), 'utf8');
        const action = source.split(/\n## Action\n/)[1]?.split('\n## ')[0] ?? '';
        const words = (s: string) => s.replace(/\\/g, '').replace(/^\s*[-*]\s+/gm, '').replace(/\s+/g, ' ').trim();
        expect(words(c[3]).length).toBeGreaterThanOrEqual(words(action).length - 2);
      }

      // Every feedback item of the year is quoted or counted, each once.
      const [{ n: feedbackItems }] = await db.all<{ n: number }>(
        `SELECT count(*) AS n FROM feedback f JOIN series s ON s.id = f.series
         WHERE NOT coalesce(f.private, false) AND NOT coalesce(s.private, false) AND f.date BETWEEN DATE '2026-01-01' AND $as_of::DATE`,
        { as_of: asOf },
      );
      const fb = section(text, 'Feedback received');
      expect(fb).toContain('### Praise');
      expect(fb).toContain('### Growth');
      const quoted = fb.split('\n').filter((l) => l.startsWith('- “'));
      const counted = Number(/(\d+) earlier items? of feedback/.exec(fb)?.[1] ?? 0);
      expect(quoted.length + counted).toBe(feedbackItems);
      expect(new Set(quoted).size).toBe(quoted.length);
      // the newest are the ones quoted
      const newest = await db.all<{ text: string }>(
        `SELECT text FROM feedback f WHERE NOT coalesce(private, false) AND date <= $as_of::DATE ORDER BY date DESC, line DESC LIMIT 3`, { as_of: asOf });
      for (const f of newest) expect(fb).toContain(f.text.replace(/&/g, '&amp;'));
    } finally {
      journal.db.close();
    }
  });
});

describe('one set of figures', () => {
  it('drafts a running year as of the same date as its page and report, ten days after the last entry', async () => {
    const { dir, draft } = await copyOf(SAMPLE);
    // The sample's last entry is 2026-11-20; pages and report built on 2026-11-30 are as of that day.
    const { text } = await draft('year', '2026', '2026-11-30');
    expect(/^generated: (\S+)$/m.exec(text)![1]).toBe('2026-11-30');
    const journal = await openJournal({ journalDir: dir, cacheDir: null });
    try {
      // Drafts count what may be shared (private days are left out, src/db/shareable.sql); the
      // figures are those of a report over that copy as of the same day, as a --public page shows.
      const shareable = await openShareable(journal.db, journal.config);
      const { years } = await computeAllReports(shareable, '2026-11-30').finally(() => shareable.close());
      const { coverage } = years.find((r) => r.period.id === '2026')!;
      expect(coverage.work_days).toBe(238);
      expect(text).toContain(`I logged ${coverage.logged_work_days} of ${coverage.work_days} work days`);
      expect(text).toContain(`Days logged | ${coverage.logged_days} (${coverage.logged_work_days} of ${coverage.work_days} work days`);
    } finally {
      journal.db.close();
    }
  });

  it("lists each quarter's figures in the year draft as that quarter's own draft states them", async () => {
    const { dir } = await copyOf(SAMPLE);
    const journal = await openJournal({ journalDir: dir, cacheDir: null });
    const quarters = ['2026-Q1', '2026-Q2', '2026-Q3', '2026-Q4'];
    try {
      await assess(journal, dir, [{ kind: 'year', period: '2026' }, ...quarters.map((period) => ({ kind: 'quarter' as const, period }))], { asOf: '2026-11-30', force: true }, { now: () => new Date('2026-11-30T12:00:00Z'), env: {}, log: () => {} });
    } finally {
      journal.db.close();
    }
    /** The figures table's rows, name → value, e.g. "Feedback received in 1:1s" → "9 items". */
    const figures = (text: string) => new Map([...text.split(/^## (?:Metrics summary|Figures)$/m)[1].split('\n## ')[0].matchAll(/^\| <a id="fig-[^"]+"><\/a>([^|]+?) \| ([^|]+?) \|$/gm)].map((m) => [m[1], m[2]]));
    const year = figures(await readFile(join(dir, 'assessments/years/2026.md'), 'utf8'));
    const feedback: number[] = [];
    for (const q of quarters) {
      const own = figures(await readFile(join(dir, `assessments/quarters/${q}.md`), 'utf8'));
      const listed = new Map([...year].filter(([name]) => name.startsWith(`${q} `)).map(([name, value]) => [name.slice(q.length + 1), value]));
      expect(listed.size).toBeGreaterThanOrEqual(5);
      for (const [name, value] of listed) expect([q, name, value]).toEqual([q, name, own.get(name)]);
      feedback.push(Number(/^(\d+) items$/.exec(listed.get('Feedback received in 1:1s') ?? '0 items')![1]));
    }
    // The quarters' feedback adds up to the year's: no quarter counts the whole year's.
    expect(feedback.reduce((a, b) => a + b, 0)).toBe(Number(/^(\d+) items$/.exec(year.get('Feedback received in 1:1s')!)![1]));
  });
});
