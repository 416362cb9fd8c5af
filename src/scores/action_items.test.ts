/**
 * The action-item lifecycle across a 1:1 series: the scores-week fixture's sam-lee series carries
 * items through meetings on Jan 20, Feb 3 and Feb 17, 2025 (one-on-ones/sam-lee/). Expected values
 * are worked out by hand in the comments.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actionText } from '../assess/evidence.ts';
import { Database } from '../db/duckdb.ts';
import { renderTablesDdl } from '../db/tables.ts';
import { JournalConfig } from '../ingest/schema.ts';
import { openJournal } from '../journal.ts';
import { computeAllReports } from './report.ts';
import { loadScores } from './sql.ts';
import { openShareable } from '../db/shareable.ts';

const FIXTURE = new URL('../../test/fixtures/journals/scores-week/', import.meta.url).pathname;
let db: Database;
beforeAll(async () => {
  ({ db } = await openJournal({ journalDir: FIXTURE, cacheDir: null }));
});
afterAll(() => db.close());

const DRAFT = 'draft the on-call rotation proposal';
const REVIEW = 'review the rfc on retries';
const OFFSITE = 'book the offsite room';
const RETRO = 'write the incident retro';

async function statusAsOf(date: string) {
  const rows = await db.all<Record<string, unknown>>(`SELECT * FROM action_item_status($date::DATE)`, { date });
  return new Map(rows.map((r) => [r.item_key as string, r]));
}

describe('action_item_status', () => {
  it('opens the items of the first meeting (as of Jan 25)', async () => {
    const items = await statusAsOf('2025-01-25');
    expect([...items.keys()].sort()).toEqual([OFFSITE, DRAFT, REVIEW]);
    // Jan 25 − Jan 20 = 5 days open; due Feb 1 and Jan 31 are still ahead
    expect(items.get(DRAFT)).toMatchObject({ done: false, opened: '2025-01-20', due: '2025-02-01', overdue: false, days_open: 5, mentions: 1, owner: 'me' });
    expect(items.get(REVIEW)).toMatchObject({ done: false, overdue: false });
    expect(items.get(OFFSITE)).toMatchObject({ owner: 'sam', due: null, overdue: false });
  });

  it('lets the latest mention decide (as of Feb 3, the second meeting)', async () => {
    const items = await statusAsOf('2025-02-03');
    // carried unticked past its due date Feb 1 → overdue; Feb 3 − Jan 20 = 14 days open
    expect(items.get(DRAFT)).toMatchObject({ done: false, overdue: true, mentions: 2, days_open: 14, last_mentioned: '2025-02-03' });
    // ticked on Feb 3: done, open from Jan 20 to Feb 3 = 14 days
    expect(items.get(REVIEW)).toMatchObject({ done: true, closed: '2025-02-03', days_open: 14, overdue: false });
    // new on Feb 3
    expect(items.get(RETRO)).toMatchObject({ done: false, opened: '2025-02-03', days_open: 0, mentions: 1 });
  });

  it('keeps a done item done when it is no longer mentioned (as of Feb 18)', async () => {
    const items = await statusAsOf('2025-02-18');
    // third mention, still open: Feb 18 − Jan 20 = 29 days, due Feb 1 → overdue
    expect(items.get(DRAFT)).toMatchObject({ done: false, overdue: true, mentions: 3, days_open: 29, path: 'one-on-ones/sam-lee/2025-02-17.md' });
    // last mentioned (ticked) Feb 3, not on Feb 17
    expect(items.get(REVIEW)).toMatchObject({ done: true, closed: '2025-02-03', mentions: 2, last_mentioned: '2025-02-03' });
    // ticked on Feb 17: Feb 17 − Jan 20 = 28 days open
    expect(items.get(OFFSITE)).toMatchObject({ done: true, closed: '2025-02-17', days_open: 28, mentions: 3 });
    // due Feb 20 is not before Feb 18
    expect(items.get(RETRO)).toMatchObject({ done: false, overdue: false, days_open: 15 });
  });

  it('makes an item overdue once its due date has passed (as of Feb 25)', async () => {
    const items = await statusAsOf('2025-02-25');
    expect(items.get(RETRO)).toMatchObject({ overdue: true, days_open: 22 }); // Feb 25 − Feb 3
    expect(items.get(DRAFT)).toMatchObject({ overdue: true, days_open: 36 }); // Feb 25 − Jan 20
  });
});

describe('action_item_status on a ticked, reopened and ticked-again item', () => {
  it('closes on the first tick of each run of ticks', async () => {
    const memory = await Database.open();
    try {
      await memory.run(renderTablesDdl());
      await loadScores(memory, JournalConfig.parse({}));
      const mention = (date: string, done: boolean) =>
        `('ship it', 'one_on_one', 's', DATE '${date}', 'one-on-ones/s/${date}.md', 5, 'Ship it', 'me', NULL, ${done}, false)`;
      await memory.run(`INSERT INTO action_items VALUES ${[
        mention('2025-03-01', false), mention('2025-03-08', true), mention('2025-03-15', true),
        mention('2025-04-01', false), mention('2025-04-10', true),
      ].join(', ')}`);
      const at = async (date: string) => (await memory.all<{ done: boolean; closed: string | null; days_open: number }>(`SELECT * FROM action_item_status($date::DATE)`, { date }))[0];
      // ticked Mar 8, still ticked Mar 15: closed Mar 8, open 7 days
      expect(await at('2025-03-20')).toMatchObject({ done: true, closed: '2025-03-08', days_open: 7 });
      // unticked again Apr 1: open, 31 + 4 = 35 days since Mar 1 as of Apr 5
      expect(await at('2025-04-05')).toMatchObject({ done: false, closed: null, days_open: 35 });
      // ticked again Apr 10: closed Apr 10, 40 days after Mar 1
      expect(await at('2025-04-30')).toMatchObject({ done: true, closed: '2025-04-10', days_open: 40 });
    } finally {
      memory.close();
    }
  });
});

describe('one action item wherever it is mentioned', () => {
  // items-across: one item carried from sprint S1 through a daily log and S2 to S3, where it is
  // ticked; one carried through a private 1:1 into a daily log and a public 1:1; one only private.
  const ACROSS = new URL('../../test/fixtures/journals/items-across/', import.meta.url).pathname;
  let across: Database;
  beforeAll(async () => {
    ({ db: across } = await openJournal({ journalDir: ACROSS, cacheDir: null }));
  });
  afterAll(() => across.close());
  const at = async (date: string) =>
    new Map((await across.all<Record<string, unknown>>(`SELECT * FROM action_item_status($date::DATE)`, { date })).map((r) => [r.item_key as string, r]));

  it('closes an item ticked in a later sprint in every sprint and log that mentioned it', async () => {
    const items = await at('2025-04-15');
    // five distinct texts (two spellings of the flaky-test rule are one item), not one per file
    expect(items.size).toBe(5);
    const flaky = items.get('agree a rule for when a flaky test gets quarantined');
    // S1 Mar 14, daily Mar 25, S2 Mar 28, ticked in S3 (dated by its end, Apr 11): Apr 11 − Mar 14 = 28 days
    expect(flaky).toMatchObject({ done: true, mentions: 4, opened: '2025-03-14', closed: '2025-04-11', days_open: 28 });
    // before S3 it was one open item, overdue once its latest due date (Apr 4, from S2) had passed
    expect((await at('2025-04-05')).get('agree a rule for when a flaky test gets quarantined')).toMatchObject({ done: false, overdue: true, due: '2025-04-04' });
    expect(items.get('send the retro notes to the team')).toMatchObject({ done: true, closed: '2025-04-02' });
  });

  it('shows an item carried through a private 1:1 in its public words, and hides one that is only private', async () => {
    // first mentioned in the private 1:1 of Mar 27, then in the daily log of Apr 2
    const book = (await at('2025-04-05')).get('book the load test window');
    expect(book).toMatchObject({ opened: '2025-03-27', private: false, public_text: 'Book the load test window @me due:2025-04-08', public_path: 'daily/2025/2025-04-02.md', public_series: null });
    // before any public mention it is private
    expect((await at('2025-03-30')).get('book the load test window')).toMatchObject({ private: true, public_text: null });
    const hr = (await at('2025-04-15')).get('ask hr about the transfer rules for sam (confidential)');
    expect(hr).toMatchObject({ private: true, public_text: null, overdue: true });
  });

  it('keeps, in the shareable copy, what a private mention decides and none of its words', async () => {
    const shareable = await openShareable(across, JournalConfig.parse({}));
    try {
      const at_ = async (date: string) => new Map((await shareable.all<Record<string, unknown>>(`SELECT * FROM action_item_status($date::DATE)`, { date })).map((r) => [r.item_key as string, r]));
      // the private 1:1 of Mar 27 mentioned it first: opened then, in the words of its public mention
      expect((await at_('2025-04-05')).get('book the load test window')).toMatchObject({ opened: '2025-03-27', text: 'Book the load test window @me due:2025-04-08', done: false });
      const all = await shareable.all<{ text: string; path: string }>(`SELECT text, path FROM action_items`);
      expect(all.some((r) => /transfer rules|HR/.test(r.text) || r.path.includes('2025-03-27'))).toBe(false);
    } finally {
      shareable.close();
    }
  });

  it('counts by hand: as of Apr 15 two items are open and one (the private one) is overdue', async () => {
    const [counts] = await across.all<{ open: number; overdue: number }>(
      `SELECT count(*) FILTER (WHERE NOT done) AS open, count(*) FILTER (WHERE overdue) AS overdue FROM action_item_status(DATE '2025-04-15')`,
    );
    expect(counts).toEqual({ open: 2, overdue: 1 });
  });
});

describe('the sample journal’s open items, against a hand count', () => {
  it('closes an item ticked in a private 1:1 in the shareable copy drafts read too', async () => {
    const { db: sample, config } = await openJournal({ journalDir: new URL('../../journal/', import.meta.url).pathname, cacheDir: null });
    try {
      const shareable = await openShareable(sample, config);
      try {
        // ticked only in the private 1:1 of 2026-10-21; open in the public one of 2026-10-01
        const [row] = await shareable.all<{ done: boolean; closed: string; path: string }>(`SELECT done, closed, path FROM action_item_status(DATE '2026-11-30') WHERE item_key = 'check whether kofi is ready for a mid-level promotion packet'`);
        expect(row).toEqual({ done: true, closed: '2026-10-21', path: 'one-on-ones/tomas-herrera/2026-10-01.md' });
      } finally {
        shareable.close();
      }
    } finally {
      sample.close();
    }
  });

  it('has the overdue and open items counted by hand in the fixture, each once', async () => {
    const hand = JSON.parse(readFileSync(new URL('../../test/fixtures/hand-counts/sample-open-items-2026-11-30.json', import.meta.url), 'utf8')) as { as_of: string; overdue: string[]; open_not_overdue: string[]; done_though_once_overdue: string[] };
    const { db: sample } = await openJournal({ journalDir: new URL('../../journal/', import.meta.url).pathname, cacheDir: null });
    try {
      const { all } = await computeAllReports(sample, hand.as_of);
      // what the dashboard lists: the open items of the report that reaches the as-of date
      const open = all!.action_items.items.filter((i) => i.open);
      const words = (text: string) => actionText(text);
      expect(open.filter((i) => i.overdue).map((i) => words(i.text)).sort()).toEqual([...hand.overdue].sort());
      expect(open.filter((i) => !i.overdue).map((i) => words(i.text)).sort()).toEqual([...hand.open_not_overdue].sort());
      expect(all!.action_items.overdue).toBe(hand.overdue.length);
      const done = all!.action_items.items.filter((i) => hand.done_though_once_overdue.includes(words(i.text)));
      expect(done.every((i) => i.done)).toBe(true);
    } finally {
      sample.close();
    }
  });
});
