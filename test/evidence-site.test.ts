/** Evidence on the built site: commits on day and week pages, "added later" on wins written long after their day. */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnCli } from './support/cli.ts';
import { commit, makeRepo, type Author } from './support/git.ts';

const root = new URL('../', import.meta.url).pathname;
const alex: Author = { name: 'Alex Doe', email: 'alex@example.com' };
const commits = [
  { repository: 'payments-api', sha: '4f1c2a9b0d3e5f6a7b8c9d0e1f2a3b4c5d6e7f80', time: '2025-03-03T16:02:11+01:00', author: 'alex@example.com', subject: 'Retry queue for webhooks (#412)', files: 6, insertions: 240, deletions: 31, pr: 412, merge: false },
  { repository: 'payments-api', sha: '9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c4d3e2f1a0b', time: '2025-03-04T09:15:00+01:00', author: 'alex@example.com', subject: 'Merge pull request #415 from acme/ledger', files: 0, insertions: 0, deletions: 0, pr: 415, merge: true },
];
const log = (wins: string) => `---\nhours: 8\n---\n\n## Wins\n\n${wins}\n`;

let repo: Awaited<ReturnType<typeof makeRepo>>;
let work: string;
const page = (out: string, path: string) => readFile(join(work, out, path, 'index.html'), 'utf8');

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'turbowork-evidence-site-'));
  repo = await makeRepo('journal', alex);
  const { git, dir } = repo;
  await commit(git, dir, alex, '2025-03-03T18:00:00+01:00', 'Monday', {
    'daily/2025/2025-03-03.md': log('- Shipped the retry queue #highlight'),
    'evidence/commits/payments-api.jsonl': commits.map((c) => JSON.stringify(c)).join('\n') + '\n',
  });
  await commit(git, dir, alex, '2025-03-20T21:00:00+01:00', 'Backfill Tuesday', { 'daily/2025/2025-03-04.md': log('- Led the ledger export design review #highlight') });
  for (const [name, extra] of [['private', []], ['public', ['--public']]] as const) {
    const result = await spawnCli(['build', '--journal', dir, '--out', join(work, name), '--as-of', '2025-03-31', '--no-llm', ...extra], root);
    expect(result.stderr).toContain('✔ built');
  }
}, 240_000);
afterAll(async () => {
  await repo?.remove();
  await rm(work, { recursive: true, force: true });
});

describe('the site with imported evidence and entry history', () => {
  it('marks the win first committed sixteen days after its day, with that day, and not the one written on time', async () => {
    const late = await page('private', 'days/2025-03-04');
    expect(late).toMatch(/added later · <time datetime="2025-03-20">2025-03-20<\/time>/);
    expect(await page('private', 'days/2025-03-03')).not.toContain('added later');
    const week = await page('private', 'weeks/2025-W10');
    expect(week.match(/added later/g)).toHaveLength(1);
  });

  it('lists the commits on their day and week pages', async () => {
    const monday = await page('private', 'days/2025-03-03');
    expect(monday).toContain('<h2>Commits</h2>');
    expect(monday).toMatch(/payments-api<\/span> <code>4f1c2a9<\/code> Retry queue for webhooks \(#412\)/);
    expect(monday).toContain('6 files, +240 −31');
    const week = await page('private', 'weeks/2025-W10');
    expect(week).toContain('Retry queue for webhooks (#412)');
    expect(week).toMatch(/Merge pull request #415 from acme\/ledger\s*<span class="small muted"[^>]*> · merge · PR #415/);
    expect(await page('private', 'days/2025-03-05').catch(() => '')).not.toContain('Retry queue');
  });

  it('shows the commits and the added-later mark on a --public build too (both are shareable, src/db/shareable.sql)', async () => {
    expect(await page('public', 'days/2025-03-03')).toContain('Retry queue for webhooks (#412)');
    expect(await page('public', 'days/2025-03-04')).toMatch(/added later · <time datetime="2025-03-20">/);
  });
});
