import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RenderCache } from './render-cache.ts';

let dir: string;
beforeEach(async () => void (dir = await mkdtemp(join(tmpdir(), 'turbowork-render-'))));
afterEach(() => rm(dir, { recursive: true, force: true }));

describe('RenderCache', () => {
  it('renders once across builds, and forgets what a build did not use', async () => {
    const path = join(dir, 'rendered.json');
    let calls = 0;
    const render = (text: string) => () => `<p>${text}</p>${++calls}`;
    const first = await RenderCache.read(path);
    expect(await first.get('a', render('a'))).toBe('<p>a</p>1');
    expect(await first.get('b', render('b'))).toBe('<p>b</p>2');
    await first.write(path);

    const second = await RenderCache.read(path);
    expect(await second.get('a', render('a'))).toBe('<p>a</p>1'); // reused, not rendered
    expect(second.rendered).toBe(0);
    await second.write(path);
    expect(Object.keys(JSON.parse(await readFile(path, 'utf8')).fragments)).toHaveLength(1); // b was dropped
  });

  it('starts empty from a file written by other rendering code, or not JSON', async () => {
    const path = join(dir, 'rendered.json');
    await writeFile(path, JSON.stringify({ version: 'older', fragments: { x: 'stale' } }));
    const cache = await RenderCache.read(path);
    expect(await cache.get('x', () => 'fresh')).toBe('fresh');
    await writeFile(path, '{ not json');
    expect(await (await RenderCache.read(path)).get('x', () => 'fresh')).toBe('fresh');
  });
});
