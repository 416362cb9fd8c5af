/**
 * Model answers are untrusted and capped: an answer larger than MAX_ANSWER_BYTES is cut off as it
 * arrives, and one longer than the tokens asked for is refused, through the real client against a
 * local OpenAI-compatible server; a draft then falls back offline at its usual size.
 */
import { cp, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { openJournal } from '../../journal.ts';
import { assess } from '../assess.ts';
import { createLlmClient, LlmError, MAX_ANSWER_BYTES } from './client.ts';
import { completion, startLlmServer, type LlmServer } from '../../../test/support/llm-server.ts';

const FIXTURE = new URL('../../../test/fixtures/journals/assess-basic/', import.meta.url).pathname;
const HUGE = 'x'.repeat(30 * MAX_ANSWER_BYTES); // 30 MB of answer
const servers: LlmServer[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) await server.close();
});

async function clientFor(...replies: Parameters<typeof startLlmServer>[0]) {
  const server = await startLlmServer(replies);
  servers.push(server);
  return { server, client: createLlmClient({ baseURL: server.url, model: 'test-model', apiKey: null, timeoutMs: 30_000, maxInputTokens: 10_000 }) };
}

const request = { messages: [{ role: 'user' as const, content: 'Summarize my week.' }], schemaName: 'answer', schema: { type: 'object' }, maxOutputTokens: 1500 };

it('cuts off an answer larger than the byte cap, without retrying it', async () => {
  const { server, client } = await clientFor(completion(JSON.stringify({ summary: HUGE })));
  const error = await client.complete(request).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(LlmError);
  expect((error as Error).message).toContain('larger than 1,000,000 bytes');
  expect(server.requests).toHaveLength(1);
});

it('refuses an answer longer than the tokens asked for (a server that ignores max_tokens)', async () => {
  const words = Array.from({ length: 4000 }, (_, i) => `word${i}`).join(' '); // about 40 KB, under the byte cap
  const { client } = await clientFor(completion(JSON.stringify({ summary: words }), { completionTokens: 200 }));
  await expect(client.complete(request)).rejects.toThrow('more than the 1500 tokens asked for');
  const { client: honest } = await clientFor(completion(JSON.stringify({ summary: 'A short answer.' })));
  expect((await honest.complete(request)).content).toContain('A short answer.');
});

it('writes the offline draft, at its usual size, when the model sends a huge answer', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'tw-cap-'));
  try {
    await cp(FIXTURE, dir, { recursive: true });
    const server = await startLlmServer([completion(JSON.stringify({ summary: { text: HUGE, sources: [] } }))]);
    servers.push(server);
    const yml = (await readFile(join(dir, 'journal.yml'), 'utf8')).replace(/base_url: .*/, `base_url: ${server.url}`);
    await writeFile(join(dir, 'journal.yml'), yml);
    const journal = await openJournal({ journalDir: dir, cacheDir: null });
    const logs: string[] = [];
    try {
      await assess(journal, dir, [{ kind: 'week', period: '2025-W06' }], { asOf: '2025-02-12' }, { now: () => new Date('2025-02-12T12:00:00Z'), env: {}, log: (l) => void logs.push(l) });
    } finally {
      journal.db.close();
    }
    const draft = join(dir, 'assessments/weeks/2025-W06.md');
    expect((await stat(draft)).size).toBeLessThan(50_000);
    expect(await readFile(draft, 'utf8')).toMatch(/generator: offline/);
    expect(logs.join('\n')).toContain('larger than 1,000,000 bytes');
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
