/**
 * `build --out` replaces its folder whole, so it takes only a folder that is new, empty or a previous
 * build, and never the journal, its repository, or a folder above them. Refusals happen before
 * anything is read or written, and leave every file where it was.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUILD_MARKER } from '../src/site/out-dir.ts';
import { runCli, spawnCli } from './support/cli.ts';

const root = new URL('../', import.meta.url).pathname;
const KINDS = join(root, 'test/fixtures/journals/kinds');
let dir: string;
let repo: string;
let journal: string;

/** Every file under a folder, as relative paths with their contents. */
async function snapshot(folder: string): Promise<Record<string, string>> {
  const entries = await readdir(folder, { recursive: true, withFileTypes: true });
  const files = entries.filter((e) => e.isFile() && !e.parentPath.includes(`${folder}/.git`));
  return Object.fromEntries(await Promise.all(files.map(async (e) => [join(e.parentPath, e.name).slice(folder.length), await readFile(join(e.parentPath, e.name), 'utf8')])));
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tw-out-'));
  repo = join(dir, 'work');
  journal = join(repo, 'journal');
  await cp(KINDS, journal, { recursive: true });
  execFileSync('git', ['init', '-q', repo]);
  await mkdir(join(dir, 'photos'));
  await writeFile(join(dir, 'photos', 'holiday.txt'), 'not a site');
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('build --out refuses', () => {
  const refusals: [string, () => string, RegExp][] = [
    ['an unrelated folder with files', () => join(dir, 'photos'), /holds files that turbowork did not build \(it has no \.turbowork-build\)/],
    ['the journal', () => journal, /is the journal;/],
    ['the repository holding the journal', () => repo, /is the journal's git repository;/],
    ['a parent of the repository', () => dir, /holds the journal/],
    ['the filesystem root', () => '/', /holds the journal/],
    ['a file', () => join(dir, 'photos', 'holiday.txt'), /is a file, not a folder/],
  ];
  it.each(refusals)('%s, exit 2, touching nothing', async (_what, out, message) => {
    const before = await snapshot(dir);
    const result = await runCli(['build', '--no-llm', '--journal', journal, '--out', out()]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stderr).not.toMatch(/internal error|\n\s+at /);
    expect(await snapshot(dir)).toEqual(before);
  });
});

describe('build --out replaces', () => {
  it('a new folder, then its own previous build, and an empty folder', async () => {
    const out = join(dir, 'site');
    const first = await spawnCli(['build', '--no-llm', '--journal', journal, '--out', out, '--as-of', '2025-03-01'], dir);
    expect(first.stderr).toContain('✔ built');
    expect(first.code).toBe(0);
    expect(await readFile(join(out, BUILD_MARKER), 'utf8')).toContain('turbowork build');
    await writeFile(join(out, 'stale.html'), 'from an older build');

    const second = await spawnCli(['build', '--no-llm', '--journal', journal, '--out', out, '--as-of', '2025-03-01'], dir);
    expect(second.code).toBe(0);
    const files = await readdir(out);
    expect(files).toContain('index.html');
    expect(files).not.toContain('stale.html');
    // The output it replaced is kept aside as it was, and the next build writes into it
    // (src/site/previous.ts): what no build wrote is gone from that build's output.
    expect(await readdir(`${out}.previous`)).toContain('stale.html');
    const again = await spawnCli(['build', '--no-llm', '--journal', journal, '--out', out, '--as-of', '2025-03-01'], dir);
    expect(again.code).toBe(0);
    expect(again.stderr).toMatch(/kept \d+ pages from the previous build \([1-9]\d* already in place\)/);
    expect(await readdir(out)).not.toContain('stale.html');
    expect(await readFile(join(out, BUILD_MARKER), 'utf8')).toContain('turbowork build');
    // A public build keeps no private output beside its own: neither the one it replaces nor the one kept aside.
    expect(existsSync(`${out}.previous`)).toBe(true);
    const published = await spawnCli(['build', '--public', '--no-llm', '--journal', journal, '--out', out, '--as-of', '2025-03-01'], dir);
    expect(published.code).toBe(0);
    expect(existsSync(`${out}.previous`)).toBe(false);
    await expect.poll(() => readdir(dir).then((names) => names.filter((name) => name.startsWith('site.'))), { timeout: 60_000, interval: 200 }).toEqual([]);

    const empty = join(dir, 'empty');
    await mkdir(empty);
    const third = await spawnCli(['build', '--no-llm', '--journal', journal, '--out', empty, '--as-of', '2025-03-01'], dir);
    expect(third.code).toBe(0);
    expect(await readdir(empty)).toContain(BUILD_MARKER);
  }, 240_000);
});
