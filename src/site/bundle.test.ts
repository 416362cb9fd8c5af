/**
 * The kept bundle's folders in the cache folder: a folder a killed build left is removed by the next
 * build that keeps a bundle; a running build's is not.
 */
import { mkdir, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { bundleFolder } from './bundle.ts';

let cache: string;
afterEach(() => rm(cache, { recursive: true, force: true }));

describe('bundleFolder', () => {
  it('removes the folders of builds no longer running, and keeps those of running ones', async () => {
    cache = await mkdtemp(join(tmpdir(), 'turbowork-bundle-'));
    // No process has an id above the kernel's pid_max (at most 4,194,304).
    const gone = ['astro-bundle.partial-999999991-aB3dEf', 'astro-bundle.old-999999992'];
    const running = [`astro-bundle.partial-${process.pid}-Zz9Yy8`, `astro-bundle.partial-${process.ppid}-Qq1Ww2`];
    const others = ['astro-bundle', 'rendered.jsonl.d', 'astro-bundle.partial-notapid'];
    for (const name of [...gone, ...running, ...others]) await mkdir(join(cache, name));
    const made = await bundleFolder(cache);
    expect(made.startsWith(join(cache, `astro-bundle.partial-${process.pid}-`))).toBe(true);
    const names = await readdir(cache);
    expect(names.filter((name) => gone.includes(name))).toEqual([]);
    expect(names.sort()).toEqual([...running, ...others, made.slice(cache.length + 1)].sort());
  });
});
