import { cp, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildKey, manifestOf, planBuild, type Manifest } from './manifest.ts';
import type { SiteData } from './pages.ts';

let work: string;
beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'turbowork-manifest-'));
});
afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

/** A package as buildKey reads it: site code under src/, Astro's settings, package.json and its lock. */
async function makePackage(name: string, from?: string): Promise<string> {
  const root = join(work, name);
  if (from) await cp(from, root, { recursive: true });
  else {
    await mkdir(join(root, 'src/pages'), { recursive: true });
    await writeFile(join(root, 'src/pages/index.astro'), '<h1>Dashboard</h1>\n');
    await writeFile(join(root, 'src/pages/index.test.ts'), 'it.todo("a test");\n');
    await writeFile(join(root, 'astro.config.ts'), 'export default {};\n');
    await writeFile(join(root, 'package.json'), '{ "name": "turbowork", "version": "0.1.0" }\n');
    await writeFile(join(root, 'package-lock.json'), '{ "lockfileVersion": 3 }\n');
  }
  return root;
}

describe('buildKey', () => {
  it('changes with the site code, the version, the locked dependencies and the settings, not with tests', async () => {
    const original = await makePackage('original');
    const settings = { config: { site: { base: '/' } }, base: '/', public: false, command: 'turbowork' };
    const key = buildKey(settings, original);
    expect(buildKey(settings, await makePackage('same', original))).toBe(key);

    const page = await makePackage('page', original);
    await writeFile(join(page, 'src/pages/index.astro'), '<h1>Overview</h1>\n');
    const version = await makePackage('version', original);
    await writeFile(join(version, 'package.json'), '{ "name": "turbowork", "version": "0.2.0" }\n');
    const lock = await makePackage('lock', original);
    await writeFile(join(lock, 'package-lock.json'), '{ "lockfileVersion": 3, "packages": {} }\n');
    const config = await makePackage('config', original);
    await writeFile(join(config, 'astro.config.ts'), 'export default { trailingSlash: "never" };\n');
    const added = await makePackage('added', original);
    await writeFile(join(added, 'src/pages/extra.ts'), 'export const x = 1;\n');
    for (const changed of [page, version, lock, config, added]) expect(buildKey(settings, changed), changed).not.toBe(key);
    expect(buildKey({ ...settings, base: '/journal/' }, original)).not.toBe(key);
    expect(buildKey({ ...settings, config: { site: { base: '/' }, person: { company: 'Larkspur' } } }, original)).not.toBe(key);

    const test = await makePackage('test', original);
    await writeFile(join(test, 'src/pages/index.test.ts'), 'it.todo("another test");\n');
    expect(buildKey(settings, test)).toBe(key);
  });
});

/** Site data with the fields manifestOf reads: the site-wide facts and the entry pages. */
function site(days: Record<string, unknown>[], title = 'Work journal'): SiteData {
  return {
    site: [{ id: 'meta', title, current: { week: '2026-W10', quarter: '2026-Q1', year: '2026' } }],
    days, weeks: [{ id: '2026-W10', wins: [] }], quarters: [], years: [], okrs: [{ id: '2026-Q1/latency', checkIns: [] }], series: [{ id: 'tomas', meetings: [] }],
  } as unknown as SiteData;
}

describe('manifestOf', () => {
  const days = [{ id: '2026-03-02', body: 'a', prev: null, next: '2026-03-03' }, { id: '2026-03-03', body: 'b', prev: '2026-03-02', next: null }];

  it('lists every entry page by its route', () => {
    expect(Object.keys(manifestOf(site(days), 'k').pages).sort()).toEqual(['days/2026-03-02/', 'days/2026-03-03/', 'okrs/2026-Q1/latency/', 'one-on-ones/tomas/', 'weeks/2026-W10/']);
  });

  it('changes the hash of the page whose data changed, and of no other', () => {
    const before = manifestOf(site(days), 'k').pages;
    const after = manifestOf(site([days[0], { ...days[1], body: 'c' }]), 'k').pages;
    expect(Object.keys(before).filter((route) => before[route] !== after[route])).toEqual(['days/2026-03-03/']);
  });

  it('changes every page’s hash when the site-wide facts change', () => {
    const before = manifestOf(site(days), 'k').pages;
    const after = manifestOf(site(days, 'Nadia’s log'), 'k').pages;
    expect(Object.keys(before).filter((route) => before[route] === after[route])).toEqual([]);
  });
});

describe('planBuild', () => {
  const manifest = (pages: Record<string, string>, key = 'k'): Manifest => ({ key, pages });

  it('plans a full build without a previous manifest, or with one of another key', () => {
    const out = join(work, 'out-none');
    expect(planBuild(null, manifest({ 'days/2026-03-02/': 'a' }), out)).toBeNull();
    expect(planBuild(manifest({ 'days/2026-03-02/': 'a' }, 'old'), manifest({ 'days/2026-03-02/': 'a' }), out)).toBeNull();
  });

  it('keeps the unchanged pages that are on disk, renders the changed, new and missing ones, and lists the removed', async () => {
    const out = join(work, 'out');
    for (const route of ['days/2026-03-02/', 'days/2026-03-03/', 'days/2026-03-05/']) {
      await mkdir(join(out, route), { recursive: true });
      await writeFile(join(out, route, 'index.html'), '<p>page</p>');
    }
    const previous = manifest({ 'days/2026-03-02/': 'a', 'days/2026-03-03/': 'b', 'days/2026-03-04/': 'c', 'days/2026-03-05/': 'd', 'days/2026-03-06/': 'e' });
    // 03-04 is in the manifest but its file is gone; 03-06 is deleted from the journal; 03-07 is new.
    const current = manifest({ 'days/2026-03-02/': 'a', 'days/2026-03-03/': 'B', 'days/2026-03-04/': 'c', 'days/2026-03-05/': 'd', 'days/2026-03-07/': 'f' });
    const plan = planBuild(previous, current, out);
    expect(plan).not.toBeNull();
    expect([...plan!.render].sort()).toEqual(['days/2026-03-03/', 'days/2026-03-04/', 'days/2026-03-07/']);
    expect(plan!.keep).toEqual(['days/2026-03-02/', 'days/2026-03-05/']);
    expect(plan!.removed).toEqual(['days/2026-03-06/']);
  });
});
