/**
 * One benchmark task in a fresh process: node bench/tasks.ts TASK '{"journalDir": …}'. Prints
 * {ms, cpuMs, rssMb, detail} as its last line. `ms` and `cpuMs` (git's included) cover the task's
 * work only; its modules are loaded before the clock starts (bench/run.ts also reports the whole
 * process).
 */
import { enableCompileCache } from 'node:module';
import { join } from 'node:path';
import { childrenEnded, cpuMs } from './cpu.ts';

// Node's module compile cache, on as in the commands measured: `turbowork` turns it on before any
// TypeScript loads (src/cli/turbowork.js), and so does `astro` (its bin/astro.mjs). Node's default
// folder, as Astro's; the CLI's own is in the user's cache folder.
enableCompileCache();

const [name, json] = process.argv.slice(2);
const args = JSON.parse(json) as Record<string, string>;

interface Task {
  /** Loads what the task needs, untimed. */
  prepare(): Promise<unknown>;
  run(modules: never): Promise<string>;
}

const tasks: Record<string, Task> = {
  /** Reads, parses and loads the journal into DuckDB (a cache file in cacheDir). */
  ingest: {
    prepare: () => import('../src/journal.ts'),
    async run({ openJournal }: typeof import('../src/journal.ts')) {
      const journal = await openJournal({ journalDir: args.journalDir, cacheDir: args.cacheDir });
      journal.db.close();
      return `${journal.load.read} read, ${journal.load.parsed} parsed, ${journal.load.unchanged} reused`;
    },
  },
  /** Every report model of the journal (all weeks, quarters and years), on top of a warm ingest. */
  reports: {
    async prepare() {
      const [{ openJournal }, { computeAllReports }] = await Promise.all([import('../src/journal.ts'), import('../src/scores/report.ts')]);
      return { journal: await openJournal({ journalDir: args.journalDir, cacheDir: args.cacheDir }), computeAllReports };
    },
    async run({ journal, computeAllReports }: { journal: Awaited<ReturnType<typeof import('../src/journal.ts').openJournal>>; computeAllReports: typeof import('../src/scores/report.ts').computeAllReports }) {
      const all = await computeAllReports(journal.db, args.asOf);
      journal.db.close();
      return `${all.weeks.length} weeks, ${all.quarters.length} quarters, ${all.years.length} years`;
    },
  },
  /** turbowork's whole build: ingest, reports, charts, Astro and Pagefind (drafts as they are). */
  site: {
    prepare: () => import('../src/site/build.ts'),
    async run({ buildSite }: typeof import('../src/site/build.ts')) {
      const result = await buildSite({ journalDir: args.journalDir, outDir: args.outDir, cacheDir: args.cacheDir, asOf: args.asOf, public: false, full: args.full === 'true', command: 'turbowork', log: (l) => process.env.BENCH_LOG && console.error(l) });
      return `${result.pages} pages`;
    },
  },
  /**
   * The draft step of `build` (offline, --no-llm): every week, quarter and year's draft refreshed,
   * on a warm ingest. With the drafts of the run before, every draft is up to date.
   */
  drafts: {
    async prepare() {
      const [{ openJournal }, { refreshAssessments }] = await Promise.all([import('../src/journal.ts'), import('../src/assess/assess.ts')]);
      return { journal: await openJournal({ journalDir: args.journalDir, cacheDir: args.cacheDir }), refreshAssessments };
    },
    async run({ journal, refreshAssessments }: { journal: Awaited<ReturnType<typeof import('../src/journal.ts').openJournal>>; refreshAssessments: typeof import('../src/assess/assess.ts').refreshAssessments }) {
      const summary = await refreshAssessments(journal, args.journalDir, { noLlm: true, asOf: args.asOf }, { now: () => new Date(`${args.asOf}T12:00:00Z`), env: {}, log: () => {} });
      journal.db.close();
      const written = summary.drafts.filter((d) => d.status === 'written' || d.status === 'written-new').length;
      return `${written} of ${summary.drafts.length} drafts written`;
    },
  },
  /** The prompt of one week (args.period), built as `assess --dry-run` builds it: its estimated tokens. */
  'week-prompt': {
    async prepare() {
      const [{ openJournal }, { assess }] = await Promise.all([import('../src/journal.ts'), import('../src/assess/assess.ts')]);
      return { journal: await openJournal({ journalDir: args.journalDir, cacheDir: args.cacheDir }), assess };
    },
    async run({ journal, assess }: { journal: Awaited<ReturnType<typeof import('../src/journal.ts').openJournal>>; assess: typeof import('../src/assess/assess.ts').assess }) {
      const summary = await assess(journal, args.journalDir, [{ kind: 'week', period: args.period }], { asOf: args.asOf, dryRun: true, noLlm: true }, { now: () => new Date(`${args.asOf}T12:00:00Z`), env: {}, log: () => {} });
      journal.db.close();
      return String(summary.drafts[0].prompt?.tokens ?? 0);
    },
  },
  /** `import git` of a repository into a journal's evidence (a first import, or a second that finds nothing new). */
  'import-git': {
    prepare: () => import('../src/evidence/import.ts'),
    async run({ importCommits }: typeof import('../src/evidence/import.ts')) {
      const result = await importCommits(args.journalDir, args.repoDir, { authors: ['alex@example.com'], since: null }, args.cacheDir ?? null);
      return `${result.added} added, ${result.known} already imported`;
    },
  },
  /** Only reading when each entry was written: one git log over the journal folder, parsed. */
  'entry-history': {
    prepare: () => import('../src/evidence/history.ts'),
    async run({ readEntryHistory }: typeof import('../src/evidence/history.ts')) {
      const history = await readEntryHistory(args.journalDir);
      return `${history?.size ?? 0} entries`;
    },
  },
  /** Ingest with or without reading when each entry was written from the journal's git (history: "true" or "false"). */
  'ingest-history': {
    prepare: () => import('../src/journal.ts'),
    async run({ openJournal }: typeof import('../src/journal.ts')) {
      const journal = await openJournal({ journalDir: args.journalDir, cacheDir: args.cacheDir, history: args.history === 'true' });
      const [{ n }] = await journal.db.all<{ n: number }>('SELECT count(*) AS n FROM entry_history');
      journal.db.close();
      return `${journal.load.parsed} parsed, ${n} entries with history`;
    },
  },
  /** The comparison: Astro alone rendering the daily files through its glob() loader. */
  'plain-astro': {
    prepare: () => import('astro'),
    async run({ build }: typeof import('astro')) {
      process.env.BENCH_DAILY_DIR = join(args.journalDir, 'daily');
      const root = new URL('./plain-astro/', import.meta.url).pathname;
      process.chdir(root);
      await build({ root, outDir: args.outDir, logLevel: 'error' });
      return 'daily logs only';
    },
  },
};

const task = tasks[name];
const modules = await task.prepare();
const started = performance.now();
const cpuBefore = cpuMs();
const detail = await task.run(modules as never);
const ms = performance.now() - started;
await childrenEnded();
console.log(JSON.stringify({ ms, cpuMs: cpuMs() - cpuBefore, rssMb: process.resourceUsage().maxRSS / 1024, detail }));
process.exit(0); // Astro can leave handles open
