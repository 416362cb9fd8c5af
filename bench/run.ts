/**
 * npm run bench: speed and memory on a generated ten-year journal (scripts/generate-journal.ts,
 * seed 1). Each measurement runs in a fresh Node process, as a user's command would; the figure
 * is the median of several runs. Results go to stdout as a Markdown table for docs/benchmarks.md.
 *
 *   npm run bench                 every benchmark
 *   npm run bench -- --only ingest|reports|site [--runs N]
 */
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { generateJournal, writeJournal } from '../scripts/generate-journal.ts';

const { values } = parseArgs({ options: { only: { type: 'string' }, runs: { type: 'string', default: '5' }, years: { type: 'string', default: '10' } } });
const runs = Number(values.runs);

/** What one child process reports. */
interface Sample {
  /** The task's own time, after modules are loaded. */
  ms: number;
  /** The whole process, Node's start-up and module loading included. */
  wallMs: number;
  rssMb: number;
  detail?: string;
}

function child(task: string, args: Record<string, string>): Sample {
  const started = performance.now();
  const out = execFileSync(process.execPath, [new URL('./tasks.ts', import.meta.url).pathname, task, JSON.stringify(args)], { encoding: 'utf8' });
  const wallMs = performance.now() - started;
  return { ...(JSON.parse(out.trim().split('\n').at(-1)!) as Omit<Sample, 'wallMs'>), wallMs };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function measure(name: string, target: string, sample: () => Sample): { ms: number; wall: number } {
  const samples = Array.from({ length: runs }, sample);
  const ms = median(samples.map((s) => s.ms));
  const wall = median(samples.map((s) => s.wallMs));
  const rss = Math.max(...samples.map((s) => s.rssMb));
  const row = `| ${name} | ${ms.toFixed(0)} ms | ${wall.toFixed(0)} ms | ${rss.toFixed(0)} MB | ${target} | ${samples[0].detail ?? ''} |`;
  console.log(row);
  return { ms, wall };
}

const root = await mkdtemp(join(tmpdir(), 'turbowork-bench-'));
try {
  const journalDir = join(root, 'journal');
  const files = generateJournal({ years: Number(values.years), seed: 1, start: '2016-01-04' });
  await writeJournal(journalDir, files);
  console.log(`Journal: ${files.size} files, ${values.years} years (scripts/generate-journal.ts --seed 1). Node ${process.version}, median of ${runs} runs.\n`);
  console.log('| benchmark | time | whole process | peak RSS | target | detail |');
  console.log('| --- | --- | --- | --- | --- | --- |');
  const only = values.only;
  if (!only || only === 'ingest') {
    measure('cold ingest (no cache)', '< 1500 ms, < 400 MB', () => {
      const cacheDir = join(root, `cache-${Math.random()}`);
      return child('ingest', { journalDir, cacheDir });
    });
    const warmCache = join(root, 'cache-warm');
    child('ingest', { journalDir, cacheDir: warmCache });
    measure('warm re-ingest (nothing changed)', '< 300 ms', () => child('ingest', { journalDir, cacheDir: warmCache }));
  }
  if (!only || only === 'reports') {
    const cacheDir = join(root, 'cache-reports');
    child('ingest', { journalDir, cacheDir });
    measure('every report model (all weeks, quarters, years)', '< 1000 ms on top of ingest', () => child('reports', { journalDir, cacheDir, asOf: '2026-01-01' }));
  }
  if (!only || only === 'site') {
    const asOf = '2026-01-01';
    const plain = measure('plain Astro build of the daily logs (glob loader)', 'the comparison', () => child('plain-astro', { journalDir, outDir: join(root, 'plain-dist') }));
    const cold = measure('turbowork build, cold cache', '< 1.5 × plain, < 1500 MB', () => child('site', { journalDir, outDir: join(root, 'dist'), cacheDir: join(root, `site-cache-${Math.random()}`), asOf }));
    const siteCache = join(root, 'site-cache-warm');
    child('site', { journalDir, outDir: join(root, 'dist'), cacheDir: siteCache, asOf });
    const warm = measure('turbowork build, warm cache', '< 1.5 × plain', () => child('site', { journalDir, outDir: join(root, 'dist'), cacheDir: siteCache, asOf }));
    console.log(`\nturbowork build / plain Astro build: ${(cold.wall / plain.wall).toFixed(2)}× cold, ${(warm.wall / plain.wall).toFixed(2)}× warm (whole processes).`);
  }
} finally {
  await rm(root, { recursive: true, force: true });
}
