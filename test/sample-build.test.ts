/**
 * CI builds the sample journal on whatever day it runs and fails on a dirty tree: the committed
 * drafts must come out of `build` byte for byte on any date, so the sample is read as of its
 * journal.yml's `as_of`, and `report` counts the same work days as of the same date as its drafts.
 * The journal is a clone of this repository's committed journal, git history and all, as CI's is:
 * a draft's sources hash covers when each entry was written.
 */
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { simpleGit } from 'simple-git';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './support/cli.ts';

const REPO = new URL('../', import.meta.url).pathname;
let dir: string;
let journal: string;

async function drafts(folder: string): Promise<Record<string, string>> {
  const root = join(folder, 'assessments');
  const files = (await readdir(root, { recursive: true, withFileTypes: true })).filter((e) => e.isFile());
  return Object.fromEntries(await Promise.all(files.map(async (e) => [join(e.parentPath, e.name).slice(root.length), await readFile(join(e.parentPath, e.name), 'utf8')])));
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tw-sample-build-'));
  await simpleGit().clone(REPO, join(dir, 'repo'), ['--quiet', '--no-checkout']);
  await simpleGit(join(dir, 'repo')).checkout(['HEAD', '--', 'journal']);
  journal = join(dir, 'repo', 'journal');
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('the sample journal, built months after its drafts were committed', () => {
  it('leaves every committed draft as it is', async () => {
    const before = await drafts(journal);
    const result = await runCli(['build', '--journal', journal, '--out', join(dir, 'site')], { today: '2027-06-15' });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toContain('wrote 0 of');
    expect(await drafts(journal)).toEqual(before);
  });

  it('and `report` counts the running year as of the same date as the year draft', async () => {
    const year = await readFile(join(journal, 'assessments/years/2026.md'), 'utf8');
    const asOf = /^generated: (\S+)$/m.exec(year)![1];
    const report = JSON.parse((await runCli(['report', 'year', '2026', '--json', '--journal', journal], { today: '2027-06-15' })).stdout) as { period: { as_of: string }; coverage: { logged_work_days: number; work_days: number } };
    expect(report.period.as_of).toBe(asOf);
    // The same work days; the draft's logged days leave out the sample's 3 private days (drafts count
    // only what may be shared, src/db/shareable.sql; test/site.test.ts checks the page beside it).
    expect(year).toContain(`In 2026 I logged ${report.coverage.logged_work_days - 3} of ${report.coverage.work_days} work days`);
  });
});
