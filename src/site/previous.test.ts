/**
 * The output a build moved aside, taken as the next build's folder (previous.ts): what is kept in
 * place, what is removed, and what is never followed or written through. The folders here are laid
 * out as a ten-year build's are (days, weeks, objectives, Pagefind's shards, Astro's files), with
 * what a user or a stopped build may leave in them.
 */
import { existsSync, lstatSync, readdirSync, statSync } from 'node:fs';
import { link, lstat, mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MANIFEST, type Manifest, type Plan } from './manifest.ts';
import { clearPrevious, previousOf, takePrevious } from './previous.ts';

let work: string;
let dir: string;
beforeEach(async () => {
  work = await mkdtemp(join(tmpdir(), 'turbowork-previous-'));
  dir = join(work, 'dist.partial');
});
afterEach(() => rm(work, { recursive: true, force: true }));

async function put(root: string, files: Record<string, string>): Promise<void> {
  for (const [path, text] of Object.entries(files)) {
    await mkdir(dirname(join(root, path)), { recursive: true });
    await writeFile(join(root, path), text);
  }
}

/** Every file (or link) under `root`, relative, sorted; folders with a trailing "/". */
function listing(root: string): string[] {
  return readdirSync(root, { recursive: true, withFileTypes: true })
    .map((entry) => `${entry.parentPath}/${entry.name}`.slice(root.length + 1) + (entry.isDirectory() ? '/' : ''))
    .sort();
}

const KEY = 'k1';
/** The folder's manifest: as the build before the last one wrote it. */
const was: Manifest = {
  key: KEY,
  pages: {
    'days/2024-03-04/': 'a',
    'days/2025-12-16/': 'b',
    'days/2025-12-17/': 'c',
    'days/2025-12-18/': 'd', // gone from the journal since
    'weeks/2024-W10/': 'e',
    'okrs/2024-Q1/latency/': 'f',
    'one-on-ones/ana/': 'g',
  },
};

describe('clearPrevious', () => {
  beforeEach(async () => {
    await put(dir, {
      [MANIFEST]: JSON.stringify(was),
      '.turbowork-build': 'marker',
      'index.html': 'dashboard',
      '404.html': 'not found',
      'patterns/index.html': 'patterns',
      'okrs/index.html': 'objectives',
      '_astro/Base.Bt0kALzH.css': 'css',
      'days/2024-03-04/index.html': 'day a',
      'days/2025-12-16/index.html': 'day b',
      'days/2025-12-17/index.html': 'day c',
      'days/2025-12-18/index.html': 'day d',
      'weeks/2024-W10/index.html': 'week e',
      'okrs/2024-Q1/latency/index.html': 'okr f',
      'one-on-ones/ana/index.html': 'ana g',
      'pagefind/pagefind.js': 'site shard',
      'pagefind/pagefind-entry.json': 'site shard',
      'pagefind/fragment/en_1.pf_fragment': 'site shard',
      'pagefind/shards.json': '["2024","2025","one-on-ones"]',
      'pagefind/2024/pagefind-entry.json': 'shard 2024',
      'pagefind/2024/fragment/en_2.pf_fragment': 'shard 2024',
      'pagefind/2025/pagefind-entry.json': 'shard 2025',
      'pagefind/one-on-ones/pagefind-entry.json': 'shard 1:1',
      'pagefind/2019/pagefind-entry.json': 'a shard of no page now',
      // What no build writes: a user's, or another tool's.
      'notes.txt': 'a user’s note',
      'days/2025-12-17/draft.md': 'a user’s draft',
      'days/2019-01-01/index.html': 'a page of no entry of any manifest',
    });
  });

  it('keeps the unchanged pages and shards in place and removes every other file and the emptied folders', async () => {
    const inodes = Object.fromEntries(['days/2024-03-04/index.html', 'pagefind/2024/fragment/en_2.pf_fragment', 'pagefind/one-on-ones/pagefind-entry.json'].map((path) => [path, statSync(join(dir, path)).ino]));
    // Now: 2025-12-17 changed (rendered), 2025-12-18 removed, 2025-12-19 new; the plan (against the
    // served output) keeps the rest, of which 2025-12-16 differs from this folder's manifest.
    const now: Manifest = { key: KEY, pages: { ...was.pages, 'days/2025-12-16/': 'b2', 'days/2025-12-17/': 'c2', 'days/2025-12-19/': 'h' } };
    delete now.pages['days/2025-12-18/'];
    const plan: Plan = {
      render: new Set(['days/2025-12-17/', 'days/2025-12-19/']),
      keep: ['days/2024-03-04/', 'days/2025-12-16/', 'weeks/2024-W10/', 'okrs/2024-Q1/latency/', 'one-on-ones/ana/'],
      removed: ['days/2025-12-18/'],
    };
    const kept = clearPrevious(dir, was, now, plan, new Set(['2025']));
    expect([...kept.pages].sort()).toEqual(['days/2024-03-04/', 'okrs/2024-Q1/latency/', 'one-on-ones/ana/', 'weeks/2024-W10/']);
    expect([...kept.shards].sort()).toEqual(['2024', 'one-on-ones']);
    expect(listing(dir)).toEqual([
      'days/',
      'days/2024-03-04/',
      'days/2024-03-04/index.html',
      // The folders of this build's pages stay, to be written into: the page itself is linked or rendered.
      'days/2025-12-16/',
      'days/2025-12-17/',
      'okrs/',
      'okrs/2024-Q1/',
      'okrs/2024-Q1/latency/',
      'okrs/2024-Q1/latency/index.html',
      'one-on-ones/',
      'one-on-ones/ana/',
      'one-on-ones/ana/index.html',
      'pagefind/',
      'pagefind/2024/',
      'pagefind/2024/fragment/',
      'pagefind/2024/fragment/en_2.pf_fragment',
      'pagefind/2024/pagefind-entry.json',
      'pagefind/one-on-ones/',
      'pagefind/one-on-ones/pagefind-entry.json',
      'weeks/',
      'weeks/2024-W10/',
      'weeks/2024-W10/index.html',
    ]);
    for (const [path, ino] of Object.entries(inodes)) expect(statSync(join(dir, path)).ino, path).toBe(ino);
  });

  it('keeps no page and no shard when the build renders every page, or its key is not the folder’s', async () => {
    const now: Manifest = { key: KEY, pages: { 'days/2024-03-04/': 'a' } };
    expect(clearPrevious(dir, was, now, null, new Set())).toEqual({ pages: new Set(), shards: new Set() });
    expect(listing(dir)).toEqual(['days/', 'days/2024-03-04/']);
  });

  it('keeps nothing of another key, even where the hashes agree', async () => {
    const now: Manifest = { key: 'k2', pages: { 'days/2024-03-04/': 'a', 'weeks/2024-W10/': 'e' } };
    const plan: Plan = { render: new Set(), keep: ['days/2024-03-04/', 'weeks/2024-W10/'], removed: [] };
    expect(clearPrevious(dir, was, now, plan, new Set())).toEqual({ pages: new Set(), shards: new Set() });
    expect(listing(dir).filter((path) => !path.endsWith('/'))).toEqual([]);
  });

  it('removes links rather than following them, and never writes through a hard link', async () => {
    const outside = join(work, 'outside');
    await put(outside, { 'keep.txt': 'not the build’s', 'sub/also.txt': 'not the build’s either' });
    // The served output shares its pages' files with this folder.
    const served = join(work, 'dist');
    await mkdir(served);
    await link(join(dir, 'days/2025-12-16/index.html'), join(served, 'day-b.html'));
    await rm(join(dir, 'weeks/2024-W10/index.html'));
    await symlink(join(outside, 'keep.txt'), join(dir, 'weeks/2024-W10/index.html'));
    await rm(join(dir, 'pagefind/2024'), { recursive: true });
    await symlink(join(outside, 'sub'), join(dir, 'pagefind/2024'));
    const plan: Plan = { render: new Set(), keep: Object.keys(was.pages), removed: [] };
    const now: Manifest = { key: KEY, pages: { ...was.pages, 'days/2025-12-16/': 'b2' } };
    const kept = clearPrevious(dir, was, now, plan, new Set());
    expect(kept.pages.has('weeks/2024-W10/'), 'a link is no page').toBe(false);
    expect(kept.shards.has('2024')).toBe(false);
    expect(existsSync(join(dir, 'weeks/2024-W10/index.html'))).toBe(false);
    expect((await lstat(join(dir, 'pagefind')).catch(() => null))?.isDirectory()).toBe(true);
    expect(lstatSync(join(dir, 'pagefind/2024'), { throwIfNoEntry: false })).toBeUndefined();
    expect(await readFile(join(outside, 'keep.txt'), 'utf8')).toBe('not the build’s');
    expect(await readFile(join(outside, 'sub/also.txt'), 'utf8')).toBe('not the build’s either');
    // The changed page's file is gone from this folder, and the served output's link to it is as it was.
    expect(existsSync(join(dir, 'days/2025-12-16/index.html'))).toBe(false);
    expect(await readFile(join(served, 'day-b.html'), 'utf8')).toBe('day b');
  });
});

describe('takePrevious', () => {
  const out = () => join(work, 'dist');
  const manifest = (key: string) => JSON.stringify({ key, pages: {} });

  it('takes the output kept aside, with its manifest, when the key is the build’s, after removing a stopped build’s folder', async () => {
    await put(previousOf(out()), { [MANIFEST]: manifest(KEY), 'days/2024-03-04/index.html': 'day a' });
    await put(`${out()}.partial`, { 'half.html': 'a stopped build’s' });
    expect((await takePrevious(out(), KEY))?.key).toBe(KEY);
    expect(existsSync(previousOf(out()))).toBe(false);
    expect(listing(`${out()}.partial`)).toEqual([MANIFEST, 'days/', 'days/2024-03-04/', 'days/2024-03-04/index.html']);
  });

  it.each([
    ['another key', manifest('k0')],
    ['no readable manifest', '{"key":'],
    ['no key given (the build renders without a kept bundle)', manifest(KEY)],
  ])('with %s, removes it and takes nothing', async (what, text) => {
    await put(previousOf(out()), { [MANIFEST]: text, 'index.html': 'dashboard' });
    expect(await takePrevious(out(), what.startsWith('no key') ? null : KEY)).toBeNull();
    expect(existsSync(previousOf(out()))).toBe(false);
    expect(existsSync(`${out()}.partial`)).toBe(false);
  });

  it('takes no link named like the folder, and leaves where it points as it was', async () => {
    const elsewhere = join(work, 'elsewhere');
    await put(elsewhere, { [MANIFEST]: manifest(KEY), 'index.html': 'someone’s site' });
    await symlink(elsewhere, previousOf(out()));
    expect(await takePrevious(out(), KEY)).toBeNull();
    expect(listing(elsewhere)).toEqual([MANIFEST, 'index.html']);
  });
});
