/**
 * End to end: the fixture journal test/fixtures/journals/assess-basic (copied to a temporary folder)
 * drafted through the real client against a local OpenAI-compatible server. Every test checks what
 * was sent (no private entry, email, phone, secret or configured word; placeholders present) and
 * what was written.
 */
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { openJournal } from '../journal.ts';
import { generateJournal, writeJournal } from '../../scripts/generate-journal.ts';
import { assess, refreshAssessments, type AssessOptions } from './assess.ts';
import type { DraftKind } from './store.ts';
import { apiError, completion, startLlmServer, type LlmServer, type Recorded, type Reply } from '../../test/support/llm-server.ts';

const FIXTURE = new URL('../../test/fixtures/journals/assess-basic/', import.meta.url).pathname;
const NOW = new Date('2025-02-12T12:00:00Z');
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

/** A fixture copy whose journal.yml points at a fresh server with `replies`. */
async function setup(replies: (Reply | ((r: Recorded) => Reply))[], llm: Record<string, string> = {}) {
  const dir = await mkdtemp(join(tmpdir(), 'tw-assess-'));
  await cp(FIXTURE, dir, { recursive: true });
  const server = await startLlmServer(replies);
  cleanups.push(() => server.close(), () => rm(dir, { recursive: true, force: true }));
  let yml = (await readFile(join(dir, 'journal.yml'), 'utf8')).replace(/base_url: .*/, `base_url: ${server.url}`);
  for (const [key, value] of Object.entries(llm)) {
    const line = new RegExp(`^  ${key}:.*$`, 'm');
    yml = line.test(yml) ? yml.replace(line, `  ${key}: ${value}`) : yml.replace(/(llm:\n)/, `$1  ${key}: ${value}\n`);
  }
  await writeFile(join(dir, 'journal.yml'), yml);
  const logs: string[] = [];
  const sleeps: number[] = [];
  const run = async (kind: DraftKind = 'week', period = '2025-W06', options: AssessOptions = {}, env: NodeJS.ProcessEnv = {}) => {
    const journal = await openJournal({ journalDir: dir, cacheDir: null });
    try {
      const effects = { now: () => NOW, env, log: (l: string) => void logs.push(l), clientEffects: { sleep: async (ms: number) => void sleeps.push(ms) } };
      return await assess(journal, dir, [{ kind, period }], { asOf: '2025-02-12', ...options }, effects);
    } finally {
      journal.db.close();
    }
  };
  const read = async (path = 'assessments/weeks/2025-W06.md') => {
    const text = await readFile(join(dir, path), 'utf8');
    const [, front, body] = /^---\n([\s\S]*?)\n---\n([\s\S]*)$/.exec(text)!;
    return { text, meta: parse(front), body };
  };
  return { dir, server, run, read, logs, sleeps };
}

/** A valid week answer citing real ids, plus one unknown id and some hostile text. */
function weekAnswer(summary = 'A strong week: p95 latency fell from 850ms to 120ms and $250K a year was saved.') {
  return JSON.stringify({
    summary: { text: summary, sources: ['win-2025-02-03-1', 'win-2025-02-04-1'] },
    wins: [
      { text: 'Cut p95 latency on search from 850ms to 120ms.', sources: ['win-2025-02-03-1'] },
      { text: 'Reduced flaky tests from 12 to 3 <script>alert(1)</script> ![x](https://evil.example/?q=1)', sources: ['win-2025-02-06-1', 'win-1999-01-01-9'] },
    ],
    blockers: [{ text: 'Waiting on prod access slowed the rollout.', sources: ['day-2025-02-03'] }],
    focus_next_week: [{ text: 'Write the latency postmortem.', sources: ['day-2025-02-07'] }],
  });
}

/** What every request must look like: redacted, no private entries, no tools, strict schema. */
function expectSafe(request: Recorded, schemaName = 'week_assessment') {
  const text = request.text.toLowerCase();
  for (const leak of ['private-marker', 'private-series-marker', '777k', 'retention bonus', 'dana.ortiz@', '123-4567', 'northwind', 'project falcon', 'ghp_abc', 'hunter2']) {
    expect(text, `sent "${leak}"`).not.toContain(leak);
  }
  for (const placeholder of ['[EMAIL]', '[PHONE]', '[SECRET]', '[REDACTED]']) expect(request.text).toContain(placeholder);
  expect(request.body.tools).toBeUndefined();
  expect(request.body.response_format).toMatchObject({ type: 'json_schema', json_schema: { name: schemaName, strict: true } });
  expect(request.body.messages[1].content).toMatch(/<journal_data>[\s\S]*<\/journal_data>$/);
}

describe('assess against an OpenAI-compatible server', () => {
  it('writes the model draft from a good answer, with citations as relative links', async () => {
    const t = await setup([completion(weekAnswer(), { promptTokens: 2100, completionTokens: 300 })]);
    const summary = await t.run();
    expect(t.server.requests).toHaveLength(1);
    expectSafe(t.server.requests[0]);
    const { meta, body } = await t.read();
    // The hostile "alert(1)" holds a figure no entry gives.
    expect(meta).toMatchObject({ period: '2025-W06', kind: 'week', generator: 'test-model', tokens: { prompt: 2100, completion: 300 }, calls: 1, generated: '2025-02-09', unverified_numbers: ['1'] });
    expect(body).toContain('[2025-02-03](../../daily/2025/2025-02-03.md#L14)');
    expect(body).toContain('Drafted by the model `test-model`');
    // Model text is escaped: no HTML, no image, no link of its making.
    expect(body).not.toContain('<script>');
    expect(body).toContain('&lt;script&gt;');
    expect(body).not.toMatch(/!\[x\]\(/);
    // The unknown id is dropped and reported.
    expect(summary.drafts[0].unknownSources).toEqual(['win-1999-01-01-9']);
    expect(body).toContain('- Cites `win-1999-01-01-9`, which does not exist (dropped): “Reduced flaky tests from 12 to 3');
    expect(meta.citation_problems).toEqual([{ kind: 'unknown-source', statement: expect.stringContaining('Reduced flaky tests'), ids: ['win-1999-01-01-9'] }]);
  });

  it('asks once for citations of an uncited item, then marks and lists what is still uncited', async () => {
    const uncited = JSON.stringify({
      summary: { text: 'A strong week: p95 latency fell from 850ms to 120ms.', sources: ['win-2025-02-03-1'] },
      wins: [{ text: 'Shipped the canary rollout.', sources: [] }],
      blockers: [],
      focus_next_week: [{ text: 'Write the latency postmortem.', sources: ['day-2025-02-07'] }],
    });
    const t = await setup([completion(uncited), completion(uncited)]);
    await t.run();
    expect(t.server.requests).toHaveLength(2);
    // The schema asks for a source on every item; the repair names the uncited one.
    expect(JSON.stringify(t.server.requests[0].body.response_format)).toContain('"minItems":1');
    expect(t.server.requests[1].body.messages.at(-1)!.content).toContain('1 item with no sources ("Shipped the canary rollout.")');
    const { meta, body } = await t.read();
    expect(body).toContain('- Shipped the canary rollout. <mark class="uncited" title="this statement cites no entry">(no source)</mark>');
    expect(body).toContain('- Cites no entry, and is marked: “Shipped the canary rollout.”');
    expect(meta.citation_problems).toEqual([{ kind: 'uncited', statement: 'Shipped the canary rollout.', ids: [] }]);
  });

  it('names a cited entry that holds none of the statement\'s figures', async () => {
    const t = await setup([completion(weekAnswer('Cut p95 latency from 850ms to 120ms.').replace('"sources":["win-2025-02-03-1","win-2025-02-04-1"]', '"sources":["day-2025-02-07"]'))]);
    await t.run();
    const { meta, body } = await t.read();
    expect(meta.citation_problems).toContainEqual({ kind: 'unsupported', statement: 'Cut p95 latency from 850ms to 120ms.', ids: ['day-2025-02-07'] });
    expect(body).toContain('- Cites `day-2025-02-07`, which holds none of its figures: “Cut p95 latency from 850ms to 120ms.”');
  });

  it('flags a figure the journal does not contain', async () => {
    const t = await setup([completion(weekAnswer('Saved $1.3M and cut latency by 86% this week.'))]);
    await t.run();
    const { meta, body } = await t.read();
    expect(meta.unverified_numbers).toEqual(['$1.3M', '1']); // "alert(1)" in the hostile bullet too
    expect(body).toContain('<mark class="unverified" title="not found in the cited entries or the period\'s figures">$1.3M</mark>');
    expect(body).toContain('2 figures were not found in the cited entries or the period\'s figures');
  });

  it('waits as Retry-After says after a 429, then succeeds', async () => {
    const t = await setup([apiError(429, { 'retry-after': '2' }), completion(weekAnswer())]);
    await t.run();
    expect(t.server.requests).toHaveLength(2);
    t.server.requests.forEach((r) => expectSafe(r));
    expect(t.sleeps).toEqual([2000]);
    expect((await t.read()).meta.generator).toBe('test-model');
  });

  it('backs off after two 500s, then succeeds', async () => {
    const t = await setup([apiError(500), apiError(503), completion(weekAnswer())]);
    await t.run();
    expect(t.server.requests).toHaveLength(3);
    t.server.requests.forEach((r) => expectSafe(r));
    expect(t.sleeps).toEqual([1000, 2000]);
    expect((await t.read()).meta.generator).toBe('test-model');
  });

  it('falls back to the offline draft when every attempt times out', async () => {
    const t = await setup([{ hang: true }, { hang: true }, { hang: true }, { hang: true }], { timeout_s: '0.2' });
    const summary = await t.run();
    expect(t.server.requests).toHaveLength(4); // the first try and three retries
    t.server.requests.forEach((r) => expectSafe(r));
    const { meta, body } = await t.read();
    expect(meta.generator).toBe('offline');
    expect(body).toContain('No model wrote this draft');
    expect(body).toMatch(/timed out/);
    expect(summary.drafts[0].warnings[0]).toMatch(/not usable/);
  });

  it('repairs prose with one more call', async () => {
    const t = await setup([completion('Here is how your week went: very well overall.'), completion(weekAnswer())]);
    await t.run();
    expect(t.server.requests).toHaveLength(2);
    t.server.requests.forEach((r) => expectSafe(r));
    const repair = t.server.requests[1].body.messages;
    expect(repair.at(-2)).toMatchObject({ role: 'assistant', content: 'Here is how your week went: very well overall.' });
    expect(repair.at(-1)!.content).toContain('was prose, not JSON');
    expect((await t.read()).meta).toMatchObject({ generator: 'test-model', calls: 2 });
  });

  it('falls back offline when the repair is prose too', async () => {
    const t = await setup([completion('Sure! The week was great.'), completion('Still prose, sorry.')]);
    await t.run();
    expect(t.server.requests).toHaveLength(2);
    const { meta, body } = await t.read();
    expect(meta).toMatchObject({ generator: 'offline', calls: 2 });
    expect(body).toContain('No model wrote this draft');
    expect(body).toContain('was prose, not JSON');
  });

  it('unwraps JSON in a Markdown fence without a second call', async () => {
    const t = await setup([completion('```json\n' + weekAnswer() + '\n```')]);
    await t.run();
    expect(t.server.requests).toHaveLength(1);
    expectSafe(t.server.requests[0]);
    expect((await t.read()).meta).toMatchObject({ generator: 'test-model', calls: 1 });
  });

  it('repairs a truncated answer (finish_reason "length")', async () => {
    const t = await setup([completion(weekAnswer().slice(0, 120), { finishReason: 'length' }), completion(weekAnswer())]);
    await t.run();
    expect(t.server.requests).toHaveLength(2);
    expect(t.server.requests[1].body.messages.at(-1)!.content).toContain('cut off at the output limit');
    expect((await t.read()).meta).toMatchObject({ generator: 'test-model', calls: 2 });
  });

  it('takes a refusal as final and drafts offline', async () => {
    const t = await setup([completion(null, { refusal: "I can't help with that." })]);
    await t.run();
    expect(t.server.requests).toHaveLength(1);
    expectSafe(t.server.requests[0]);
    const { meta, body } = await t.read();
    expect(meta.generator).toBe('offline');
    expect(body).toContain("the model refused: I can't help with that.");
  });
});

describe('assess: caching, edits, budget and privacy', () => {
  it('makes no request when the inputs are unchanged, and refreshes when they change', async () => {
    const t = await setup([completion(weekAnswer()), completion(weekAnswer())]);
    await t.run();
    const second = await t.run();
    expect(t.server.requests).toHaveLength(1);
    expect(second.drafts[0]).toMatchObject({ status: 'fresh', calls: 0 });
    await writeFile(join(t.dir, 'daily/2025/2025-02-06.md'), (await readFile(join(t.dir, 'daily/2025/2025-02-06.md'), 'utf8')).replace('## Learnings', '- Fixed the nightly export\n\n## Learnings'));
    const third = await t.run();
    expect(t.server.requests).toHaveLength(2);
    expect(third.drafts[0]).toMatchObject({ status: 'written', reason: 'inputs changed' });
  });

  it('never overwrites a draft a person edited: the refresh goes to PERIOD.new.md', async () => {
    const t = await setup([completion(weekAnswer()), completion(weekAnswer())]);
    await t.run();
    const path = join(t.dir, 'assessments/weeks/2025-W06.md');
    const edited = (await readFile(path, 'utf8')).replace('## Wins', '## Wins\n\n- My own words, added by hand.');
    await writeFile(path, edited);
    expect((await t.run()).drafts[0].status).toBe('fresh'); // same inputs: nothing to do, edit kept
    await writeFile(join(t.dir, 'daily/2025/2025-02-07.md'), (await readFile(join(t.dir, 'daily/2025/2025-02-07.md'), 'utf8')).replace('#communication', '#communication\n- Closed the incident review'));
    const refreshed = await t.run();
    expect(refreshed.drafts[0]).toMatchObject({ status: 'written-new', path: 'assessments/weeks/2025-W06.new.md' });
    expect(refreshed.drafts[0].reason).toContain('edited by you');
    expect(await readFile(path, 'utf8')).toBe(edited);
    expect((await t.read('assessments/weeks/2025-W06.new.md')).meta.generator).toBe('test-model');
    expect((await t.run()).drafts[0].status).toBe('fresh'); // the .new.md is up to date: no call
    expect(t.server.requests).toHaveLength(2);
  });

  it('keeps every prompt within max_input_tokens, dropping low-priority lines and saying so', async () => {
    const t = await setup([completion(weekAnswer())], { max_input_tokens: '2200' });
    const dry = await t.run('week', '2025-W06', { dryRun: true });
    const prompt = dry.drafts[0].prompt!;
    expect(prompt.tokens).toBeLessThanOrEqual(2200);
    expect(Object.keys(prompt.dropped).length).toBeGreaterThan(0);
    expect(prompt.messages[1].content).toContain('left out to fit the input limit');
    expect(prompt.messages[1].content).toContain('## Figures'); // the highest priority stays
    await t.run();
    expect((await t.read()).body).toMatch(/To fit the model's input limit \(llm.max_input_tokens: 2200\), \d+ lower-priority entries were left out/);
  });

  it('calls nothing and drafts offline without a key or base URL', async () => {
    const t = await setup([]);
    await writeFile(join(t.dir, 'journal.yml'), 'competencies: [technical_execution, collaboration, ownership]\nredact: [Northwind]\n');
    const summary = await t.run('week', '2025-W06', {}, { OPENAI_API_KEY: 'sk-live-abcdefghijklmnopqrstuvwxyz' });
    expect(t.server.requests).toHaveLength(0);
    expect(summary.model).toBeNull();
    const { meta, body } = await t.read();
    expect(meta).toMatchObject({ generator: 'offline', calls: 0, tokens: { prompt: 0, completion: 0 }, unverified_numbers: [] });
    expect(body).toContain('No model wrote this draft');
    expect(body).toContain('[2025-02-03](../../daily/2025/2025-02-03.md#L14)');
    expect(body).not.toContain('PRIVATE-MARKER');
  });

  it('sends the API key only in the Authorization header, never in files or logs', async () => {
    const key = 'sk-test-0123456789abcdefghijklmnop';
    const t = await setup([apiError(401, {}, `Incorrect API key provided: ${key}`)]);
    await t.run('week', '2025-W06', {}, { OPENAI_API_KEY: key });
    expect(t.server.requests[0].headers.authorization).toBe(`Bearer ${key}`);
    expect(t.server.requests).toHaveLength(1); // a 401 is not retried
    expect(t.logs.join('\n')).not.toContain(key);
    expect((await t.read()).text).not.toContain(key);
    expect((await t.read()).meta.generator).toBe('offline');
  });

  it('prepares a 1:1 from open action items, redacting the meeting notes', async () => {
    const answer = { agenda: [{ text: 'Review the latency write-up.', sources: ['win-2025-02-07-1'] }], wins: [], blockers: [], feedback_to_ask: [{ text: 'Was the all-hands talk clear?', sources: ['win-2025-02-07-1'] }] };
    const t = await setup([completion(JSON.stringify(answer))]);
    await t.run('1on1', 'dana-ortiz');
    const sent = t.server.requests[0];
    expect(sent.text).not.toContain('867-5309');
    expect(sent.text).not.toContain('PRIVATE-SERIES-MARKER');
    expect(sent.text).toContain('[PHONE]');
    expect(sent.body.messages[1].content).toContain('Share the latency write-up with the team');
    const { meta, body } = await t.read('assessments/one-on-ones/dana-ortiz.md');
    expect(meta).toMatchObject({ kind: '1on1', period: 'dana-ortiz', generated: '2025-02-12' });
    expect(body).toContain('## Open action items\n\n- Write the latency postmortem — due 2025-02-12');
    expect(body).toContain('Review the latency write-up.');
  });

  it('stops calling after --max-calls and drafts the rest offline', async () => {
    const t = await setup([completion(weekAnswer())]);
    const journal = await openJournal({ journalDir: t.dir, cacheDir: null });
    try {
      const effects = { now: () => NOW, env: {}, log: () => {} };
      const summary = await assess(journal, t.dir, [{ kind: 'week', period: '2025-W06' }, { kind: 'week', period: '2025-W07' }], { asOf: '2025-02-12', maxCalls: 1 }, effects);
      expect(summary.calls).toBe(1);
      expect(summary.drafts.map((d) => d.generator)).toEqual(['test-model', 'offline']);
    } finally {
      journal.db.close();
    }
  });
});

describe('assess: offline drafts and long journals', () => {
  it('writes the same offline drafts of past periods whatever the day, with every figure found and no call', async () => {
    const a = await setup([]);
    const b = await setup([]);
    const drafts = async (t: Awaited<ReturnType<typeof setup>>, asOf: string) => {
      const journal = await openJournal({ journalDir: t.dir, cacheDir: null });
      try {
        return await refreshAssessments(journal, t.dir, { asOf, noLlm: true }, { now: () => NOW, env: {}, log: () => {} });
      } finally {
        journal.db.close();
      }
    };
    // Any day after the periods end (the year 2025) gives the same drafts; an open period's draft
    // is as of the day asked, like the page beside it.
    const first = await drafts(a, '2026-01-15');
    await drafts(b, '2026-06-30');
    expect(first.drafts.map((d) => d.path)).toEqual(['assessments/weeks/2025-W06.md', 'assessments/weeks/2025-W07.md', 'assessments/quarters/2025-Q1.md', 'assessments/years/2025.md']);
    expect(first).toMatchObject({ calls: 0, tokens: { prompt: 0, completion: 0 }, model: null });
    for (const d of first.drafts) {
      const [x, y] = await Promise.all([readFile(join(a.dir, d.path), 'utf8'), readFile(join(b.dir, d.path), 'utf8')]);
      expect(y).toBe(x);
      expect(parse(x.split('---')[1]).unverified_numbers).toEqual([]);
    }
    expect(a.server.requests).toHaveLength(0);
  });

  it('keeps every prompt of a long journal within max_input_tokens', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'tw-assess-long-'));
    cleanups.push(() => rm(dir, { recursive: true, force: true }));
    await writeJournal(dir, generateJournal({ years: 2, seed: 7 }));
    const journal = await openJournal({ journalDir: dir, cacheDir: null });
    try {
      const summary = await refreshAssessments(journal, dir, { asOf: '2025-12-31', dryRun: true }, { now: () => NOW, env: {}, log: () => {} });
      expect(summary.drafts.length).toBeGreaterThan(100);
      const max = journal.config.llm.max_input_tokens;
      for (const d of summary.drafts) expect(d.prompt!.tokens, d.path).toBeLessThanOrEqual(max);
      const year = summary.drafts.find((d) => d.kind === 'year')!;
      expect(Object.values(year.prompt!.dropped).reduce((x, y) => x + y, 0)).toBeGreaterThan(0);
      expect(summary.calls).toBe(0);
    } finally {
      journal.db.close();
    }
  }, 60_000);
});
