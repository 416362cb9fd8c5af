/**
 * Git repositories for the evidence benchmarks, written with `git fast-import` (thousands of commits
 * in a second, where `git commit` would take minutes): a code repository with a person's commits
 * among a colleague's, and a journal committed one day at a time.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';

const ALEX = 'Alex Doe <alex@example.com>';
const SAM = 'Sam Lee <sam@example.com>';
const DAY_S = 86_400;

/** A fast-import stream of commits on main; `files` are the whole new contents of the paths they change. */
function stream(commits: { author: string; time: number; message: string; files: Record<string, string>; renames?: [string, string][] }[]): string {
  const parts: string[] = [];
  const data = (text: string) => `data ${Buffer.byteLength(text)}\n${text}\n`;
  commits.forEach((c, i) => {
    parts.push(`commit refs/heads/main\nmark :${i + 1}\nauthor ${c.author} ${c.time} +0100\ncommitter ${c.author} ${c.time} +0100\n${data(c.message)}`);
    if (i > 0) parts.push(`from :${i}\n`);
    for (const [from, to] of c.renames ?? []) parts.push(`R ${from} ${to}\n`);
    for (const [path, content] of Object.entries(c.files)) parts.push(`M 100644 inline ${path}\n${data(content)}`);
    parts.push('\n');
  });
  return parts.join('');
}

function fastImport(dir: string, input: string): void {
  mkdirSync(dir, { recursive: true });
  execFileSync('git', ['init', '-q', '--initial-branch=main', dir]);
  execFileSync('git', ['fast-import', '--quiet'], { cwd: dir, input, maxBuffer: 1 << 30 });
  execFileSync('git', ['checkout', '-q', 'main'], { cwd: dir });
}

/** A repository with `own` commits by alex@example.com and one by a colleague for every four of them; every 100th of alex's renames a file. */
export function writeCodeRepo(dir: string, own: number): void {
  const start = Date.UTC(2016, 0, 4) / 1000;
  const commits = [];
  const names = Array.from({ length: 40 }, (_, i) => `src/module-${i}.ts`);
  for (let i = 0; i < own + Math.floor(own / 4); i++) {
    const mine = i % 5 !== 4;
    const n = i % names.length;
    const renames: [string, string][] = [];
    if (mine && i % 100 === 0 && i > 0) {
      const renamed = `src/renamed-${i}.ts`;
      renames.push([names[n], renamed]);
      names[n] = renamed;
    }
    const body = Array.from({ length: 12 }, (_, line) => `export const v${line} = ${line === i % 12 ? i : line};`).join('\n') + '\n';
    commits.push({ author: mine ? ALEX : SAM, time: start + i * (DAY_S / 2), message: mine && i % 7 === 0 ? `Change ${i} (#${i})` : `Change ${i}`, files: { [names[n]]: body }, renames });
  }
  fastImport(dir, stream(commits));
}

/** Commits a generated journal one day at a time (its daily logs on their own dates, everything else first). */
export function writeJournalRepo(dir: string, files: Map<string, string>): number {
  const daily = [...files].filter(([path]) => path.startsWith('daily/')).sort(([a], [b]) => a.localeCompare(b));
  const rest = Object.fromEntries([...files].filter(([path]) => !path.startsWith('daily/')));
  const dayOf = (path: string) => Date.UTC(Number(path.slice(-13, -9)), Number(path.slice(-8, -6)) - 1, Number(path.slice(-5, -3))) / 1000 + 17 * 3600;
  const commits = [{ author: ALEX, time: dayOf(daily[0][0]) - DAY_S, message: 'Start the journal', files: rest }];
  for (const [path, content] of daily) commits.push({ author: ALEX, time: dayOf(path), message: path.slice(-13, -3), files: { [path]: content } });
  fastImport(dir, stream(commits));
  return commits.length;
}
