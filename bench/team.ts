/**
 * npm run bench:team: `turbowork team build` over a generated team. Each member's journal is
 * scripts/generate-journal.ts with a seed of its own; the billable-hours and incident CSVs are
 * generated beside them (seeded, so every run sees the same team). The build runs as a user's
 * command does, in a process of its own under /usr/bin/time: its wall time and the peak RSS of the
 * largest process of the build (the CLI's, or Astro's) are printed as a Markdown row. Each run is
 * cold: the members' caches start empty and no coaching draft is on disk.
 *
 *   npm run bench:team [-- --members 40 --years 3 --runs 3 --keep DIR]
 */
import { spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { generateJournal, writeJournal } from '../scripts/generate-journal.ts';

const { values } = parseArgs({ options: { members: { type: 'string', default: '40' }, years: { type: 'string', default: '3' }, runs: { type: 'string', default: '3' }, keep: { type: 'string' } } });
const members = Number(values.members);
const years = Number(values.years);
const START = '2023-01-02';

/** A small seeded PRNG (mulberry32), so the CSVs are the same on every run. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const dir = values.keep ?? await mkdtemp(join(tmpdir(), 'turbowork-bench-team-'));
const t0 = performance.now();
const ids = Array.from({ length: members }, (_, i) => `engineer-${String(i + 1).padStart(2, '0')}`);
let files = 0;
const worklogs = ['person,date,hours,billable'];
const incidents = ['id,person,opened_at,acknowledged_at'];
for (const [i, id] of ids.entries()) {
  const journal = generateJournal({ years, seed: 1000 + i, start: START });
  files += journal.size;
  await writeJournal(join(dir, 'members', id), journal);
  const random = rng(i + 1);
  for (const path of journal.keys()) {
    const date = /^daily\/\d{4}\/(\d{4}-\d{2}-\d{2})\.md$/.exec(path)?.[1];
    if (!date) continue;
    const billable = Math.round((5 + random() * 3) * 4) / 4;
    worklogs.push(`${id},${date},${billable},yes`, `${id},${date},${Math.round(random() * 8) / 4},no`);
    if (random() < 0.15) {
      const minute = Math.floor(random() * 600);
      const opened = new Date(`${date}T08:00:00Z`).getTime() + minute * 60_000;
      const acknowledged = opened + Math.round(2 + random() * 40) * 60_000;
      incidents.push(`${id}-${incidents.length},${id},${new Date(opened).toISOString()},${new Date(acknowledged).toISOString()}`);
    }
  }
}
await mkdir(join(dir, 'data'), { recursive: true });
await writeFile(join(dir, 'data/worklogs.csv'), `${worklogs.join('\n')}\n`);
await writeFile(join(dir, 'data/incidents.csv'), `${incidents.join('\n')}\n`);
await writeFile(join(dir, 'team.yml'), [
  'name: Generated team',
  'members:',
  ...ids.map((id) => `  - { id: ${id}, name: "Engineer ${id.slice(-2)}", journal: members/${id} }`),
  'policies:',
  '  - id: 4x10',
  '    name: Four ten-hour days',
  '    start: 2025-03-03',
  '    baseline_months: 3',
  '    rules: [{ metric: billable_pct, at_least: 76 }, { metric: response_minutes, max_worsening_pct: 25 }]',
  'sources:',
  '  billable: { file: data/worklogs.csv }',
  '  incidents: { file: data/incidents.csv }',
  '',
].join('\n'));
process.stderr.write(`generated ${members} journals (${files} files), ${worklogs.length - 1} worklogs and ${incidents.length - 1} incidents in ${Math.round(performance.now() - t0)} ms into ${dir}\n`);

const main = new URL('../src/cli/main.ts', import.meta.url).pathname;
const samples: { s: number; mb: number }[] = [];
for (let run = 0; run < Number(values.runs); run++) {
  // /usr/bin/time prints "<seconds> <KB>" as stderr's last line: wall time and the largest process's peak RSS.
  // Cold: a new, empty cache folder for the members' journals each run (the coaching drafts then read theirs warm).
  const cache = join(dir, `.cache-${run}`);
  await rm(join(dir, 'coaching'), { recursive: true, force: true });
  const child = spawnSync('/usr/bin/time', ['-f', '%e %M', process.execPath, main, 'team', 'build', '--team', dir, '--out', join(dir, 'dist-team'), '--as-of', '2025-12-31', '--no-llm'], { encoding: 'utf8', maxBuffer: 1 << 28, env: { ...process.env, TURBOWORK_CACHE: cache } });
  await rm(cache, { recursive: true, force: true });
  const lines = child.stderr.trim().split('\n');
  const [seconds, kb] = lines.at(-1)!.split(' ').map(Number);
  if (process.env.BENCH_LOG) process.stderr.write(`${lines.filter((l) => !/^\s+\d+:\d+|^\S+\.md$|^\s{10,}/.test(l)).join('\n')}\n`);
  samples.push({ s: seconds, mb: kb / 1024 });
  process.stderr.write(`run ${run + 1}: ${seconds} s, ${Math.round(kb / 1024)} MB (exit ${child.status})\n`);
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
console.log(`| team build, ${members} members × ${years} years (${files.toLocaleString('en')} files), --no-llm | ${median(samples.map((x) => x.s)).toFixed(1)} s | ${Math.max(...samples.map((x) => x.mb)).toFixed(0)} MB |`);
if (!values.keep) await rm(dir, { recursive: true, force: true });
