/**
 * The grounding check on model answers written the way a strong model writes them, for four periods
 * of the sample journal (journal/): test/fixtures/answers/{week-2026-W05,week-2026-W23,
 * quarter-2026-Q2,year-2026}.json. Each file holds an honest answer (its figures taken from, or
 * derived as docs/llm.md allows from, the entries each item cites and the period's figures) and a
 * dishonest one whose planted figures are marked ⟦…⟧ (the markers are removed before it is served).
 * The answers go through the real client against an OpenAI-compatible server on 127.0.0.1, and the
 * drafts are read back: every planted figure must be marked unverified, and at most 3% of the
 * honest ones. Forms planted: money, percentages, counts, durations (3h 10m, 2h 50m), multipliers,
 * number words, sizes, near misses (150ms for 140ms, 87% for 85%), real values attached to the wrong
 * metric (140 connections, 38 seconds, 28 idle nodes, 140 ms event lag), versions (Kafka 3.7) and
 * sums that do not add up ($19,300 a month, $60,000 a year, $16,600 a year).
 */
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { assess } from '../src/assess/assess.ts';
import { findFigures, findVersions } from '../src/assess/checks/grounding.ts';
import type { DraftKind } from '../src/assess/store.ts';
import { openJournal } from '../src/journal.ts';
import { completion, startLlmServer, type LlmServer } from './support/llm-server.ts';

const SAMPLE = new URL('../journal/', import.meta.url).pathname;
const ANSWERS = new URL('./fixtures/answers/', import.meta.url).pathname;
const PERIODS: { file: string; kind: DraftKind; period: string; path: string }[] = [
  { file: 'week-2026-W05', kind: 'week', period: '2026-W05', path: 'assessments/weeks/2026-W05.md' },
  { file: 'week-2026-W23', kind: 'week', period: '2026-W23', path: 'assessments/weeks/2026-W23.md' },
  { file: 'quarter-2026-Q2', kind: 'quarter', period: '2026-Q2', path: 'assessments/quarters/2026-Q2.md' },
  { file: 'year-2026', kind: 'year', period: '2026', path: 'assessments/years/2026.md' },
];
const PLANTED = /⟦([^⟧]+)⟧/g;

/** Every string of an answer that is rendered (ids and enum values are not). */
function texts(value: unknown, key = ''): string[] {
  if (typeof value === 'string') return ['sources', 'priority', 'competency'].includes(key) ? [] : [value];
  if (Array.isArray(value)) return value.flatMap((v) => texts(v, key));
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => texts(v, k));
  return [];
}

/** The figures a draft marks unverified, as written (HTML entities undone). */
function marked(body: string): string[] {
  return [...body.matchAll(/<mark class="unverified" title="[^"]*">([^<]*)<\/mark>/g)].map((m) => m[1].replace(/&amp;/g, '&').replace(/\\(.)/g, '$1'));
}

let dir: string;
let server: LlmServer;
const served: { file: string; honest: boolean; answer: unknown }[] = [];
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tw-corpus-'));
  await cp(SAMPLE, dir, { recursive: true, filter: (src) => !src.includes('/assessments') });
  // Each request is answered with the answer of the draft being made (markers removed).
  server = await startLlmServer(Array.from({ length: 8 }, () => () => completion(JSON.stringify(served[0].answer).replace(PLANTED, '$1'))));
  const yml = await readFile(join(dir, 'journal.yml'), 'utf8');
  await writeFile(join(dir, 'journal.yml'), `${yml}\nllm:\n  base_url: ${server.url}\n  model: test-model\n  max_input_tokens: 16000\n`);
});
afterAll(async () => {
  await server?.close();
  await rm(dir, { recursive: true, force: true });
});

/** Drafts one period from `answer` through the client; returns the draft's body and front matter. */
async function draft(p: (typeof PERIODS)[number], honest: boolean): Promise<{ body: string; meta: Record<string, unknown> }> {
  const answer = JSON.parse(await readFile(join(ANSWERS, `${p.file}.json`), 'utf8'))[honest ? 'honest' : 'planted'];
  served.splice(0, served.length, { file: p.file, honest, answer });
  const journal = await openJournal({ journalDir: dir, cacheDir: null });
  try {
    const summary = await assess(journal, dir, [{ kind: p.kind, period: p.period }], { asOf: '2026-11-20', force: true }, { now: () => new Date('2026-11-20T12:00:00Z'), env: {}, log: () => {} });
    expect(summary.drafts[0]).toMatchObject({ generator: 'test-model', calls: 1 });
  } finally {
    journal.db.close();
  }
  const text = await readFile(join(dir, p.path), 'utf8');
  const [, front, body] = /^---\n([\s\S]*?)\n---\n([\s\S]*)$/.exec(text)!;
  return { body, meta: parse(front) };
}

describe('grounding on a corpus of model answers for the sample journal', () => {
  it('flags every planted figure and at most 3% of honest ones', async () => {
    let honestTotal = 0;
    const honestFlagged: string[] = [];
    let plantedTotal = 0;
    const plantedMissed: string[] = [];
    for (const p of PERIODS) {
      const file = JSON.parse(await readFile(join(ANSWERS, `${p.file}.json`), 'utf8'));
      const strings = texts(file.honest);
      honestTotal += strings.reduce((n, s) => n + findFigures(s).length + findVersions(s).length, 0);
      const honest = await draft(p, true);
      honestFlagged.push(...marked(honest.body).map((f) => `${p.file}: ${f}`));
      expect(honest.meta.citation_problems, `${p.file}: citations`).toEqual([]);

      const planted = texts(file.planted).flatMap((s) => [...s.matchAll(PLANTED)].map((m) => m[1]));
      plantedTotal += planted.length;
      const flags = marked((await draft(p, false)).body);
      for (const figure of planted) {
        const at = flags.indexOf(figure);
        if (at < 0) plantedMissed.push(`${p.file}: ${figure}`);
        else flags.splice(at, 1);
      }
    }
    const honestRate = honestFlagged.length / honestTotal;
    console.log(`honest figures flagged: ${honestFlagged.length} of ${honestTotal} (${(100 * honestRate).toFixed(1)}%)${honestFlagged.length ? `: ${honestFlagged.join('; ')}` : ''}`);
    console.log(`planted figures flagged: ${plantedTotal - plantedMissed.length} of ${plantedTotal} (${(100 * (plantedTotal - plantedMissed.length) / plantedTotal).toFixed(1)}%)${plantedMissed.length ? `; missed: ${plantedMissed.join('; ')}` : ''}`);
    expect(honestTotal).toBeGreaterThanOrEqual(250);
    expect(plantedTotal).toBeGreaterThanOrEqual(40);
    expect(plantedMissed).toEqual([]);
    expect(honestRate).toBeLessThanOrEqual(0.03);
  });
});
