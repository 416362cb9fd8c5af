/**
 * The executable (src/cli/turbowork.js) turns on Node's module compile cache in the user's own cache
 * folder: owner-only, never the journal, never a folder someone else can write to, and not at all
 * when NODE_DISABLE_COMPILE_CACHE is set. Real child processes, as a user runs turbowork.
 */
import { execFile } from 'node:child_process';
import { chmod, cp, mkdir, mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { filesUnder } from './support/files.ts';

const run = promisify(execFile);
const BIN = new URL('../src/cli/turbowork.js', import.meta.url).pathname;
const SAMPLE = new URL('../journal/', import.meta.url).pathname;

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'turbowork-compile-cache-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

/** The environment without Node's own compile cache settings (the tests set them themselves). */
function withoutCacheSettings(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const { NODE_COMPILE_CACHE: _cache, NODE_DISABLE_COMPILE_CACHE: _disable, ...rest } = env;
  return rest;
}

/** `turbowork log` into a fresh copy of the sample journal, with `env`; what it printed and what changed in the journal. */
async function logInto(name: string, env: NodeJS.ProcessEnv) {
  const journal = join(dir, name, 'journal');
  await cp(SAMPLE, journal, { recursive: true });
  const before = await filesUnder(journal);
  const { stdout } = await run(process.execPath, [BIN, 'log', 'Shipped the retry queue #perf', '--journal', journal, '--date', '2027-03-01'], {
    cwd: join(dir, name),
    env: { ...withoutCacheSettings(process.env), TURBOWORK_CACHE: join(dir, name, 'db'), ...env },
  });
  const added = (await filesUnder(journal)).filter((file) => !before.includes(file));
  return { stdout, added, daily: await readFile(join(journal, 'daily/2027/2027-03-01.md'), 'utf8') };
}

describe('the compile cache of the executable', () => {
  it('lives in the user cache folder, owner-only, and the journal gains only the entry', async () => {
    const cacheHome = join(dir, 'home-cache');
    const { stdout, added, daily } = await logInto('private', { XDG_CACHE_HOME: cacheHome });
    expect(stdout.trim()).toMatch(/daily\/2027\/2027-03-01\.md$/);
    expect(daily).toContain('- Shipped the retry queue #perf');
    expect(added).toEqual(['daily/2027/2027-03-01.md']);
    const folder = join(cacheHome, 'turbowork', 'node-compile-cache');
    expect((await stat(folder)).mode & 0o777).toBe(0o700);
    expect((await filesUnder(folder)).length).toBeGreaterThan(10); // the modules log loaded
  }, 60_000);

  it('is off when NODE_DISABLE_COMPILE_CACHE is set', async () => {
    const cacheHome = join(dir, 'disabled-cache');
    const { added } = await logInto('disabled', { XDG_CACHE_HOME: cacheHome, NODE_DISABLE_COMPILE_CACHE: '1' });
    expect(added).toEqual(['daily/2027/2027-03-01.md']);
    expect(await filesUnder(cacheHome)).toEqual([]);
  }, 60_000);

  it('is off in a folder others can write to, and the command still runs', async () => {
    const cacheHome = join(dir, 'shared-cache');
    const folder = join(cacheHome, 'turbowork', 'node-compile-cache');
    await mkdir(folder, { recursive: true });
    await chmod(folder, 0o777);
    const { added, daily } = await logInto('shared', { XDG_CACHE_HOME: cacheHome });
    expect(daily).toContain('- Shipped the retry queue #perf');
    expect(added).toEqual(['daily/2027/2027-03-01.md']);
    expect(await filesUnder(folder)).toEqual([]);
  }, 60_000);
});
