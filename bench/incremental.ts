/**
 * The site's incremental-build rows of `npm run bench` (issue 15): each figure is taken in interleaved
 * rounds against its anchor in the same run, as wall time and as CPU time (user + system of the whole
 * process tree: the CLI, Astro's process, Pagefind's), and peak RSS is the sum over that tree,
 * sampled from /proc every 50 ms. Prints one Markdown row per target with its ratio and verdict.
 *
 *   npm run bench -- --only incremental [--runs N]   (ten years)
 *   npm run bench -- --only memory                   (thirty years)
 */
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** BENCH_TASKS=/path/to/other/checkout/bench/tasks.ts measures another version of the code (a before figure). */
const TASKS = process.env.BENCH_TASKS ?? new URL('./tasks.ts', import.meta.url).pathname;
const PLAIN_CACHE = new URL('./plain-astro/node_modules/.astro/', import.meta.url).pathname;

/** One run of a command's whole process tree. */
interface Run {
  wallMs: number;
  /** user + system, the process and its reaped descendants. */
  cpuMs: number;
  /** The largest sum of the tree's resident sets seen. */
  rssMb: number;
}

/** The resident set of a process and all its descendants, in kB. */
function treeRss(pid: number): number {
  const children = new Map<number, number[]>();
  let rss = 0;
  const rssOf = new Map<number, number>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const ppid = Number(fields[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(name)]);
      rssOf.set(Number(name), Number(fields[21]) * 4); // pages of 4 kB
    } catch {
      // the process ended while we looked
    }
  }
  const stack = [pid];
  while (stack.length > 0) {
    const p = stack.pop()!;
    rss += rssOf.get(p) ?? 0;
    stack.push(...(children.get(p) ?? []));
  }
  return rss;
}

/** Runs `node bench/tasks.ts task args` under /usr/bin/time, sampling the tree's memory. */
async function run(task: string, args: Record<string, string>): Promise<Run> {
  const timeFile = `/tmp/turbowork-bench-time-${process.pid}`;
  const started = performance.now();
  const child = spawn('/usr/bin/time', ['-o', timeFile, '-f', '%U %S', process.execPath, TASKS, task, JSON.stringify(args)], { stdio: ['ignore', 'ignore', 'inherit'] });
  let peak = 0;
  const sampler = setInterval(() => (peak = Math.max(peak, treeRss(child.pid!))), 50);
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  clearInterval(sampler);
  const wallMs = performance.now() - started;
  if (code !== 0) throw new Error(`${task} failed (exit code ${code})`);
  const [user, system] = readFileSync(timeFile, 'utf8').trim().split('\n').at(-1)!.split(' ').map(Number);
  rmSync(timeFile, { force: true });
  return { wallMs, cpuMs: (user + system) * 1000, rssMb: peak / 1024 };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const fmt = (ms: number) => `${Math.round(ms).toLocaleString('en')} ms`;

/** Prints a ratio row: the medians of both, their wall and CPU ratios, and whether both are within `limit`. */
function ratioRow(name: string, limit: number, anchor: Run[], measured: Run[]): void {
  const [aw, ac, mw, mc] = [median(anchor.map((r) => r.wallMs)), median(anchor.map((r) => r.cpuMs)), median(measured.map((r) => r.wallMs)), median(measured.map((r) => r.cpuMs))];
  const [wall, cpu] = [mw / aw, mc / ac];
  const met = wall <= limit && cpu <= limit;
  console.log(`| ${name} | ${fmt(mw)} wall, ${fmt(mc)} CPU, ${Math.round(Math.max(...measured.map((r) => r.rssMb)))} MB | ${fmt(aw)} wall, ${fmt(ac)} CPU | **${wall.toFixed(2)}×** wall, **${cpu.toFixed(2)}×** CPU | ≤ ${limit}× | ${met ? 'met' : '**not met**'} |`);
}

/** Waits until no `dist.old-*` removal (a build's background clean-up) is left under `root`. */
function settle(root: string): void {
  const deadline = Date.now() + 120_000;
  while (readdirSync(root).some((name) => name.includes('.old-')) && Date.now() < deadline) execFileSync('sleep', ['0.05']);
}

/**
 * The year whose logs the rows edit and the as-of date after it: the ten-year journal (from
 * 2016-01-04, with a few days of 2026 past the as-of date) and the thirty-year one (from 1996) both
 * end with 2025.
 */
const LAST_YEAR = '2025';
const AS_OF = '2026-01-01';

/** Appends a line to a daily file of the journal's last year, a different line each time. */
function editDay(journalDir: string, n: number): string {
  const folder = join(journalDir, 'daily', LAST_YEAR);
  const file = join(folder, readdirSync(folder).filter((name) => name.endsWith('.md')).sort().at(-10)!);
  writeFileSync(file, `${readFileSync(file, 'utf8')}\n- Benchmark edit ${n}: a line added to the log\n`);
  return file;
}

/** Incremental build after one edit, and full cold build, each against its plain Astro anchor; dev's save-to-page time. */
export async function benchIncremental(root: string, journalDir: string, runs: number): Promise<void> {
  const site = (outDir: string, cacheDir: string, full = false) => {
    const sample = run('site', { journalDir, outDir, cacheDir, asOf: AS_OF, ...(full && { full: 'true' }) });
    return sample.finally(() => settle(root));
  };
  const plain = () => run('plain-astro', { journalDir, outDir: join(root, 'plain-dist') });
  const incDist = join(root, 'inc-dist');
  const incCache = join(root, 'inc-cache');
  // Warm everything once: the plain build's content cache, our fragments cache and first output.
  await site(incDist, incCache);
  await plain();
  const rows = { plainWarm: [] as Run[], edited: [] as Run[], plainCold: [] as Run[], cold: [] as Run[] };
  for (let round = 0; round < runs; round++) {
    rows.plainWarm.push(await plain());
    editDay(journalDir, round);
    rows.edited.push(await site(incDist, incCache));
    rmSync(PLAIN_CACHE, { recursive: true, force: true });
    rows.plainCold.push(await plain());
    const coldDist = join(root, `cold-dist-${round}`);
    rows.cold.push(await site(coldDist, join(root, `cold-cache-${round}`), true));
    rmSync(coldDist, { recursive: true, force: true });
  }
  console.log('\n| target | turbowork | anchor (plain Astro build of the daily logs) | ratio | target | verdict |');
  console.log('| --- | --- | --- | --- | --- | --- |');
  ratioRow('`build` after editing one daily file (site, without the draft step) / plain Astro warm', 0.5, rows.plainWarm, rows.edited);
  ratioRow('full cold `build` (site, without the draft step) / plain Astro cold', 1.5, rows.plainCold, rows.cold);
}

/** `turbowork dev` on the journal: from saving a daily file to its page served with the change, five times. */
export async function benchDev(root: string, journalDir: string): Promise<void> {
  const cli = join(dirname(TASKS), '../src/cli/main.ts');
  const child = spawn(process.execPath, [cli, 'dev', '--journal', journalDir, '--out', join(root, 'dev-dist'), '--port', '0'], { env: { ...process.env, TURBOWORK_CACHE: join(root, 'dev-cache') }, stdio: ['ignore', 'pipe', 'pipe'] });
  try {
    const url = await new Promise<string>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => {
        const match = /serving (http:\S+)/.exec(chunk.toString());
        if (match) resolve(match[1]);
      });
      child.once('exit', (code) => reject(new Error(`dev exited with ${code}`)));
    });
    // A pause as a person's before their first edit: Astro's process takes the first build's data.
    await new Promise((r) => setTimeout(r, 15_000));
    const times: number[] = [];
    for (let n = 0; n < 5; n++) {
      const marker = `Dev save ${n} ${Math.random().toString(36).slice(2)}`;
      const file = editDay(journalDir, 100 + n);
      const date = file.match(/(\d{4}-\d{2}-\d{2})\.md$/)![1];
      writeFileSync(file, `${readFileSync(file, 'utf8')}\n- ${marker}\n`);
      const saved = performance.now();
      while (!(await (await fetch(`${url}days/${date}/`)).text()).includes(marker)) {
        if (performance.now() - saved > 300_000) throw new Error(`dev did not show save ${n} within 5 minutes`);
        await new Promise((r) => setTimeout(r, 20));
      }
      times.push(performance.now() - saved);
      await new Promise((r) => setTimeout(r, 1000));
    }
    const m = median(times);
    console.log(`| \`dev\`: save to served page (median of 5: ${times.map((t) => Math.round(t)).join(', ')} ms) | ${fmt(m)} | | | ≤ 1,000 ms | ${m <= 1000 ? 'met' : '**not met**'} |`);
  } finally {
    child.kill('SIGTERM');
    await new Promise((resolve) => child.once('exit', resolve));
  }
}

/** Peak RSS of the whole process tree: a full cold build, then an incremental build after one edit. */
export async function benchMemory(root: string, journalDir: string): Promise<void> {
  const outDir = join(root, 'memory-dist');
  const cacheDir = join(root, 'memory-cache');
  const cold = await run('site', { journalDir, outDir, cacheDir, asOf: AS_OF });
  settle(root);
  editDay(journalDir, 0);
  const edited = await run('site', { journalDir, outDir, cacheDir, asOf: AS_OF });
  settle(root);
  const verdict = (r: Run) => (r.rssMb <= 1024 ? 'met' : '**not met**');
  console.log('\n| target | peak RSS (CLI + Astro + Pagefind) | wall | CPU | target | verdict |');
  console.log('| --- | --- | --- | --- | --- | --- |');
  console.log(`| full cold build | ${Math.round(cold.rssMb)} MB | ${fmt(cold.wallMs)} | ${fmt(cold.cpuMs)} | ≤ 1,024 MB | ${verdict(cold)} |`);
  console.log(`| build after editing one daily file | ${Math.round(edited.rssMb)} MB | ${fmt(edited.wallMs)} | ${fmt(edited.cpuMs)} | ≤ 1,024 MB | ${verdict(edited)} |`);
  if (existsSync(outDir)) rmSync(outDir, { recursive: true, force: true });
}
