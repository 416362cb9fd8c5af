import { cp, mkdtemp, rm, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openJournal } from '../journal.ts';

const fixture = new URL('../../test/fixtures/journals/kinds/', import.meta.url).pathname;
let dir: string;
let journalDir: string;
let cacheDir: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'turbowork-load-'));
  journalDir = join(dir, 'journal');
  cacheDir = join(dir, 'cache');
  await cp(fixture, journalDir, { recursive: true });
});
afterEach(() => rm(dir, { recursive: true, force: true }));

async function open() {
  const journal = await openJournal({ journalDir, cacheDir });
  const days = await journal.db.all<{ date: string; hours: number | null }>('SELECT date, hours FROM days ORDER BY date');
  journal.db.close();
  return { load: journal.load, diagnostics: journal.diagnostics, days };
}

describe('incremental ingest', () => {
  it('parses nothing again when no file changed', async () => {
    const first = await open();
    expect(first.load).toEqual({ parsed: 10, unchanged: 0, removed: 0 });
    const second = await open();
    expect(second.load).toEqual({ parsed: 0, unchanged: 10, removed: 0 });
    expect(second.days).toEqual(first.days);
  });

  it('re-parses only a changed file and replaces its rows', async () => {
    await open();
    await writeFile(join(journalDir, 'daily/2025/2025-02-08.md'), '---\nhours: 5\nenergy: loud\n---\n');
    const after = await open();
    expect(after.load).toEqual({ parsed: 1, unchanged: 9, removed: 0 });
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
    expect(after.load).toEqual({ parsed: 0, unchanged: 9, removed: 1 });
    expect(after.days).toEqual([{ date: '2025-02-07', hours: 8.5 }]);
  });

  it('re-parses everything when the fiscal year changes', async () => {
    await open();
    await writeFile(join(journalDir, 'journal.yml'), 'year_start: "04-01"\n');
    expect((await open()).load).toEqual({ parsed: 10, unchanged: 0, removed: 0 });
  });
});
