/**
 * npm run bench: speed and memory on a generated ten-year journal (scripts/generate-journal.ts,
 * seed 1). Each measurement runs in a fresh Node process, as a user's command would; the figure
 * is the median of several runs. Results go to stdout as a Markdown table for docs/benchmarks.md.
 *
 *   npm run bench                 every benchmark
 *   npm run bench -- --only ingest|reports|evidence|site [--runs N]
 *   npm run bench -- --only incremental|memory|dev [--runs N] [--years N]   (bench/incremental.ts)
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, rmSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { generateJournal, writeJournal } from '../scripts/generate-journal.ts';
import { childrenCpuMs } from './cpu.ts';
import { writeCodeRepo, writeJournalRepo } from './repos.ts';
import { benchDev, benchIncremental, benchMemory } from './incremental.ts';

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
  return report(name, target, Array.from({ length: runs }, sample));
}

/** Prints one row of the table: medians of the samples' times, the largest peak RSS. */
function report(name: string, target: string, samples: Sample[]): { ms: number; wall: number } {
  const ms = median(samples.map((s) => s.ms));
  const wall = median(samples.map((s) => s.wallMs));
  const rss = Math.max(...samples.map((s) => s.rssMb));
  const row = `| ${name} | ${ms.toFixed(0)} ms | ${wall.toFixed(0)} ms | ${rss.toFixed(0)} MB | ${target} | ${samples[0].detail ?? ''} |`;
  console.log(row);
  return { ms, wall };
}

/**
 * Runs each of `tasks` `runs` times, in rounds (one of each per round), so that a drift in the
 * machine's speed falls on all of them alike; returns each task's samples.
 */
function interleave<K extends string>(tasks: Record<K, () => Sample>): Record<K, Sample[]> {
  const samples = Object.fromEntries(Object.keys(tasks).map((k) => [k, [] as Sample[]])) as Record<K, Sample[]>;
  for (let round = 0; round < runs; round++) for (const k of Object.keys(tasks) as K[]) samples[k].push(tasks[k]());
  return samples;
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
  if (!only || only === 'evidence') {
    // Each figure is measured in rounds with an anchor: a fixed Node workload (no turbowork code)
    // whose time moves with the machine's load. Its time and CPU time divide the figure's, round by
    // round, so runs at different loads can be compared. CPU times include git's (bench/cpu.ts).
    /** cpuMs: the task's CPU time (its process and git's, modules loaded before); processCpuMs: the whole process's. */
    type Timed = Sample & { cpuMs: number; processCpuMs: number };
    const withCpu = (sample: () => Sample) => (): Timed => {
      const before = childrenCpuMs();
      const result = sample() as Sample & { cpuMs?: number };
      const processCpuMs = childrenCpuMs() - before;
      return { ...result, cpuMs: result.cpuMs ?? processCpuMs, processCpuMs };
    };
    const ANCHOR = `const a = []; for (let i = 0; i < 100000; i++) a.push({ i, s: String((i * 7919) % 100003) });
      for (let r = 0; r < 2; r++) JSON.parse(JSON.stringify(a)).sort((p, q) => (p.s < q.s ? -1 : p.s > q.s ? 1 : 0));`;
    const anchor = withCpu(() => {
      const started = performance.now();
      execFileSync(process.execPath, ['-e', ANCHOR]);
      const wallMs = performance.now() - started;
      return { ms: wallMs, wallMs, rssMb: 0, detail: 'a fixed Node workload' };
    });
    const rounds = <K extends string>(tasks: Record<K, () => Timed>) => interleave(tasks) as Record<K, Timed[]>;
    /** Prints one row: medians of the task's time and CPU time, of each round's ratios to the anchor's, and of the whole process's. */
    const row = (name: string, target: string, samples: Timed[], anchors: Timed[]) => {
      const of = (f: (s: Timed, i: number) => number) => median(samples.map(f));
      const figures = { ms: of((s) => s.ms), cpu: of((s) => s.cpuMs), wall: of((s) => s.wallMs), processCpu: of((s) => s.processCpuMs) };
      const ratios = [of((s, i) => s.ms / anchors[i].ms), of((s, i) => s.cpuMs / anchors[i].cpuMs)];
      const rss = Math.max(...samples.map((s) => s.rssMb));
      console.log(`| ${name} | ${figures.ms.toFixed(0)} ms | ${figures.cpu.toFixed(0)} ms | ${ratios[0].toFixed(2)} | ${ratios[1].toFixed(2)} | ${figures.wall.toFixed(0)} ms, ${figures.processCpu.toFixed(0)} ms CPU | ${rss.toFixed(0)} MB | ${target} | ${samples[0].detail ?? ''} |`);
      return figures;
    };
    console.log(`
| evidence | time | CPU time | time ÷ anchor's | CPU ÷ anchor's | whole process | peak RSS | target | detail |
| --- | --- | --- | --- | --- | --- | --- | --- | --- |`);
    const repoDir = join(root, 'payments-api');
    writeCodeRepo(repoDir, 5000);
    const imported = join(root, 'evidence-warm');
    const importCache = join(root, 'import-cache');
    withCpu(() => child('import-git', { journalDir: imported, repoDir, cacheDir: importCache }))();
    const imports = rounds({
      anchor,
      first: withCpu(() => child('import-git', { journalDir: join(root, `evidence-${Math.random()}`), repoDir, cacheDir: join(root, `import-cache-${Math.random()}`) })),
      again: withCpu(() => child('import-git', { journalDir: imported, repoDir, cacheDir: importCache })),
      // No state from the last import (a new cache folder): every hash listed and matched against the file.
      againNoState: withCpu(() => child('import-git', { journalDir: imported, repoDir, cacheDir: join(root, `import-cache-${Math.random()}`) })),
    });
    const anchorRow = (samples: Timed[]) => row('anchor: a fixed Node workload in a fresh process', 'the yardstick', samples, samples);
    anchorRow(imports.anchor);
    row('import git, 5,000 commits (first run)', '< 3000 ms', imports.first, imports.anchor);
    row('import git again, nothing new', '< 300 ms', imports.again, imports.anchor);
    row('import git again, nothing new, without the last import\'s state (a new cache folder)', 'the fallback', imports.againNoState, imports.anchor);
    // The ten-year journal committed one day at a time; an ingest reads the history or not.
    const gitJournal = join(root, 'git-journal');
    const commits = writeJournalRepo(gitJournal, files);
    console.log(`| (the journal in git: ${commits} commits) | | | | | | | | |`);
    const warmWith = join(root, 'cache-history-warm-with');
    const warmWithout = join(root, 'cache-history-warm-without');
    child('ingest-history', { journalDir: gitJournal, cacheDir: warmWith, history: 'true' });
    child('ingest-history', { journalDir: gitJournal, cacheDir: warmWithout, history: 'false' });
    const history = rounds({
      anchor,
      alone: withCpu(() => child('entry-history', { journalDir: gitJournal })),
      without: withCpu(() => child('ingest-history', { journalDir: gitJournal, cacheDir: join(root, `cache-${Math.random()}`), history: 'false' })),
      with: withCpu(() => child('ingest-history', { journalDir: gitJournal, cacheDir: join(root, `cache-${Math.random()}`), history: 'true' })),
      warmWithout: withCpu(() => child('ingest-history', { journalDir: gitJournal, cacheDir: warmWithout, history: 'false' })),
      warmWith: withCpu(() => child('ingest-history', { journalDir: gitJournal, cacheDir: warmWith, history: 'true' })),
    });
    anchorRow(history.anchor);
    row('reading the entry history alone (rev-parse, git log of the journal, parsed)', 'the step itself', history.alone, history.anchor);
    const without = row('cold ingest of the journal in git, without entry history', 'the comparison', history.without, history.anchor);
    const withHistory = row('cold ingest of the journal in git, with entry history (as build does)', '< 1000 ms more', history.with, history.anchor);
    const warm = [row('warm ingest, without entry history', 'the comparison', history.warmWithout, history.anchor), row('warm ingest, with entry history, HEAD unchanged', 'nothing more', history.warmWith, history.anchor)];
    // The difference round by round (each round's two ingests ran back to back), then its median.
    const added = (a: Timed[], b: Timed[], key: 'ms' | 'wallMs' | 'cpuMs' | 'processCpuMs') => median(b.map((s, i) => s[key] - a[i][key])).toFixed(0);
    console.log(`
Entry history adds ${added(history.without, history.with, 'ms')} ms to a cold ingest (${added(history.without, history.with, 'cpuMs')} ms CPU; whole process ${added(history.without, history.with, 'wallMs')} ms, ${added(history.without, history.with, 'processCpuMs')} ms CPU), and ${added(history.warmWithout, history.warmWith, 'ms')} ms to a warm one (${added(history.warmWithout, history.warmWith, 'cpuMs')} ms CPU); medians of the rounds' differences. Medians: cold ${without.ms.toFixed(0)} → ${withHistory.ms.toFixed(0)} ms, warm ${warm[0].ms.toFixed(0)} → ${warm[1].ms.toFixed(0)} ms.
`);
  }
  if (!only || only === 'site') {
    const asOf = '2026-01-01';
    // Cold: no cache of any kind (Astro's content cache for the plain build, .turbowork for ours).
    // Warm: the cache a previous build of the same journal left.
    const plainCache = new URL('./plain-astro/node_modules/.astro/', import.meta.url).pathname;
    const plain = () => child('plain-astro', { journalDir, outDir: join(root, 'plain-dist') });
    // A build removes the output it replaces in a background process: wait for that, so its
    // deletions do not fall on the next measurement.
    const site = (cacheDir: string) => {
      const sample = child('site', { journalDir, outDir: join(root, 'dist'), cacheDir, asOf });
      const deadline = Date.now() + 120_000;
      while (readdirSync(root).some((name) => name.startsWith('dist.old-'))) {
        if (Date.now() > deadline) {
          console.error('the previous output is still being removed after 2 minutes; measuring on');
          break;
        }
        execFileSync('sleep', ['0.05']);
      }
      return sample;
    };
    const siteCache = join(root, 'site-cache-warm');
    site(siteCache);
    plain();
    const samples = interleave({
      plainCold: () => (rmSync(plainCache, { recursive: true, force: true }), plain()),
      cold: () => site(join(root, `site-cache-${Math.random()}`)),
      plainWarm: plain,
      warm: () => site(siteCache),
    });
    const plainCold = report('plain Astro build of the daily logs (glob loader), cold', 'the comparison', samples.plainCold);
    const cold = report('turbowork build, cold cache', '< 1.5 × plain cold, < 1500 MB', samples.cold);
    const plainWarm = report('plain Astro build of the daily logs (glob loader), warm', 'the comparison', samples.plainWarm);
    const warm = report('turbowork build, warm cache', '< 1.5 × plain warm, < 1500 MB', samples.warm);
    console.log(`\nturbowork build / plain Astro build (whole processes): ${(cold.wall / plainCold.wall).toFixed(2)}× cold, ${(warm.wall / plainWarm.wall).toFixed(2)}× warm.`);
  }
  // Issue 15's site rows (bench/incremental.ts): incremental and cold builds against plain Astro, dev, memory.
  if (!only || only === 'incremental') await benchIncremental(root, journalDir, runs, Number(values.years));
  if (only === 'memory') await benchMemory(root, journalDir, Number(values.years));
  if (only === 'dev') await benchDev(root, journalDir, Number(values.years));
} finally {
  await rm(root, { recursive: true, force: true });
}
