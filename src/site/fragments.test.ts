import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Fragments } from './fragments.ts';
import { renderFragment, type FragmentSource } from './render.ts';
import { RenderPool } from './render-pool.ts';

let dir: string;
beforeEach(async () => void (dir = await mkdtemp(join(tmpdir(), 'turbowork-render-'))));
afterEach(() => rm(dir, { recursive: true, force: true }));

/** The fragments a cache file holds, by key (its first line is the renderers' version). */
async function stored(path: string): Promise<Record<string, string>> {
  const lines = (await readFile(path, 'utf8')).trimEnd().split('\n').map((line) => JSON.parse(line) as unknown);
  expect(lines[0]).toHaveProperty('version');
  return Object.fromEntries(lines.slice(1) as [string, string][]);
}

/** Renders for real, counting the calls. */
function counting() {
  const counter = { calls: 0, render: (source: FragmentSource) => (counter.calls++, renderFragment(source)) };
  return counter;
}

describe('Fragments', () => {
  it('renders once across builds, appends what a build rendered, and forgets what builds no longer use once most of the file is', async () => {
    const path = join(dir, 'rendered.jsonl');
    const first = counting();
    const fragments = await Fragments.read(path, first.render);
    const a = fragments.add({ markdown: '**a**', links: {} });
    expect(fragments.add({ markdown: '**a**', links: {} })).toBe(a); // the same source is one fragment
    expect(await fragments.html(a)).toBe('<p><strong>a</strong></p>');
    expect(await fragments.html(fragments.add({ markdown: 'b', links: {} }))).toBe('<p>b</p>');
    expect([first.calls, fragments.rendered]).toEqual([2, 2]);
    await fragments.write(path);
    const file = (await stat(path)).ino;

    const second = counting();
    const again = await Fragments.read(path, second.render);
    expect(await again.html(again.add({ markdown: '**a**', links: {} }))).toBe('<p><strong>a</strong></p>');
    const c = again.add({ markdown: 'c', links: {} });
    expect([second.calls, again.rendered]).toEqual([1, 1]); // a reused, c rendered
    await again.write(path);
    // c is appended to the same file; b, unused, stays while it is not most of the file.
    expect((await stat(path)).ino).toBe(file);
    expect(Object.keys(await stored(path))).toHaveLength(3);

    const third = await Fragments.read(path, renderFragment);
    expect(await third.html(third.add({ markdown: 'd', links: {} }))).toBe('<p>d</p>');
    await third.write(path);
    // Three of four would be unused: the file is written anew with d only.
    expect(Object.values(await stored(path))).toEqual(['<p>d</p>']);
  });

  it('renders in render processes what this thread renders, and writes fragments once done', async () => {
    const path = join(dir, 'rendered.jsonl');
    const pool = new RenderPool(2);
    try {
      const fragments = await Fragments.read(path, (source) => pool.render(source));
      const sources: FragmentSource[] = [
        { markdown: 'Shipped [[okr-reliability#kr1]] <script>alert(1)</script>', links: { 'okr-reliability#kr1': '/journal/okrs/okr-reliability/#kr-kr1' } },
        { chart: 'velocity', rows: [{ sprint: 'S1', velocity: 0.95 }, { sprint: 'S2', velocity: 1.1 }], label: 'Sprint velocity, 2026-Q1' },
      ];
      const keys = sources.map((source) => fragments.add(source));
      await fragments.write(path);
      const written = await stored(path);
      for (const [i, key] of keys.entries()) {
        const html = await renderFragment(sources[i]);
        expect(await fragments.html(key)).toBe(html);
        expect(written[key]).toBe(html);
      }
      expect(written[keys[0]]).toContain('href="/journal/okrs/okr-reliability/#kr-kr1"');
      expect(written[keys[0]]).not.toContain('<script');
      expect(written[keys[1]]).toMatch(/^<svg role="img" aria-label="Sprint velocity, 2026-Q1"/);
    } finally {
      await pool.close();
    }
  });

  it('renders a few Markdown fragments and any number of simple bodies on this thread, and starts render processes for many others, or for a chart', async () => {
    const markdown = (n: number): FragmentSource[] => Array.from({ length: n }, (_, i) => ({ markdown: `Log ${i}: [[okr-${i}]] *done*`, links: { [`okr-${i}`]: `/okrs/okr-${i}/` } }));
    // Daily logs as people write them: headings, plain bullets, task items and wiki links (renderSimple's share).
    const simple = (n: number): FragmentSource[] => Array.from({ length: n }, (_, i) => ({ markdown: `\n## Done\n\n- Shipped the retry queue [[okr-${i}#kr1|the KR]]\n- [x] Review Ana's PR\n\n## Notes\n\nPaired with [[missing]] on it.\n`, links: { [`okr-${i}#kr1`]: `/okrs/okr-${i}/#kr-kr1`, missing: null } }));
    const cases: [string, FragmentSource[], boolean][] = [
      ['a few logs', markdown(3), false],
      ['many logs', markdown(200), true],
      ['many simple logs', simple(200), false],
      ['many simple logs and a few others', [...simple(200), ...markdown(3)], false],
      ['a chart', [{ chart: 'velocity', rows: [{ sprint: 'S1', velocity: 0.9 }], label: 'Sprint velocity' }], true],
    ];
    for (const [what, sources, workers] of cases) {
      const pool = new RenderPool(2);
      try {
        const html = await Promise.all(sources.map((source) => pool.render(source)));
        expect(html, what).toEqual(await Promise.all(sources.map(renderFragment)));
        expect(pool.workers > 0, what).toBe(workers);
      } finally {
        await pool.close();
      }
    }
  });

  it('rejects what is left to render once the pool is closed', async () => {
    const pool = new RenderPool(2);
    const html = pool.render({ markdown: 'x', links: {} });
    await pool.close();
    await expect(html).rejects.toThrow(/closed/);
    expect(pool.workers).toBe(0);
  });

  it('reports a fragment that failed to render where it is used, not as an unhandled rejection', async () => {
    const fragments = await Fragments.read(null, () => Promise.reject(new Error('vega broke')));
    const key = fragments.add({ chart: 'velocity', rows: [], label: 'x' });
    await new Promise((resolve) => setTimeout(resolve, 10));
    await expect(fragments.html(key)).rejects.toThrow('vega broke');
    await expect(fragments.html('unknown')).rejects.toThrow(/No fragment/);
  });

  it('starts empty from a file written by other rendering code, cut short or not JSON', async () => {
    const path = join(dir, 'rendered.jsonl');
    const source: FragmentSource = { markdown: 'x', links: {} };
    const first = await Fragments.read(path, renderFragment);
    const key = first.add(source);
    await first.write(path);
    const version = (await readFile(path, 'utf8')).split('\n')[0];
    await writeFile(path, `${JSON.stringify({ version: 'older' })}\n${JSON.stringify([key, 'stale'])}\n`);
    const stale = await Fragments.read(path, renderFragment);
    expect(await stale.html(stale.add(source))).toBe('<p>x</p>');
    // The right version, but a line cut short: nothing of the file is used.
    await writeFile(path, `${version}\n${JSON.stringify([key, 'stale'])}\n["other", "<p>cut`);
    const cut = await Fragments.read(path, renderFragment);
    expect(await cut.html(cut.add(source))).toBe('<p>x</p>');
    await writeFile(path, '{ not json');
    const unreadable = await Fragments.read(path, renderFragment);
    expect(await unreadable.html(unreadable.add(source))).toBe('<p>x</p>');
    // Written by this code, it is used as it is.
    await writeFile(path, `${version}\n${JSON.stringify([key, 'kept'])}\n`);
    const kept = await Fragments.read(path, renderFragment);
    expect(await kept.html(kept.add(source))).toBe('kept');
  });
});
