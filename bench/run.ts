/**
 * npm run bench: every target of issue 15 (and the earlier ingest, report and evidence budgets) as a
 * ratio against its anchor, with a verdict. Each measurement runs in a fresh process, as a user's
 * command would, and the processes of one row and its anchor run in rounds (one of each per round),
 * so a drift in the machine's speed falls on both alike. Every row gives wall time and CPU time
 * (user + system, from /usr/bin/time; a task's own step from process.cpuUsage()); figures are
 * medians, peak RSS the largest of the runs. Output is Markdown for docs/benchmarks.md.
 *
 *   npm run bench                                   every section
 *   npm run bench -- --only commands,drafts [--runs N]
 *
 * Sections: commands, drafts, week-prompt, site, incremental, dev, memory (issue 15; the last three
 * in bench/incremental.ts); ingest, reports, evidence. Journals
 * come from scripts/generate-journal.ts (seed 1): ten years from 2016, thirty from 1996, one from
 * 2025, generated once into a cache folder ($TURBOWORK_BENCH_CACHE, default the system's temp
 * folder) keyed by the generator's own text, and copied when a section writes to them.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { hash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { cp, mkdir, mkdtemp, rename, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { generateJournal, writeJournal } from '../scripts/generate-journal.ts';
import { benchDev, benchIncremental, benchMemory } from './incremental.ts';
import { writeCodeRepo, writeJournalRepo } from './repos.ts';

const SECTIONS = ['commands', 'drafts', 'week-prompt', 'site', 'incremental', 'dev', 'memory', 'ingest', 'reports', 'evidence'] as const;
type Section = (typeof SECTIONS)[number];
const { values } = parseArgs({ options: { only: { type: 'string' }, runs: { type: 'string', default: '5' } } });
const runs = Number(values.runs);
const only = new Set((values.only?.split(',') ?? SECTIONS) as Section[]);
for (const name of only) if (!SECTIONS.includes(name)) throw new Error(`--only: no section "${name}"; sections: ${SECTIONS.join(', ')}`);
const AS_OF = '2026-01-01';
const NODE = process.execPath;
const TASKS = new URL('./tasks.ts', import.meta.url).pathname;
const MAIN = new URL('../src/cli/turbowork.js', import.meta.url).pathname;

/** One process: wall and CPU time of the whole process, its peak RSS, and what a task reported of its own step. */
interface Sample {
  wallMs: number;
  /** User + system CPU of the process and the children it waited for; NaN without /usr/bin/time. */
  cpuMs: number;
  rssMb: number;
  /** A task's own step (bench/tasks.ts), modules loaded before its clock starts. */
  task?: { ms: number; cpuMs: number; rssMb: number; detail: string };
}

const TIME = existsSync('/usr/bin/time') ? '/usr/bin/time' : null;

/** Runs `argv` (a Node script and its arguments) in a fresh process, measured. */
function measure(argv: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): Sample {
  const usage = join(root, `usage-${process.pid}.txt`);
  const command = TIME ? [TIME, '-f', '%U %S %M', '-o', usage, NODE, ...argv] : [NODE, ...argv];
  const started = performance.now();
  const result = spawnSync(command[0], command.slice(1), { cwd: options.cwd, env: { ...process.env, ...options.env }, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const wallMs = performance.now() - started;
  if (result.error) throw result.error;
  const [user, system, maxKb] = TIME ? readFileSync(usage, 'utf8').trim().split('\n').at(-1)!.split(' ').map(Number) : [NaN, NaN, NaN];
  const last = result.stdout.trim().split('\n').at(-1) ?? '';
  const task = argv[0] === TASKS ? (JSON.parse(last) as Sample['task']) : undefined;
  if (argv[0] === TASKS && result.status !== 0) throw new Error(`${argv.join(' ')} failed: ${result.stderr}`);
  return { wallMs, cpuMs: (user + system) * 1000, rssMb: TIME ? maxKb / 1024 : (task?.rssMb ?? NaN), task };
}

const task = (name: string, args: Record<string, string>) => measure([TASKS, name, JSON.stringify(args)]);

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/**
 * Runs each of `tasks` `runs` times, in rounds (one of each per round), after one untimed run of
 * each; returns each task's samples.
 */
function interleave<K extends string>(tasks: Record<K, () => Sample>): Record<K, Sample[]> {
  const keys = Object.keys(tasks) as K[];
  for (const k of keys) tasks[k]();
  const samples = Object.fromEntries(keys.map((k) => [k, [] as Sample[]])) as Record<K, Sample[]>;
  for (let round = 0; round < runs; round++) for (const k of keys) samples[k].push(tasks[k]());
  return samples;
}

/** Medians of the samples: whole process, or a task's own step (`step`). */
function figures(samples: Sample[], step = false): { wall: number; cpu: number; rss: number } {
  return {
    wall: median(samples.map((s) => (step ? s.task!.ms : s.wallMs))),
    cpu: median(samples.map((s) => (step ? s.task!.cpuMs : s.cpuMs))),
    rss: Math.max(...samples.map((s) => (step ? s.task!.rssMb : s.rssMb))),
  };
}

const ms = (value: number) => (Number.isNaN(value) ? '–' : `${Math.round(value).toLocaleString('en')} ms`);
const ratio = (value: number) => (Number.isFinite(value) ? `${value.toFixed(2)}×` : '–');

/** The header of the table `row` prints into. */
function header(): void {
  console.log('| target | anchor | measured (wall, CPU, peak RSS) | anchor measured | ratio wall | ratio CPU | target | verdict |');
  console.log('| --- | --- | --- | --- | --- | --- | --- | --- |');
}
header();
/** Whether a table of another shape (bench/incremental.ts) was printed since `row`'s last one: its next row starts a new table. */
let interrupted = false;

/**
 * One row: `value` against `anchor` (measured, or a fixed budget in ms), and whether the target
 * holds (`met` sees the ratios and the value).
 */
function row(what: string, anchorName: string, value: { wall: number; cpu: number; rss: number }, anchor: { wall: number; cpu: number; rss?: number }, target: string, met: (r: { wall: number; cpu: number }, value: { wall: number; cpu: number; rss: number }) => boolean): void {
  const r = { wall: value.wall / anchor.wall, cpu: value.cpu / anchor.cpu };
  const anchorText = anchor.rss === undefined ? 'budget' : `${ms(anchor.wall)}, ${ms(anchor.cpu)}`;
  if (interrupted) {
    console.log('');
    header();
    interrupted = false;
  }
  console.log(`| ${what} | ${anchorName} | ${ms(value.wall)}, ${ms(value.cpu)}, ${Math.round(value.rss)} MB | ${anchorText} | ${ratio(r.wall)} | ${ratio(r.cpu)} | ${target} | ${met(r, value) ? 'met' : '**not met**'} |`);
}

/** A budget in ms as an anchor: the ratio is the share of the budget used. */
const budget = (limit: number) => ({ wall: limit, cpu: limit });

/** The generated journal of `years` years, from the cache (generated on first use). */
async function cachedJournal(years: number, start: string): Promise<string> {
  const generator = hash('sha256', readFileSync(new URL('../scripts/generate-journal.ts', import.meta.url))).slice(0, 12);
  const dir = join(process.env.TURBOWORK_BENCH_CACHE ?? join(tmpdir(), 'turbowork-bench'), `${years}y-${start}-seed1-${generator}`);
  if (!existsSync(dir)) {
    const partial = `${dir}.partial-${process.pid}`;
    await writeJournal(partial, generateJournal({ years, seed: 1, start }));
    await mkdir(join(dir, '..'), { recursive: true });
    await rename(partial, dir);
  }
  return dir;
}

/** A writable copy of a cached journal, in this run's folder. */
async function copyOf(dir: string, name: string): Promise<string> {
  const copy = join(root, name);
  await cp(dir, copy, { recursive: true });
  return copy;
}

const root = await mkdtemp(join(tmpdir(), 'turbowork-bench-'));
try {
  const ten = await cachedJournal(10, '2016-01-04');
  const thirty = only.has('drafts') || only.has('week-prompt') || only.has('site') || only.has('memory') ? await cachedJournal(30, '1996-01-01') : null;
  console.error(`Journals (scripts/generate-journal.ts, seed 1): ${ten}${thirty ? `, ${thirty}` : ''}. Node ${process.version}, median of ${runs} runs, interleaved.`);

  if (only.has('commands')) {
    // Capture and the commands that read the journal, warm: the cache of the run before.
    // `log` and `new daily` change the journal every round, so the check after them takes the full
    // path; a warm check (nothing changed since the last one) runs on a copy no command writes to.
    const journal = await copyOf(ten, 'commands-journal');
    const untouched = await copyOf(ten, 'commands-journal-untouched');
    const env = { TURBOWORK_CACHE: join(root, 'commands-cache') };
    let day = 0;
    const cli = (...args: string[]) => () => measure([MAIN, ...args, '--journal', journal], { env });
    const samples = interleave({
      node: () => measure(['-e', '0']),
      log: cli('log', 'Shipped the retry queue #perf', '--date', '2025-06-02'),
      newDaily: () => cli('new', 'daily', '--date', `2030-${String(1 + Math.floor(day / 28)).padStart(2, '0')}-${String(1 + (day++ % 28)).padStart(2, '0')}`)(),
      checkAfterEdits: cli('check'),
      query: cli('query', 'SELECT count(*) AS days FROM days'),
      check: () => measure([MAIN, 'check', '--journal', untouched], { env }),
    });
    const node = figures(samples.node);
    const capture = (r: { wall: number }, v: { rss: number }) => r.wall <= 8 && v.rss <= 150;
    row('`log "text"`, ten years', '`node -e 0`', figures(samples.log), node, '≤ 8× wall; ≤ 150 MB', capture);
    row('`new daily` (carries open goals over), ten years', '`node -e 0`', figures(samples.newDaily), node, '≤ 8× wall; ≤ 150 MB', capture);
    row('`check`, warm (nothing changed since the last check), ten years', '`node -e 0`', figures(samples.check), node, '≤ 8× wall; ≤ 150 MB', capture);
    row('`check` after that round\'s `log` and `new daily` (two files changed), ten years', '`node -e 0`', figures(samples.checkAfterEdits), node, '≤ 8× wall; ≤ 150 MB', capture);
    row('`query`, warm, ten years', '`node -e 0`', figures(samples.query), node, '≤ 8× wall; ≤ 150 MB', capture);
  }

  if (only.has('drafts')) {
    // The draft step of `build` (offline) with every draft up to date: the drafts are written into a
    // copy of each journal kept beside it in the cache, by the untimed first run (once, or again
    // when the drafts' code changed).
    const drafted = async (dir: string) => {
      const journalDir = `${dir}-drafted`;
      if (!existsSync(journalDir)) await cp(dir, journalDir, { recursive: true });
      return { journalDir, cacheDir: `${dir}-drafted-cache`, asOf: AS_OF };
    };
    const tenArgs = await drafted(ten);
    const thirtyArgs = await drafted(thirty!);
    const samples = interleave({ ten: () => task('drafts', tenArgs), thirty: () => task('drafts', thirtyArgs) });
    const tenStep = figures(samples.ten, true);
    row(`draft step, every draft up to date, ten years (${samples.ten[0].task!.detail})`, '0.3 s', tenStep, budget(300), '≤ 0.3 s', (r) => r.wall <= 1);
    row(`draft step, every draft up to date, thirty years (${samples.thirty[0].task!.detail})`, 'the ten-year figure', figures(samples.thirty, true), { ...tenStep }, '≤ 3×', (r) => r.wall <= 3);
  }

  if (only.has('week-prompt')) {
    // Not a timing: the estimated tokens of one 2025 week's prompt, thirty years against one.
    const one = await cachedJournal(1, '2025-01-06');
    const tokens = (dir: string) => Number(task('week-prompt', { journalDir: dir, cacheDir: join(root, `prompt-cache-${Math.random()}`), asOf: AS_OF, period: '2025-W20' }).task!.detail);
    const young = tokens(one);
    const old = tokens(thirty!);
    const r = old / young;
    console.log(`| week prompt 2025-W20, thirty years (${old.toLocaleString('en')} tokens) | the same week in a one-year journal (${young.toLocaleString('en')} tokens) | | | ${ratio(r)} | | within ±10% | ${Math.abs(r - 1) <= 0.1 ? 'met' : '**not met**'} |`);
  }

  if (only.has('site')) {
    // Cold: no cache of any kind (Astro's content cache for the plain build, .turbowork for ours) and
    // no previous output, whose pages a build would keep (src/site/manifest.ts). Warm: the cache and
    // the output a previous build of the same journal left. The builds do not refresh drafts.
    const plainCache = new URL('./plain-astro/node_modules/.astro/', import.meta.url).pathname;
    const plain = () => task('plain-astro', { journalDir: ten, outDir: join(root, 'plain-dist') });
    // A build removes the output it replaces in a background process: wait for that, so its
    // deletions do not fall on the next measurement.
    const site = (cacheDir: string, outDir = join(root, 'dist')) => {
      const sample = task('site', { journalDir: ten, outDir, cacheDir, asOf: AS_OF });
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
    const samples = interleave({
      plainCold: () => (rmSync(plainCache, { recursive: true, force: true }), plain()),
      cold: () => {
        const outDir = join(root, `cold-dist-${Math.random()}`);
        const sample = site(join(root, `site-cache-${Math.random()}`), outDir);
        rmSync(outDir, { recursive: true, force: true });
        return sample;
      },
      plainWarm: plain,
      warm: () => site(siteCache),
    });
    const both = (r: { wall: number; cpu: number }) => r.wall <= 1.5 && r.cpu <= 1.5;
    row(`full cold \`build\` (no drafts refreshed), ten years (${samples.cold[0].task!.detail})`, 'plain Astro, cold', figures(samples.cold), figures(samples.plainCold), '≤ 1.5× wall and CPU', both);
    row('warm `build`, nothing changed (no drafts refreshed), ten years', 'plain Astro, warm', figures(samples.warm), figures(samples.plainWarm), 'none in issue 15 (was ≤ 1.5×)', both);
  }

  // The incremental site (bench/incremental.ts), on copies it may edit: a build after one edit and a
  // full cold one against plain Astro, dev's save to served page, and the peak RSS at thirty years.
  if (only.has('incremental')) await benchIncremental(root, await copyOf(ten, 'incremental-journal'), runs);
  if (only.has('dev')) await benchDev(root, await copyOf(ten, 'dev-journal'));
  if (only.has('memory')) await benchMemory(root, await copyOf(thirty!, 'memory-journal'));
  interrupted ||= only.has('incremental') || only.has('dev') || only.has('memory');

  if (only.has('ingest')) {
    const samples = interleave({
      cold: () => task('ingest', { journalDir: ten, cacheDir: join(root, `cache-${Math.random()}`) }),
      warm: () => task('ingest', { journalDir: ten, cacheDir: join(root, 'cache-warm') }),
    });
    row('cold ingest (no cache), ten years', '1.5 s', figures(samples.cold, true), budget(1500), '≤ 1×; < 400 MB', (r, v) => r.wall <= 1 && v.rss < 400);
    row('warm re-ingest, nothing changed', '0.3 s', figures(samples.warm, true), budget(300), '≤ 1×', (r) => r.wall <= 1);
  }

  if (only.has('reports')) {
    const cacheDir = join(root, 'cache-reports');
    const samples = interleave({ reports: () => task('reports', { journalDir: ten, cacheDir, asOf: AS_OF }) });
    row(`every report model on a warm ingest (${samples.reports[0].task!.detail})`, '1 s', figures(samples.reports, true), budget(1000), '≤ 1×', (r) => r.wall <= 1);
  }

  if (only.has('evidence')) {
    const repoDir = join(root, 'payments-api');
    writeCodeRepo(repoDir, 5000);
    const imported = join(root, 'evidence-warm');
    const first = interleave({ first: () => task('import-git', { journalDir: join(root, `evidence-${Math.random()}`), repoDir, cacheDir: join(root, `import-cache-${Math.random()}`) }), again: () => task('import-git', { journalDir: imported, repoDir, cacheDir: join(root, 'import-cache') }) });
    row('`import git`, 5,000 commits, first run', '3 s', figures(first.first, true), budget(3000), '≤ 1×', (r) => r.wall <= 1);
    row('`import git` again, nothing new', '0.3 s', figures(first.again, true), budget(300), '≤ 1×', (r) => r.wall <= 1);
    // The ten-year journal committed one day at a time; a cold ingest reads the history or not.
    const gitJournal = join(root, 'git-journal');
    writeJournalRepo(gitJournal, generateJournal({ years: 10, seed: 1, start: '2016-01-04' }));
    const samples = interleave({
      without: () => task('ingest-history', { journalDir: gitJournal, cacheDir: join(root, `cache-${Math.random()}`), history: 'false' }),
      with: () => task('ingest-history', { journalDir: gitJournal, cacheDir: join(root, `cache-${Math.random()}`), history: 'true' }),
    });
    const without = figures(samples.without, true);
    const withHistory = figures(samples.with, true);
    row('cold ingest with entry history, less without it', '1 s', { wall: withHistory.wall - without.wall, cpu: withHistory.cpu - without.cpu, rss: withHistory.rss }, budget(1000), '≤ 1×', (r) => r.wall <= 1);
  }
} finally {
  await rm(root, { recursive: true, force: true });
}
