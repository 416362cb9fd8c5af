import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { simpleGit } from 'simple-git';
import { commit, makeRepo, traceGit, type Author } from '../../test/support/git.ts';
import { openJournal } from '../journal.ts';
import { pullRequest, RepositoryError } from './git.ts';
import { importCommits } from './import.ts';

const alex: Author = { name: 'Alex Doe', email: 'alex@example.com' };
const sam: Author = { name: 'Sam Lee', email: 'sam.lee@example.com' };
/** An email that a pattern with an unescaped dot ("sam.lee") would take for Sam's. */
const samDash: Author = { name: 'Sam Lee-Other', email: 'sam-lee@example.com' };

/** Every file under .git with its size, mtime and content hash: what "never writes" is checked against. */
async function snapshot(dir: string): Promise<string[]> {
  const entries = await readdir(join(dir, '.git'), { recursive: true, withFileTypes: true });
  const files = entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name)).sort();
  return Promise.all(files.map(async (f) => `${f} ${(await stat(f)).mtimeMs} ${createHash('sha1').update(await readFile(f)).digest('hex')}`));
}

describe('import git', () => {
  let repo: Awaited<ReturnType<typeof makeRepo>>;
  let journal: string;
  const shas: Record<string, string> = {};

  beforeAll(async () => {
    repo = await makeRepo('payments-api', alex);
    journal = await mkdtemp(join(tmpdir(), 'turbowork-journal-'));
    const { git, dir } = repo;
    shas.first = await commit(git, dir, alex, '2025-03-03T09:00:00+01:00', 'Add the webhook client', { 'src/client.ts': 'a\nb\nc\n', 'README.md': '# api\n' });
    shas.sam = await commit(git, dir, sam, '2025-03-03T11:00:00+01:00', 'Sam: add billing (#7)', { 'src/billing.ts': 'x\ny\n' });
    await git.checkoutLocalBranch('retries');
    // A rename with one line changed: git pairs the two paths, so it is one file, +1 −1.
    shas.rename = await commit(git, dir, alex, '2025-03-04T16:30:00+01:00', 'Rename the client to retry queue (#12)', { 'src/client.ts': null, 'src/retry-queue.ts': 'a\nB\nc\n' });
    shas.binary = await commit(git, dir, alex, '2025-03-05T23:30:00-08:00', 'Add the diagram', { 'docs/flow.png': '\u0000\u0001PNG\u0000' });
    await git.checkout('main');
    shas.samDash = await commit(git, dir, samDash, '2025-03-04T10:00:00+01:00', 'Docs', { 'docs/a.md': 'a\n' });
    shas.sam2 = await commit(git, dir, sam, '2025-03-05T10:00:00+01:00', 'Sam: tune billing', { 'src/billing.ts': 'x\ny\nz\n' });
    await git.merge(['--no-ff', 'retries', '-m', 'Merge pull request #13 from acme/retries']); // by the repository's user, alex
    shas.merge = (await git.revparse(['HEAD'])).trim();
  });
  afterAll(async () => {
    await repo.remove();
    await rm(journal, { recursive: true, force: true });
  });

  it("reads the person's commits only: renames as one file, binaries without lines, merges with their PR, the author's own day", async () => {
    const before = await snapshot(repo.dir);
    const result = await importCommits(journal, repo.dir, { authors: [], since: null }); // the repository's user.email: alex
    expect(await snapshot(repo.dir)).toEqual(before);
    expect(result).toMatchObject({ repository: 'payments-api', path: 'evidence/commits/payments-api.jsonl', authors: ['alex@example.com'], added: 4, known: 0 });

    const lines = (await readFile(join(journal, result.path), 'utf8')).trimEnd().split('\n').map((l) => JSON.parse(l));
    expect(lines.map((c) => c.sha)).toEqual([shas.first, shas.rename, shas.binary, shas.merge]);
    const [first, rename, binary, merge] = lines;
    expect(first).toMatchObject({ time: '2025-03-03T09:00:00+01:00', subject: 'Add the webhook client', files: 2, insertions: 4, deletions: 0, pr: null, merge: false });
    expect(rename).toMatchObject({ files: 1, insertions: 1, deletions: 1, pr: 12, merge: false });
    // 23:30 in California is the 5th there, though the 6th in UTC: the day is the author's.
    expect(binary).toMatchObject({ time: '2025-03-05T23:30:00-08:00', files: 1, insertions: 0, deletions: 0 });
    expect(merge).toMatchObject({ subject: 'Merge pull request #13 from acme/retries', pr: 13, merge: true, files: 0, insertions: 0, deletions: 0 });
    expect(lines.some((c) => c.author === sam.email)).toBe(false);
  });

  it('a second run adds nothing; a new commit is appended and the lines before stay byte for byte', async () => {
    const path = join(journal, 'evidence/commits/payments-api.jsonl');
    const before = await readFile(path, 'utf8');
    expect(await importCommits(journal, repo.dir, { authors: [alex.email], since: null })).toMatchObject({ added: 0, known: 4 });
    expect(await readFile(path, 'utf8')).toBe(before);

    shas.late = await commit(repo.git, repo.dir, alex, '2025-03-07T10:00:00+01:00', 'Retry budget per tenant', { 'src/retry-queue.ts': 'a\nB\nc\nd\n' });
    expect(await importCommits(journal, repo.dir, { authors: [alex.email], since: null })).toMatchObject({ added: 1, known: 4 });
    const after = await readFile(path, 'utf8');
    expect(after.startsWith(before)).toBe(true);
    expect(JSON.parse(after.trimEnd().split('\n').at(-1)!)).toMatchObject({ sha: shas.late, insertions: 1, deletions: 0 });
  });

  it('selects authors by exact email, any case, and several at once; --since goes by the author date', async () => {
    const other = await mkdtemp(join(tmpdir(), 'turbowork-journal-'));
    try {
      expect(await importCommits(other, repo.dir, { authors: ['SAM.LEE@example.com'], since: null })).toMatchObject({ added: 2 });
      // Sam's "sam.lee@…" took neither "sam-lee@…" (the dot is not a wildcard) nor is taken by "lee@…".
      expect(await importCommits(other, repo.dir, { authors: ['lee@example.com'], since: null })).toMatchObject({ added: 0 });
      expect(await importCommits(other, repo.dir, { authors: [samDash.email], since: null })).toMatchObject({ added: 1 });
      await rm(join(other, 'evidence'), { recursive: true });
      const since = await importCommits(other, repo.dir, { authors: [alex.email, sam.email], since: '2025-03-05' });
      const rows = (await readFile(join(other, since.path), 'utf8')).trimEnd().split('\n').map((l) => JSON.parse(l).sha);
      expect(rows.sort()).toEqual([shas.binary, shas.sam2, shas.merge, shas.late].sort());
    } finally {
      await rm(other, { recursive: true, force: true });
    }
  });

  it('loads the commits into the commits table, with ids drafts cite', async () => {
    const opened = await openJournal({ journalDir: journal, cacheDir: null });
    try {
      const rows = await opened.db.all<{ id: string; date: string; pr: number | null; path: string; line: number }>('SELECT id, date, pr, path, line FROM commits ORDER BY line');
      expect(rows[0]).toEqual({ id: `payments-api@${shas.first.slice(0, 12)}`, date: '2025-03-03', pr: null, path: 'evidence/commits/payments-api.jsonl', line: 1 });
      // The merge was made now, so its day is its own; the commit from California keeps its local day.
      const times = (await readFile(join(journal, 'evidence/commits/payments-api.jsonl'), 'utf8')).trimEnd().split('\n').map((l) => JSON.parse(l).time as string);
      expect(rows.map((r) => r.date)).toEqual(times.map((t) => t.slice(0, 10)));
      expect(rows[2].date).toBe('2025-03-05');
    } finally {
      opened.db.close();
    }
  });

  it('an empty repository has no commits; a folder that is not a repository is a RepositoryError', async () => {
    const empty = await makeRepo('empty', alex);
    const plain = await mkdtemp(join(tmpdir(), 'turbowork-plain-'));
    try {
      expect(await importCommits(journal, empty.dir, { authors: [], since: null })).toMatchObject({ added: 0, known: 0 });
      await expect(importCommits(journal, plain, { authors: [], since: null })).rejects.toBeInstanceOf(RepositoryError);
      await expect(importCommits(journal, join(plain, 'missing'), { authors: [], since: null })).rejects.toBeInstanceOf(RepositoryError);
    } finally {
      await empty.remove();
      await rm(plain, { recursive: true, force: true });
    }
  });
});

describe('import git: what the last import saw, in the cache folder', () => {
  let repo: Awaited<ReturnType<typeof makeRepo>>;
  let journal: string;
  let cache: string;
  const shas: Record<string, string> = {};
  const query = { authors: [alex.email], since: null };
  const run = (q: { authors: string[]; since: string | null } = query, dir?: string) => traceGit(() => importCommits(journal, dir ?? repo.dir, q, cache));
  const stored = async () => (await readFile(join(journal, 'evidence/commits/payments-api.jsonl'), 'utf8')).trimEnd().split('\n').map((l) => JSON.parse(l).sha as string);

  beforeAll(async () => {
    repo = await makeRepo('payments-api', alex);
    journal = await mkdtemp(join(tmpdir(), 'turbowork-journal-'));
    cache = await mkdtemp(join(tmpdir(), 'turbowork-cache-'));
    shas.one = await commit(repo.git, repo.dir, alex, '2025-04-01T10:00:00+02:00', 'One', { 'a.ts': '1\n' });
    shas.sam = await commit(repo.git, repo.dir, sam, '2025-04-02T10:00:00+02:00', 'Sam', { 'b.ts': '1\n' });
    shas.two = await commit(repo.git, repo.dir, alex, '2025-04-03T10:00:00+02:00', 'Two', { 'a.ts': '2\n' });
  });
  afterAll(async () => {
    await repo.remove();
    await rm(journal, { recursive: true, force: true });
    await rm(cache, { recursive: true, force: true });
  });

  it('a run that finds nothing new runs one git command, rev-parse; when HEAD moved on, only the commits since are listed', async () => {
    expect((await run()).result).toMatchObject({ added: 2, known: 0 });
    const again = await run();
    expect(again.result).toMatchObject({ added: 0, known: 2 });
    expect(again.commands.map((c) => c.split(' ')[0])).toEqual(['rev-parse']);

    shas.three = await commit(repo.git, repo.dir, alex, '2025-04-04T10:00:00+02:00', 'Three', { 'a.ts': '3\n' });
    const moved = await run();
    expect(moved.result).toMatchObject({ added: 1, known: 2 });
    const logs = moved.commands.filter((c) => c.startsWith('log '));
    expect(logs.length).toBeGreaterThan(0);
    expect(logs.every((c) => c.includes(`^${shas.two}`))).toBe(true); // HEAD then, which the last run listed
    expect(await stored()).toEqual([shas.one, shas.two, shas.three]);
  });

  it('a rewritten history, another query, a hand-edited evidence file or a damaged state: every commit listed again, the counts exact', async () => {
    // Three dropped and made again: the new one is added, the old one stays (evidence only adds), and two of three selected are known.
    await repo.git.reset(['--hard', shas.two]);
    shas.threeAgain = await commit(repo.git, repo.dir, alex, '2025-04-05T10:00:00+02:00', 'Three, again', { 'a.ts': '3!\n' });
    expect((await run()).result).toMatchObject({ added: 1, known: 2 });
    expect(await stored()).toEqual([shas.one, shas.two, shas.three, shas.threeAgain]);

    // A line removed by hand is read again, as the evidence-invalid hint promises.
    const file = join(journal, 'evidence/commits/payments-api.jsonl');
    const lines = (await readFile(file, 'utf8')).split('\n');
    await writeFile(file, lines.filter((l) => !l.includes(shas.one)).join('\n'));
    expect((await run()).result).toMatchObject({ added: 1, known: 2 });
    expect((await stored()).sort()).toEqual([shas.one, shas.two, shas.three, shas.threeAgain].sort());

    // Another author: Sam's commit, which the last query did not select.
    expect((await run({ authors: [alex.email, sam.email], since: null })).result).toMatchObject({ added: 1, known: 3 });
    // A later --since selects fewer: none new, and only those counted.
    expect((await run({ authors: [alex.email], since: '2025-04-03' })).result).toMatchObject({ added: 0, known: 2 });

    const [state] = (await readdir(cache)).filter((name) => name.startsWith('import-git-'));
    await writeFile(join(cache, state), '{"head": "not a hash"');
    const damaged = await run();
    expect(damaged.result).toMatchObject({ added: 0, known: 3 });
    expect(damaged.commands.some((c) => c.startsWith('log '))).toBe(true);
    expect((await run()).commands.map((c) => c.split(' ')[0])).toEqual(['rev-parse']); // and written again
  });

  it('a shallow clone is listed whole each time: deepened under the same HEAD, its older commits come in', async () => {
    const parent = await mkdtemp(join(tmpdir(), 'turbowork-shallow-'));
    const clone = join(parent, 'payments-api');
    const other = await mkdtemp(join(tmpdir(), 'turbowork-journal-'));
    try {
      await simpleGit().clone(`file://${repo.dir}`, clone, ['--depth', '1']);
      const into = () => traceGit(() => importCommits(other, clone, query, cache));
      expect((await into()).result).toMatchObject({ added: 1, known: 0 });
      await simpleGit({ baseDir: clone }).fetch(['--unshallow']);
      expect((await into()).result).toMatchObject({ added: 2, known: 1 });
    } finally {
      await rm(parent, { recursive: true, force: true });
      await rm(other, { recursive: true, force: true });
    }
  });
});

describe('pullRequest', () => {
  it.each([
    ['Fix retries (#123)', 123],
    ['Merge pull request #45 from acme/x', 45],
    ["Merge branch 'feature' into 'main'\n\nSee merge request group/app!77", null], // the body is not the subject
    ['Resolve "Timeouts" - See merge request group/app!77', 77],
    ['Merged PR 789: Bump deps', 789],
    ['fix: handle #42 in parser', 42],
    ['Use C# 12 features', null],
    ['Issue#5 typo', null],
    ['Release 2.0', null],
  ])('%j → %j', (subject, expected) => {
    expect(pullRequest(subject.split('\n')[0])).toBe(expected);
  });
});
