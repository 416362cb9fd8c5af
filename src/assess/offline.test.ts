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
  it('lists an item carried through a private meeting once, in its public words, and withholds a private-only one', async () => {
    const { draft } = await copyOf(ACROSS);
    const { text } = await draft('1on1', 'priya', '2025-04-09');
    const open = text.split('## Open action items')[1].split('\n## ')[0];
    // "Book the load test window": first in the private 1:1 of Mar 27, then in the log of Apr 2
    expect(open.match(/Book the load test window/g)).toHaveLength(1);
    expect(open).toContain('daily/2025/2025-04-02.md');
    // the private-only item is counted, its words never written
    expect(text).not.toMatch(/transfer rules|HR|confidential|not for the record/i);
    expect(open).toContain('1 more open item was mentioned only in a private entry; its text is withheld.');
    // the flaky-test rule was mentioned in three sprints and a log: still open on Apr 9, listed once
    expect(open.match(/flaky test/gi)).toHaveLength(1);
  });

  it('gives the first meeting of a series the series’ agenda template', async () => {
    const { draft } = await copyOf(ACROSS);
    const { text } = await draft('1on1', 'skip', '2025-04-15');
    const agenda = text.split('## Agenda')[1].split('\n## ')[0];
    expect(agenda).toContain('- What is getting in the way');
    expect(agenda).toContain('- One thing I would change');
    // the private-only item belongs to another series: not counted here
    expect(text).not.toContain('withheld');
    // priya has met, if only in private (Mar 27): no template lines
    const met = await draft('1on1', 'priya', '2025-04-09');
    expect(met.text.split('## Agenda')[1].split('\n## ')[0]).not.toContain('How the sprint went');
  });
});
