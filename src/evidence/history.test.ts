import { mkdtemp, rename, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { simpleGit } from 'simple-git';
import { commit, makeRepo, traceGit, type Author } from '../../test/support/git.ts';
import { openShareable } from '../db/shareable.ts';
import { openJournal } from '../journal.ts';
import { readEntries } from '../assess/entries.ts';
import { rankWins } from '../assess/evidence.ts';
import { addedLater, historyStart, readEntryHistory, writingDelay } from './history.ts';

const alex: Author = { name: 'Alex Doe', email: 'alex@example.com' };
const bot: Author = { name: 'Sync Bot', email: 'bot@example.com' };
const log = (wins: string[]) => `---\nhours: 8\n---\n\n## Wins\n\n${wins.map((w) => `- ${w}`).join('\n')}\n`;

describe('entry history from the journal’s git', () => {
  let repo: Awaited<ReturnType<typeof makeRepo>>;
  let journal: string;

  beforeAll(async () => {
    // The journal is a folder inside the repository, beside code it does not own.
    repo = await makeRepo('notes', alex);
    journal = join(repo.dir, 'journal');
    const { git, dir } = repo;
    await commit(git, dir, alex, '2025-03-01T09:00:00+01:00', 'Tooling', { 'tools/x.sh': 'echo\n' });
    await commit(git, dir, alex, '2025-03-03T18:00:00+01:00', 'Monday', { 'journal/daily/2025/2025-03-03.md': log(['Paired on the ledger export']) });
    await commit(git, dir, bot, '2025-03-03T22:00:00+01:00', 'Sync', { 'journal/daily/2025/2025-03-03.md': log(['Paired on the ledger export', 'Reviewed two PRs']) });
    // A flat file, renamed into its year folder later: its history follows it.
    await commit(git, dir, alex, '2025-03-06T17:00:00+01:00', 'Thursday', { 'journal/daily/2025-03-06 notes.md': `---\ndate: 2025-03-06\n---\n\n## Wins\n\n- Fixed the flaky test\n` });
    await commit(git, dir, alex, '2025-03-10T09:00:00+01:00', 'Catch up', { 'journal/daily/2025/2025-03-05.md': log(['Drafted the RFC']) });
    // On a branch, merged: the commit on the branch is when it was written.
    await git.checkoutLocalBranch('backfill');
    await commit(git, dir, alex, '2025-03-20T21:00:00+01:00', 'Backfill', {
      'journal/daily/2025/2025-03-04.md': log(['Shipped the retry queue #highlight']),
      'journal/daily/2025/2025-02-03.md': log(['Onboarded']),
    });
    await git.checkout('main');
    await git.merge(['--no-ff', 'backfill', '-m', 'Merge backfill']);
    await repo.git.mv('journal/daily/2025-03-06 notes.md', 'journal/daily/2025/2025-03-06 é.md');
    await commit(git, dir, alex, '2025-04-01T08:00:00+02:00', 'Tidy', {});
    await mkdir(join(journal, 'daily/2025'), { recursive: true });
    await writeFile(join(journal, 'daily/2025/2025-03-07.md'), log(['Not committed yet']));
  });
  afterAll(() => repo.remove());

  it('gives each file its first and last commit day, through renames, merges and other authors, relative to the journal', async () => {
    const history = await readEntryHistory(journal);
    expect(Object.fromEntries(history!)).toEqual({
      'daily/2025/2025-03-03.md': { first: '2025-03-03', last: '2025-03-03' },
      'daily/2025/2025-03-06 é.md': { first: '2025-03-06', last: '2025-04-01' },
      'daily/2025/2025-03-05.md': { first: '2025-03-10', last: '2025-03-10' },
      'daily/2025/2025-03-04.md': { first: '2025-03-20', last: '2025-03-20' },
      'daily/2025/2025-02-03.md': { first: '2025-03-20', last: '2025-03-20' },
    });
    expect(historyStart(history!)).toBe('2025-03-03'); // the journal's, not the repository's 2025-03-01
  });

  it('marks an entry added more than a week after its date, and no other', async () => {
    const history = (await readEntryHistory(journal))!;
    const start = historyStart(history);
    const mark = (date: string, path: string) => addedLater(date, history.get(path), start);
    expect(mark('2025-03-03', 'daily/2025/2025-03-03.md')).toBeNull(); // same day
    expect(mark('2025-03-05', 'daily/2025/2025-03-05.md')).toBeNull(); // five days: not marked either way
    expect(mark('2025-03-04', 'daily/2025/2025-03-04.md')).toBe('2025-03-20'); // sixteen days
    expect(mark('2025-02-03', 'daily/2025/2025-02-03.md')).toBeNull(); // dated before the history starts
    expect(mark('2025-03-07', 'daily/2025/2025-03-07.md')).toBeNull(); // not committed
    // The week boundary: seven days later is within a week, eight is not.
    expect(addedLater('2025-03-01', { first: '2025-03-08', last: '2025-03-08' }, '2025-01-01')).toBeNull();
    expect(addedLater('2025-03-01', { first: '2025-03-09', last: '2025-03-09' }, '2025-01-01')).toBe('2025-03-09');
    expect(writingDelay('2025-03-04', history.get('daily/2025/2025-03-04.md'), start)).toBe(16);
  });

  it('a journal outside git has no history; an empty repository has none yet', async () => {
    const plain = await mkdtemp(join(tmpdir(), 'turbowork-plain-'));
    const empty = await makeRepo('empty', alex);
    try {
      expect(await readEntryHistory(plain)).toBeNull();
      expect(await readEntryHistory(empty.dir)).toEqual(new Map());
    } finally {
      await rm(plain, { recursive: true, force: true });
      await empty.remove();
    }
  });

  it('loads into entry_history, and drafts put the wins written on the day first', async () => {
    const opened = await openJournal({ journalDir: journal, cacheDir: null, history: true });
    try {
      expect(await opened.db.all(`SELECT path, first_written, last_written FROM entry_history WHERE path LIKE '%03-04%'`)).toEqual([
        { path: 'daily/2025/2025-03-04.md', first_written: '2025-03-20', last_written: '2025-03-20' },
      ]);
      const shareable = await openShareable(opened.db, opened.config);
      const [entries] = await readEntries(shareable, [{ start: '2025-03-03', end: '2025-03-09', asOf: '2025-03-09' }]);
      shareable.close();
      expect(entries.wins.map((w) => [w.text, w.written_after])).toEqual([
        ['Paired on the ledger export', 0], ['Reviewed two PRs', 0], ['Shipped the retry queue #highlight', 16], ['Drafted the RFC', 5], ['Fixed the flaky test', 0], ['Not committed yet', null],
      ]);
      // The highlight would lead on importance alone; written sixteen days late, it follows the wins written on their day.
      expect(rankWins(entries.wins).map((w) => w.text)).toEqual(['Paired on the ledger export', 'Reviewed two PRs', 'Fixed the flaky test', 'Not committed yet', 'Shipped the retry queue #highlight', 'Drafted the RFC']);
    } finally {
      opened.db.close();
    }
    const without = await openJournal({ journalDir: journal, cacheDir: null });
    try {
      expect(await without.db.all('SELECT * FROM entry_history')).toEqual([]);
    } finally {
      without.db.close();
    }
  });
});

describe('entry history in the cache, by HEAD', () => {
  let repo: Awaited<ReturnType<typeof makeRepo>>;
  let cache: string;

  beforeAll(async () => {
    repo = await makeRepo('journal', alex);
    cache = await mkdtemp(join(tmpdir(), 'turbowork-cache-'));
    await commit(repo.git, repo.dir, alex, '2025-03-03T18:00:00+01:00', 'Monday', { 'daily/2025/2025-03-03.md': log(['Paired on the ledger export']) });
  });
  afterAll(async () => {
    await repo.remove();
    await rm(cache, { recursive: true, force: true });
  });

  /** Opens the journal as build does (or as check does, without history): its entry_history, and the git commands run. */
  const open = (journalDir: string, history = true) =>
    traceGit(async () => {
      const journal = await openJournal({ journalDir, cacheDir: cache, history });
      try {
        return await journal.db.all<{ path: string; first_written: string; last_written: string }>('SELECT path, first_written, last_written FROM entry_history ORDER BY path');
      } finally {
        journal.db.close();
      }
    });
  const monday = { path: 'daily/2025/2025-03-03.md', first_written: '2025-03-03', last_written: '2025-03-03' };
  const logs = (commands: string[]) => commands.filter((c) => c.startsWith('log ')).length;

  it('is read again only when HEAD moved: a new commit, a rewritten history, the journal leaving git or coming back', async () => {
    const cold = await open(repo.dir);
    expect(cold.result).toEqual([monday]);
    expect(logs(cold.commands)).toBe(1);
    const warm = await open(repo.dir);
    expect(warm.result).toEqual([monday]);
    expect(warm.commands.map((c) => c.split(' ')[0])).toEqual(['rev-parse']);

    await commit(repo.git, repo.dir, alex, '2025-03-04T18:00:00+01:00', 'Tuesday', { 'daily/2025/2025-03-04.md': log(['Shipped the export']) });
    const moved = await open(repo.dir);
    expect(moved.result).toEqual([monday, { path: 'daily/2025/2025-03-04.md', first_written: '2025-03-04', last_written: '2025-03-04' }]);
    expect(logs(moved.commands)).toBe(1);

    // Tuesday's commit made again eight days later: same files, another history.
    await repo.git.reset(['--soft', 'HEAD~1']);
    await commit(repo.git, repo.dir, alex, '2025-03-12T18:00:00+01:00', 'Tuesday, late', {});
    expect((await open(repo.dir)).result).toEqual([monday, { path: 'daily/2025/2025-03-04.md', first_written: '2025-03-12', last_written: '2025-03-12' }]);

    // check, which does not ask for history, keeps what the last build read and runs no git.
    const check = await open(repo.dir, false);
    expect(check.result).toHaveLength(2);
    expect(check.commands).toEqual([]);

    await rename(join(repo.dir, '.git'), join(repo.dir, '.git-away'));
    expect((await open(repo.dir)).result).toEqual([]); // outside git
    await rename(join(repo.dir, '.git-away'), join(repo.dir, '.git'));
    expect((await open(repo.dir)).result).toHaveLength(2);
  });

  it('a shallow clone is read each time: deepened under the same HEAD, its entries get their first days back', async () => {
    const parent = await mkdtemp(join(tmpdir(), 'turbowork-shallow-'));
    const clone = join(parent, 'journal');
    try {
      await simpleGit().clone(`file://${repo.dir}`, clone, ['--depth', '1']);
      // Only the last commit is there: every file looks first written that day.
      expect((await open(clone)).result.map((r) => r.first_written)).toEqual(['2025-03-12', '2025-03-12']);
      await simpleGit({ baseDir: clone }).fetch(['--unshallow']);
      const deepened = await open(clone);
      expect(deepened.result.map((r) => r.first_written)).toEqual(['2025-03-03', '2025-03-12']);
      expect(logs((await open(clone)).commands)).toBe(0); // no longer shallow: cached
    } finally {
      await rm(parent, { recursive: true, force: true });
    }
  });
});
