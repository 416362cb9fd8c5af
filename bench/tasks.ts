/**
 * One benchmark task in a fresh process: node bench/tasks.ts TASK '{"journalDir": …}'. Prints
 * {ms, rssMb, detail} as its last line. Time covers the task only, not Node's start-up.
 */
import { openJournal } from '../src/journal.ts';

const [task, json] = process.argv.slice(2);
const args = JSON.parse(json) as Record<string, string>;

async function ingest(): Promise<string> {
  const journal = await openJournal({ journalDir: args.journalDir, cacheDir: args.cacheDir });
  journal.db.close();
  return `${journal.load.parsed} parsed, ${journal.load.unchanged} reused`;
}

const tasks: Record<string, () => Promise<string>> = { ingest };
const started = performance.now();
const detail = await tasks[task]();
const ms = performance.now() - started;
console.log(JSON.stringify({ ms, rssMb: process.resourceUsage().maxRSS / 1024, detail }));
