import { chmod, cp, readFile, stat, unlink, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { openJournal } from '../journal.ts';
import { readFiles } from '../ingest/read.ts';
import { loadChangedFiles } from './load.ts';
import { makeRepo } from '../../test/support/git.ts';
import { scratchJournal } from '../../test/support/journal.ts';

const fixture = new URL('../../test/fixtures/journals/kinds/', import.meta.url).pathname;
const scratch = scratchJournal('load', { from: fixture });
let journalDir: string;
let cacheDir: string;
beforeEach(() => ({ journal: journalDir, cache: cacheDir } = scratch));

/** Opens the journal as of `now` (ms since the epoch): its files' stamps are trusted once they are SETTLE_MS old. */
async function open(now = Date.now()) {
  const journal = await openJournal({ journalDir, cacheDir, now: () => now });
  const days = await journal.db.all<{ date: string; hours: number | null }>('SELECT date, hours FROM days ORDER BY date');
  journal.db.close();
  return { load: journal.load, diagnostics: journal.diagnostics, days };
}

describe('incremental ingest', () => {
  it('parses nothing again when no file changed', async () => {
    const first = await open();
    expect(first.load).toEqual({ read: 10, parsed: 10, unchanged: 0, removed: 0 });
    const second = await open();
    expect(second.load).toEqual({ read: 10, parsed: 0, unchanged: 10, removed: 0 });
    expect(second.days).toEqual(first.days);
  });

  it('knows files again by names with quotes, backslashes, tabs and other scripts', async () => {
    for (const name of ['2025-02-11 "quoted" \\ back.md', '2025-02-12\tтабуляция 日本.md']) await writeFile(join(journalDir, 'daily/2025', name), '## Wins\n\n- Odd name\n');
    expect((await open()).load).toMatchObject({ parsed: 12, unchanged: 0 });
    expect((await open()).load).toMatchObject({ parsed: 0, unchanged: 12, removed: 0 });
  });

  it('re-parses only a changed file and replaces its rows', async () => {
    await open();
    await writeFile(join(journalDir, 'daily/2025/2025-02-08.md'), '---\nhours: 5\nenergy: loud\n---\n');
    const after = await open();
    expect(after.load).toEqual({ read: 10, parsed: 1, unchanged: 9, removed: 0 });
    expect(after.days).toEqual([{ date: '2025-02-07', hours: 8.5 }, { date: '2025-02-08', hours: 5 }]);
    expect(after.diagnostics).toMatchObject([{ file: 'daily/2025/2025-02-08.md', code: 'frontmatter-invalid' }]);
  });

  it('keeps reporting a broken file that did not change', async () => {
    await writeFile(join(journalDir, 'daily/2025/2025-02-09.md'), '---\nenergy: 9\n---\n');
    expect((await open()).diagnostics).toHaveLength(1);
    const again = await open();
    expect(again.load.parsed).toBe(0);
    expect(again.diagnostics).toMatchObject([{ file: 'daily/2025/2025-02-09.md', line: 2 }]);
  });

  it('forgets the rows of a deleted file', async () => {
    await open();
    await unlink(join(journalDir, 'daily/2025/2025-02-08.md'));
    const after = await open();
    expect(after.load).toEqual({ read: 9, parsed: 0, unchanged: 9, removed: 1 });
    expect(after.days).toEqual([{ date: '2025-02-07', hours: 8.5 }]);
  });

  it('re-parses everything when the fiscal year changes', async () => {
    await open();
    await writeFile(join(journalDir, 'journal.yml'), 'year_start: "04-01"\n');
    expect((await open()).load).toEqual({ read: 10, parsed: 10, unchanged: 0, removed: 0 });
  });
});

/**
 * A file whose stamp (size, times, inode) is the one stored with its hash is not read again; every
 * other is. The clock is moved on to make the files "settled" (SETTLE_MS), as time would.
 */
describe('stamps', () => {
  const later = (seconds: number) => Date.now() + seconds * 1000;
  const daily = () => join(journalDir, 'daily/2025/2025-02-08.md');

  it('a settled journal is not read again; a file just written is, until it settles', async () => {
    await open(later(10));
    expect((await open(later(10))).load).toEqual({ read: 0, parsed: 0, unchanged: 10, removed: 0 });
    await writeFile(daily(), '---\nhours: 5\n---\n');
    expect((await open(later(10))).load).toEqual({ read: 1, parsed: 1, unchanged: 9, removed: 0 });
    expect((await open(later(10))).load).toEqual({ read: 0, parsed: 0, unchanged: 10, removed: 0 });
    // A moment after a write, the file's stamp is not trusted, though it is the same as last time
    // (a second write within the file system's timestamp step could leave it so): it is read again.
    await writeFile(daily(), '---\nhours: 6\n---\n');
    const moment = Number((await stat(daily())).ctimeMs) + 1000;
    expect((await open(moment)).load).toMatchObject({ parsed: 1, unchanged: 9, removed: 0 });
    const again = (await open(moment)).load;
    expect(again).toMatchObject({ parsed: 0, unchanged: 10, removed: 0 });
    expect(again.read).toBeGreaterThanOrEqual(1);
    expect((await open(later(10))).load).toMatchObject({ parsed: 0, unchanged: 10, removed: 0 });
    expect((await open(later(10))).load).toEqual({ read: 0, parsed: 0, unchanged: 10, removed: 0 });
    expect((await open(later(10))).days).toEqual([{ date: '2025-02-07', hours: 8.5 }, { date: '2025-02-08', hours: 6 }]);
  });

  it('sees a same-size rewrite whose modification time was set back (cp -p, rsync, tar)', async () => {
    const stamp = new Date('2025-02-08T18:00:00Z');
    await utimes(daily(), stamp, stamp);
    const text = await readFile(daily(), 'utf8');
    await open(later(10));
    const rewritten = text.replace('hours: 2', 'hours: 7');
    expect(rewritten).not.toEqual(text);
    expect(rewritten.length).toBe(text.length);
    await writeFile(daily(), rewritten);
    await utimes(daily(), stamp, stamp);
    const after = await open(later(20));
    expect(after.load).toMatchObject({ read: 1, parsed: 1 });
    expect(after.days).toEqual([{ date: '2025-02-07', hours: 8.5 }, { date: '2025-02-08', hours: 7 }]);
  });

  // Root reads any file: the hostile corpus runs its unreadable case as another user instead.
  it.skipIf(process.getuid?.() === 0)('keeps reporting a file that cannot be read, and reads it again each time', async () => {
    await open(later(10));
    await chmod(daily(), 0o000);
    try {
      for (const seconds of [10, 20]) {
        const { load, diagnostics } = await open(later(seconds));
        expect(diagnostics).toMatchObject([{ file: 'daily/2025/2025-02-08.md', code: 'file-unreadable' }]);
        expect(load).toMatchObject({ read: 0, removed: 1 });
      }
    } finally {
      await chmod(daily(), 0o644);
    }
  });

  it('follows git checkouts between branches whose files have the same size and times', async () => {
    const { dir: repo, git, remove } = await makeRepo('journal', { name: 'Ada', email: 'ada@example.com' });
    try {
      await cp(journalDir, repo, { recursive: true });
      journalDir = repo;
      await git.add('.');
      await git.commit('main');
      await git.checkoutLocalBranch('other');
      await writeFile(daily(), (await readFile(daily(), 'utf8')).replace('hours: 2', 'hours: 7'));
      await git.commit('other', ['daily/2025/2025-02-08.md']);
      const hoursOn = async (branch: string, seconds: number) => {
        await git.checkout(branch);
        await utimes(daily(), new Date('2025-02-08T18:00:00Z'), new Date('2025-02-08T18:00:00Z'));
        const { days } = await open(later(seconds));
        return days.find((d) => d.date === '2025-02-08')?.hours;
      };
      expect(await hoursOn('main', 10)).toBe(2);
      expect(await hoursOn('other', 20)).toBe(7);
      expect(await hoursOn('main', 30)).toBe(2);
      expect(await hoursOn('other', 40)).toBe(7);
    } finally {
      await remove();
    }
  });
});

/**
 * The cross-file checks' findings are stored with the cache and found again only when rows (or the
 * checks, or journal.yml's nudges) changed: each change below must show, and the unchanged runs
 * between must keep reporting what they stored.
 */
describe('cross-file findings', () => {
  const codes = (diagnostics: { code: string; file: string }[]) => diagnostics.map((d) => `${d.code} ${d.file}`).filter((d) => !d.startsWith('win-unquantified'));
  const note = () => join(journalDir, 'daily/2025/2025-02-10.md');

  it('follow the files, stay while nothing changes, and follow the nudges setting', async () => {
    const clean = codes((await open()).diagnostics);
    await writeFile(note(), '## Wins\n\n- Paired on [[2025-Q1/nowhere-at-all]]\n');
    // A load without the checks (new daily) leaves them to be found by the next load that runs them.
    const rowsOnly = await openJournal({ journalDir, cacheDir, crossFileChecks: false });
    rowsOnly.db.close();
    expect(codes(rowsOnly.diagnostics)).toEqual([]);
    const broken = codes((await open()).diagnostics);
    expect(broken).toEqual([...clean, 'link-unresolved daily/2025/2025-02-10.md'].sort());
    expect(codes((await open()).diagnostics)).toEqual(broken);
    await writeFile(note(), '## Wins\n\n- Paired on [[2025-Q1/reliability]]\n');
    expect(codes((await open()).diagnostics)).toEqual(clean);
    await unlink(note());
    expect(codes((await open()).diagnostics)).toEqual(clean);

    await writeFile(join(journalDir, 'achievements/2025-02-09-pairing.md'), '---\ntitle: Pairing week\ndate: 2025-02-09\n---\n\n## Result\n\nThe team shipped more.\n');
    const nudged = (await open()).diagnostics.filter((d) => d.code === 'win-unquantified').length;
    expect(nudged).toBeGreaterThan(0);
    const yml = join(journalDir, 'journal.yml');
    await writeFile(yml, `${await readFile(yml, 'utf8')}nudges: false\n`);
    expect((await open()).diagnostics.filter((d) => d.code === 'win-unquantified')).toEqual([]);
    await writeFile(yml, (await readFile(yml, 'utf8')).replace('nudges: false\n', ''));
    expect((await open()).diagnostics.filter((d) => d.code === 'win-unquantified')).toHaveLength(nudged);
  });

  it('name a key result an objective lacks, the objective given by its id or its last part, with "_" and "%" taken as written', async () => {
    const clean = codes((await open()).diagnostics);
    await writeFile(note(), '## Wins\n\n- [[2025-Q1/reliability#uptime]], [[reliability#nope]], [[2025-Q1/reliability#gone]]\n- [[reli_bility#nope]] and [[%ability#nope]]\n');
    const { diagnostics } = await open();
    const krs = diagnostics.filter((d) => d.code === 'kr-unknown').map((d) => d.message);
    expect(krs).toEqual(['Objective "2025-Q1/reliability" has no key result "nope"', 'Objective "2025-Q1/reliability" has no key result "gone"']);
    // A link whose "_" or "%" would match any letter as a LIKE pattern names no objective: it is unresolved.
    expect(codes(diagnostics)).toEqual([...clean, ...['kr-unknown', 'kr-unknown', 'link-unresolved', 'link-unresolved'].map((code) => `${code} daily/2025/2025-02-10.md`)].sort());
  });

  it('are found again after a file is loaded alone (dev, on a save), which leaves them to the next load', async () => {
    const clean = codes((await open()).diagnostics);
    await writeFile(note(), '## Wins\n\n- Paired on [[2025-Q1/nowhere-at-all]]\n');
    const journal = await openJournal({ journalDir, cacheDir });
    try {
      // The first load read the note as new; load it alone as dev does when it is saved again.
      await writeFile(note(), '## Wins\n\n- Paired on [[2025-Q1/reliability]] and [[2025-Q1/nowhere-else]]\n');
      const { files } = readFiles(journalDir, ['daily/2025/2025-02-10.md']);
      await loadChangedFiles(journal.db, files, journal.config);
    } finally {
      journal.db.close();
    }
    // Long after the save: the note's stamp would be trusted, had dev stored one.
    const { diagnostics, load } = await open(Date.now() + 60_000);
    expect(load.parsed).toBe(0);
    expect(codes(diagnostics)).toEqual([...clean, 'link-unresolved daily/2025/2025-02-10.md'].sort());
    expect(diagnostics.find((d) => d.code === 'link-unresolved')?.message).toContain('nowhere-else');
  });
});

describe('settings', () => {
  it('the settings row follows journal.yml on a warm cache', async () => {
    const weight = async () => {
      const journal = await openJournal({ journalDir, cacheDir });
      const [row] = await journal.db.all<{ w: number }>('SELECT weight_delivery AS w FROM settings');
      journal.db.close();
      return row.w;
    };
    expect(await weight()).toBe(30);
    const yml = join(journalDir, 'journal.yml');
    await writeFile(yml, (await readFile(yml, 'utf8')).replace('delivery: 30', 'delivery: 40'));
    expect(await weight()).toBe(40);
    expect(await weight()).toBe(40);
  });
});
