/**
 * Drafts that cost nothing when up to date (issue 15): a draft records the hash of its sources, and
 * a run whose hashes match builds no inputs, no prompt and makes no model call; a changed entry
 * makes exactly the periods that read it stale. Real DuckDB, real files, the LLM over HTTP.
 */
import { cp, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateJournal, writeJournal } from '../../scripts/generate-journal.ts';
import { completion, startLlmServer, type LlmServer } from '../../test/support/llm-server.ts';
import { isoWeek } from '../ingest/dates.ts';
import { openJournal } from '../journal.ts';
import { assess, refreshAssessments, type AssessOptions, type AssessSummary } from './assess.ts';
import type { Target } from './inputs.ts';
import { createLlmClient, type LlmClient } from './model/client.ts';

const AS_OF = '2025-07-10';
const NOW = new Date(`${AS_OF}T12:00:00Z`);

let root: string;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'tw-sources-'));
});
afterAll(() => rm(root, { recursive: true, force: true }));

/** A generated half-year journal (2025-01-06 on, every work day logged) in a folder of its own. */
async function journalCopy(name: string): Promise<string> {
  const dir = join(root, name);
  await writeJournal(dir, generateJournal({ years: 0.5, seed: 3, start: '2025-01-06' }));
  return dir;
}

/**
 * Runs `work` on the journal, and returns its summary with the databases the run attached: a run
 * that builds any draft's inputs (and so its prompt) attaches a shareable copy of the journal.
 */
async function withJournal(dir: string, work: (journal: Awaited<ReturnType<typeof openJournal>>) => Promise<AssessSummary>) {
  const journal = await openJournal({ journalDir: dir, cacheDir: null });
  try {
    const summary = await work(journal);
    const attached = await journal.db.all<{ name: string }>(`SELECT database_name AS name FROM duckdb_databases() WHERE database_name LIKE 'shareable_copy_%'`);
    return { summary, copies: attached.length };
  } finally {
    journal.db.close();
  }
}

const refresh = (dir: string, options: AssessOptions = {}) =>
  withJournal(dir, (journal) => refreshAssessments(journal, dir, { noLlm: true, asOf: AS_OF, ...options }, { now: () => NOW, env: {}, log: () => {} }));

const byStatus = (summary: AssessSummary, ...statuses: string[]) => summary.drafts.filter((d) => statuses.includes(d.status)).map((d) => `${d.kind}:${d.period}`).sort();

/** Every draft file's text, by path. */
async function drafts(dir: string): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  for (const folder of ['weeks', 'quarters', 'years']) {
    for (const name of await readdir(join(dir, 'assessments', folder))) files.set(`${folder}/${name}`, await readFile(join(dir, 'assessments', folder, name), 'utf8'));
  }
  return files;
}

/** Rewrites a win of the 2025-02-12 log (a Wednesday of 2025-W07, in 2025-Q1). */
async function editWin(dir: string): Promise<void> {
  const path = join(dir, 'daily/2025/2025-02-12.md');
  const text = await readFile(path, 'utf8');
  const edited = text.replace('- Landed a flaky integration test in auth', '- Landed the flaky integration test in auth, and two more');
  expect(edited).not.toBe(text);
  await writeFile(path, edited);
}

describe('up-to-date drafts', () => {
  it('an unchanged journal builds no inputs, no prompt, and writes nothing', async () => {
    const dir = await journalCopy('unchanged');
    const first = await refresh(dir);
    expect(byStatus(first.summary, 'written').length).toBeGreaterThan(30);
    const before = await drafts(dir);

    const again = await refresh(dir);
    expect(byStatus(again.summary, 'written', 'written-new', 'kept')).toEqual([]);
    expect(again.summary.drafts.every((d) => d.status === 'fresh' && d.prompt === null && d.estimate === 0)).toBe(true);
    expect(again.copies).toBe(0); // no draft's report, entries or prompt were built
    expect(await drafts(dir)).toEqual(before);
  }, 300_000);

  it('a changed entry makes exactly its periods stale: its week, the four weeks whose scores look back at it, its quarter and year', async () => {
    // Two copies of one journal with the same drafts; in the second, the drafts do not record their
    // sources, so every draft goes the whole way (its inputs built and hashed): the truth.
    const fast = await journalCopy('fast');
    await refresh(fast);
    const full = join(root, 'full');
    await cp(fast, full, { recursive: true });
    for (const [path, text] of await drafts(full)) await writeFile(join(full, 'assessments', path), text.replace(/^sources_hash: .*\n/m, ''));

    await editWin(fast);
    await editWin(full);
    const quick = await refresh(fast);
    const whole = await refresh(full);

    const weeks = quick.summary.drafts.filter((d) => d.kind === 'week').map((d) => d.period);
    const edited = weeks.indexOf(isoWeek('2025-02-12'));
    const expected = [...weeks.slice(edited, edited + 5).map((w) => `week:${w}`), 'quarter:2025-Q1', 'year:2025'].sort();
    expect(expected).toEqual(['quarter:2025-Q1', 'week:2025-W07', 'week:2025-W08', 'week:2025-W09', 'week:2025-W10', 'week:2025-W11', 'year:2025']);
    // Only these went past the hash and had their prompt built (its token estimate); every other
    // draft was up to date without its inputs.
    const prompted = quick.summary.drafts.filter((d) => d.estimate > 0).map((d) => `${d.kind}:${d.period}`).sort();
    expect(prompted).toEqual(expected);
    expect(quick.summary.drafts.filter((d) => d.estimate === 0).every((d) => d.status === 'fresh')).toBe(true);
    // Sound: the drafts rewritten are exactly those whose inputs changed, as the whole way finds them.
    expect(byStatus(whole.summary, 'written').length).toBeGreaterThan(0);
    expect(byStatus(quick.summary, 'written')).toEqual(byStatus(whole.summary, 'written'));
    expect(byStatus(whole.summary, 'written').every((key) => expected.includes(key))).toBe(true);
    expect(await drafts(fast)).toEqual(await drafts(full));
  }, 300_000);
});

describe('model drafts', () => {
  let server: LlmServer;
  let client: LlmClient;
  beforeAll(async () => {
    const answer = completion(JSON.stringify({ summary: { text: 'A steady week.', sources: ['fig-days'] }, wins: [], blockers: [], focus_next_week: [] }));
    server = await startLlmServer(Array.from({ length: 3 }, () => answer));
    client = createLlmClient({ baseURL: server.url, model: 'test-model', apiKey: null, timeoutMs: 30_000, maxInputTokens: 20_000 });
  });
  afterAll(() => server.close());

  it('an up-to-date model draft makes no model call and builds no prompt', async () => {
    const dir = await journalCopy('model');
    const targets: Target[] = ['2025-W07', '2025-W08', '2025-W09'].map((period) => ({ kind: 'week', period }));
    const run = () => withJournal(dir, (journal) => assess(journal, dir, targets, { asOf: AS_OF }, { now: () => NOW, env: {}, log: () => {}, client }));
    const first = await run();
    expect(first.summary.drafts.map((d) => [d.status, d.generator])).toEqual(Array.from({ length: 3 }, () => ['written', 'test-model']));
    expect(server.requests).toHaveLength(3);

    const again = await run();
    expect(again.summary.drafts.map((d) => d.status)).toEqual(['fresh', 'fresh', 'fresh']);
    expect(server.requests).toHaveLength(3);
    expect(again.copies).toBe(0);
  }, 300_000);
});

describe('the sources a hash covers', () => {
  /** Shareable tables no draft reads (a draft's inputs come from src/scores and src/assess). */
  const NOT_DRAFT_SOURCES: Record<string, string> = {
    calendar_events: 'calendar evidence is compared in check, not drafted from',
    links: 'wiki links between files feed the site, not a draft',
    years: "a year's file's own fields; its ratings are self_ratings",
  };

  // A table added to shareable.sql and read by a draft, but left out of sources.sql, would leave
  // drafts "up to date" when it changes (as self_ratings once did).
  it('names every shareable table, or says why a draft never reads it', async () => {
    const views = [...(await readFile(new URL('../db/shareable.sql', import.meta.url), 'utf8')).matchAll(/VIEW shareable\.(\w+)/g)].map((m) => m[1]);
    const sources = await readFile(new URL('../scores/rollups/_sources.sql', import.meta.url), 'utf8');
    const missing = views.filter((view) => !new RegExp(`shareable\\.${view}\\b`).test(sources) && !(view in NOT_DRAFT_SOURCES));
    expect(missing).toEqual([]);
  });
});
