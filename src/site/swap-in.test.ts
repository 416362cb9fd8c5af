/**
 * An encrypted build puts its site in place only once every file is sealed: when sealing fails, the
 * new site is deleted and the previous output stays as it was, so no page of the journal is left
 * readable in either folder.
 */
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { swapIn } from './build.ts';
import { encryptSite } from './encrypt.ts';

let work: string;
let out: string;
let built: string;
const OLD_PAGE = '<html><body>last week’s site</body></html>';

beforeEach(async () => {
  work = await mkdtemp(join(tmpdir(), 'turbowork-swap-'));
  out = join(work, 'dist');
  built = `${out}.partial`;
  await mkdir(join(out, 'days/2026-04-16'), { recursive: true });
  await writeFile(join(out, 'days/2026-04-16/index.html'), OLD_PAGE);
  for (const day of ['2026-04-16', '2026-04-17']) {
    await mkdir(join(built, 'days', day), { recursive: true });
    await writeFile(join(built, 'days', day, 'index.html'), `<html><body>Failed over the Patroni cluster on ${day}</body></html>`);
  }
});

afterEach(() => rm(work, { recursive: true, force: true }));

/** Every file under `dir` (none when it does not exist), with its text. */
async function contents(dir: string): Promise<Map<string, string>> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  const files = entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
  return new Map(await Promise.all(files.map(async (f) => [f.slice(work.length + 1), await readFile(f, 'utf8')] as const)));
}

const readers = [{ id: 'reader', passphrase: 'tidal-orbit-lantern-42-quietly' }];

describe('swapIn with a seal', () => {
  it('puts the sealed site in place of the old one', async () => {
    await swapIn(built, out, (dir) => encryptSite(dir, readers, { iterations: 1_000 }).then(() => {}));
    const files = await contents(work);
    expect([...files.keys()].filter((f) => f.startsWith('dist/')).sort()).toEqual(['dist/days/2026-04-16/index.html', 'dist/days/2026-04-17/index.html']);
    for (const [file, text] of files) expect(text, file).not.toContain('Patroni');
    expect(files.get('dist/days/2026-04-17/index.html')).toContain('tw-payload');
  });

  it('when sealing fails half-way, deletes the new site and leaves the old output as it was', async () => {
    // Seals the first page, then fails as a full disk would.
    const seal = async (dir: string) => {
      await encryptSite(join(dir, 'days/2026-04-16'), readers, { iterations: 1_000 });
      throw new Error('ENOSPC: no space left on device');
    };
    await expect(swapIn(built, out, seal)).rejects.toThrow('ENOSPC');
    const files = await contents(work);
    expect([...files.keys()]).toEqual(['dist/days/2026-04-16/index.html']);
    expect(files.get('dist/days/2026-04-16/index.html')).toBe(OLD_PAGE);
  });

  it('without a seal, swaps the site in as it is', async () => {
    await swapIn(built, out);
    expect((await contents(work)).get('dist/days/2026-04-17/index.html')).toContain('Patroni');
  });
});
