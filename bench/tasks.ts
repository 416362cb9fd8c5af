/**
 * One benchmark task in a fresh process: node bench/tasks.ts TASK '{"journalDir": …}'. Prints
 * {ms, rssMb, detail} as its last line. Time covers the task only, not Node's start-up.
 */
import { join } from 'node:path';
import { build } from 'astro';
import { openJournal } from '../src/journal.ts';
import { buildSite } from '../src/site/build.ts';

const [task, json] = process.argv.slice(2);
const args = JSON.parse(json) as Record<string, string>;

async function ingest(): Promise<string> {
  const journal = await openJournal({ journalDir: args.journalDir, cacheDir: args.cacheDir });
  journal.db.close();
  return `${journal.load.parsed} parsed, ${journal.load.unchanged} reused`;
}

/** turbowork's whole build: ingest, reports, charts, Astro and Pagefind. */
async function site(): Promise<string> {
  const result = await buildSite({ journalDir: args.journalDir, outDir: args.outDir, cacheDir: args.cacheDir, asOf: args.asOf, public: false, log: () => {} });
  return `${result.pages} pages`;
}

/** The comparison: Astro alone rendering the daily files through its glob() loader. */
async function plainAstro(): Promise<string> {
  process.env.BENCH_DAILY_DIR = join(args.journalDir, 'daily');
  const root = new URL('./plain-astro/', import.meta.url).pathname;
  process.chdir(root);
  await build({ root, outDir: args.outDir, logLevel: 'error' });
  return 'daily logs only';
}

const tasks: Record<string, () => Promise<string>> = { ingest, site, 'plain-astro': plainAstro };
const started = performance.now();
const detail = await tasks[task]();
const ms = performance.now() - started;
console.log(JSON.stringify({ ms, rssMb: process.resourceUsage().maxRSS / 1024, detail }));
process.exit(0); // Astro can leave handles open
