/**
 * A week's material is that week's (issue 15): the prompt of a 2025 week is the same size whether
 * the journal started in 2025 or thirty years before it. Action items appear when they were
 * mentioned, due or closed in the week; the items still open from before it are a count with the
 * oldest few named. Journals from scripts/generate-journal.ts, ingested into DuckDB for real.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateJournal, writeJournal } from '../scripts/generate-journal.ts';
import { assess } from '../src/assess/assess.ts';
import type { BuiltPrompt } from '../src/assess/model/prompt.ts';
import { openJournal } from '../src/journal.ts';

const AS_OF = '2026-01-01';
const WEEK = { kind: 'week' as const, period: '2025-W20', start: '2025-05-12', end: '2025-05-18' };

let root: string;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'tw-week-prompt-'));
});
afterAll(() => rm(root, { recursive: true, force: true }));

/** The week's prompt, and the action items of the shareable journal as of the week's end. */
async function weekPrompt(years: number, start: string) {
  const dir = join(root, `${years}y`);
  await writeJournal(dir, generateJournal({ years, seed: 1, start }));
  const journal = await openJournal({ journalDir: dir, cacheDir: null });
  try {
    const summary = await assess(journal, dir, [WEEK], { asOf: AS_OF, dryRun: true, noLlm: true }, { now: () => new Date(`${AS_OF}T12:00:00Z`), env: {}, log: () => {} });
    const items = await journal.db.all<{ text: string; opened: string; of_week: boolean }>(
      `SELECT text, strftime(opened, '%Y-%m-%d') AS opened,
         last_mentioned >= $start::DATE OR due BETWEEN $start::DATE AND $end::DATE OR closed BETWEEN $start::DATE AND $end::DATE AS of_week
       FROM action_item_status($end::DATE) a
       WHERE (SELECT count(*) FROM shareable.action_items s WHERE s.item_key = a.item_key) > 0 AND opened <= $end::DATE AND (NOT done OR closed BETWEEN $start::DATE AND $end::DATE)`,
      { start: WEEK.start, end: WEEK.end },
    );
    return { prompt: summary.drafts[0].prompt!, items };
  } finally {
    journal.db.close();
  }
}

const actionLines = (prompt: BuiltPrompt) => (/## Action items[^\n]*\n([\s\S]*?)(?=\n## |$)/.exec(prompt.data)?.[1] ?? '').split('\n').filter((l) => l.startsWith('- '));

describe('a week prompt does not grow with the journal', () => {
  let young: Awaited<ReturnType<typeof weekPrompt>>;
  let old: Awaited<ReturnType<typeof weekPrompt>>;
  beforeAll(async () => {
    young = await weekPrompt(1, '2025-01-06');
    old = await weekPrompt(30, '1996-01-01');
  }, 600_000);

  it('a 2025 week at thirty years is within 10% of the same week in a one-year journal', () => {
    expect(old.items.filter((i) => !i.of_week).length).toBeGreaterThan(3 * young.items.filter((i) => !i.of_week).length); // the old journal carries far more open items
    expect(Math.abs(old.prompt.tokens - young.prompt.tokens) / young.prompt.tokens).toBeLessThan(0.1);
    expect(old.prompt.dropped).toEqual({});
  });

  it('lists the week\'s own items, names the three oldest open ones, and counts the rest', () => {
    for (const { prompt, items } of [young, old]) {
      const lines = actionLines(prompt);
      const older = items.filter((i) => !i.of_week).sort((a, b) => a.opened.localeCompare(b.opened));
      expect(lines).toHaveLength(items.filter((i) => i.of_week).length + Math.min(3, older.length) + (older.length > 0 ? 1 : 0));
      const named = lines.filter((l) => / open since \d{4}-\d{2}-\d{2}/.test(l));
      expect(named.map((l) => /open since (\S+?)[,:]/.exec(l)![1])).toEqual(older.slice(0, 3).map((i) => i.opened));
      if (older.length > 0) expect(lines.at(-1)).toMatch(new RegExp(`^- ${older.length} items? opened before this week (is|are) still open`));
    }
  });
});
