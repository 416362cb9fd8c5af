/**
 * Imported commits in week drafts: sent in the prompt with ids a model cites, linked in the draft to
 * their line of evidence/commits/*.jsonl, and their figures known to the grounding check.
 */
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { openJournal } from '../journal.ts';
import { assess } from './assess.ts';
import { completion, startLlmServer, type LlmServer } from './test-server.ts';

const FIXTURE = new URL('../../test/fixtures/journals/assess-basic/', import.meta.url).pathname;
const commits = [
  { repository: 'payments-api', sha: '4f1c2a9b0d3e5f6a7b8c9d0e1f2a3b4c5d6e7f80', time: '2025-02-04T16:02:11+01:00', author: 'alex@example.com', subject: 'Retry queue for webhooks (#412)', files: 6, insertions: 240, deletions: 31, pr: 412, merge: false },
  { repository: 'payments-api', sha: '9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c4d3e2f1a0b', time: '2025-02-05T09:15:00+01:00', author: 'alex@example.com', subject: 'Merge pull request #415 from acme/ledger', files: 0, insertions: 0, deletions: 0, pr: 415, merge: true },
  { repository: 'payments-api', sha: '1111111111222222222233333333334444444444', time: '2025-02-17T09:15:00+01:00', author: 'alex@example.com', subject: 'Next week', files: 1, insertions: 5, deletions: 0, pr: null, merge: false },
];
let dir: string;
let server: LlmServer;
afterEach(async () => {
  await server?.close();
  await rm(dir, { recursive: true, force: true });
});

async function draftWith(summary: string) {
  dir = await mkdtemp(join(tmpdir(), 'tw-commits-'));
  await cp(FIXTURE, dir, { recursive: true });
  await mkdir(join(dir, 'evidence/commits'), { recursive: true });
  await writeFile(join(dir, 'evidence/commits/payments-api.jsonl'), commits.map((c) => JSON.stringify(c)).join('\n') + '\n');
  server = await startLlmServer([
    completion(JSON.stringify({
      summary: { text: summary, sources: ['commit-4f1c2a9b0d', 'win-2025-02-03-1'] },
      wins: [{ text: 'Shipped the retry queue for webhooks.', sources: ['commit-4f1c2a9b0d'] }],
      blockers: [],
      focus_next_week: [],
    })),
  ]);
  await writeFile(join(dir, 'journal.yml'), (await readFile(join(dir, 'journal.yml'), 'utf8')).replace(/base_url: .*/, `base_url: ${server.url}`));
  const journal = await openJournal({ journalDir: dir, cacheDir: null });
  try {
    await assess(journal, dir, [{ kind: 'week', period: '2025-W06' }], { asOf: '2025-02-12' }, { now: () => new Date('2025-02-12T12:00:00Z'), env: { OPENAI_API_KEY: 'sk-test' }, log: () => {} });
  } finally {
    journal.db.close();
  }
  const text = await readFile(join(dir, 'assessments/weeks/2025-W06.md'), 'utf8');
  const [, front, body] = /^---\n([\s\S]*?)\n---\n([\s\S]*)$/.exec(text)!;
  return { meta: parse(front), body, sent: server.requests[0].text };
}

describe('commits in week drafts', () => {
  it('are in the prompt with their ids and figures, the week’s only; a draft citing one links its line, and its figures are known', async () => {
    const { meta, body, sent } = await draftWith('Shipped the retry queue: 6 files, 240 lines added and 31 removed.');
    expect(sent).toContain('[commit-4f1c2a9b0d] Tue 2025-02-04: payments-api: Retry queue for webhooks (#412), 6 files, +240 −31');
    expect(sent).toContain('[commit-9a8b7c6d5e] Wed 2025-02-05: payments-api: Merge pull request #415 from acme/ledger (merge)');
    expect(sent).toContain('In all: 1 commit (+240 −31 lines)');
    expect(sent).not.toContain('Next week'); // 2025-02-17 is another week
    expect(body).toContain('(../../evidence/commits/payments-api.jsonl#L1)');
    expect(meta.unverified_numbers).toEqual([]);
  });

  it('a figure no commit has is flagged', async () => {
    const { meta } = await draftWith('Shipped the retry queue: 999 lines added.');
    expect(meta.unverified_numbers).toEqual(['999']);
  });
});
