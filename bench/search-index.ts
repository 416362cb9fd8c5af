/**
 * The search index step alone (src/site/search.ts), on a built site: indexes every page of `dir`
 * into `dir/pagefind/` as a build does, and prints the wall time, the CLI's CPU (process.cpuUsage)
 * and Pagefind's (its process's user + system time, from /proc, read before it is stopped).
 *
 *   node bench/search-index.ts DIR                      a full build's index
 *   node bench/search-index.ts DIR --reuse PREV 2025    an incremental build's: the shards listed
 *                                                       (comma-separated) made again, the others
 *                                                       linked from PREV/pagefind/
 *   SEARCH_MODULE=/other/checkout/src/site/search.ts    measures another version (a before figure)
 */
import { readdirSync, readFileSync, rmSync } from 'node:fs';

const [dir, flag, previous, changed = ''] = process.argv.slice(2);
const { SearchIndex } = (await import(process.env.SEARCH_MODULE ?? '../src/site/search.ts')) as typeof import('../src/site/search.ts');

/** User + system CPU of this process's children (Pagefind's), in ms. */
function childrenCpuMs(): number {
  let ms = 0;
  for (const name of readdirSync('/proc').filter((n) => /^\d+$/.test(n))) {
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(fields[1]) === process.pid) ms += (Number(fields[11]) + Number(fields[12])) * 10; // clock ticks of 10 ms
    } catch {
      // the process ended while we looked
    }
  }
  return ms;
}

rmSync(`${dir}/pagefind`, { recursive: true, force: true });
const [cpu, started] = [process.cpuUsage(), performance.now()];
const index = await SearchIndex.open();
const shards = new Set(changed.split(','));
const pages = await index.write(dir, '/', flag === '--reuse' ? { previous, changed: (shard) => shards.has(shard) } : undefined);
const own = process.cpuUsage(cpu);
const pagefindMs = childrenCpuMs();
const wallMs = performance.now() - started;
await index.close();
console.log(JSON.stringify({ pages, wallMs: Math.round(wallMs), cliCpuMs: Math.round((own.user + own.system) / 1000), pagefindCpuMs: pagefindMs }));
