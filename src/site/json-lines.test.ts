/**
 * Files of keyed lines (the build's caches of fragments and reports): appended to while most of the
 * file is what a build keeps, written anew once it is not, weighed by size.
 */
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readKeyedLines, writeKeyedLines } from './json-lines.ts';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'turbowork-json-lines-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

describe('writeKeyedLines', () => {
  it('writes the file anew once most of its bytes are records no build keeps, though most of its lines are kept', async () => {
    const path = join(dir, 'reports.jsonl');
    const header = { key: 'k' };
    // As after edits of one day: the few small reports stay, the large one (the whole journal's) is made again each time.
    const small: [string, unknown][] = Array.from({ length: 6 }, (_, i) => [`week-${i}`, { figures: i }]);
    const large = (n: number): [string, unknown] => [`whole-${n}`, { wins: 'w'.repeat(20_000 + n) }];
    const keys = async () => (await readFile(path, 'utf8')).trim().split('\n').slice(1).map((line) => (JSON.parse(line) as [string])[0]);
    await writeKeyedLines(path, header, [...small, large(0)], new Map());
    const inode = (await stat(path)).ino;

    const build = async (n: number) => writeKeyedLines(path, header, [...small, large(n)], await readKeyedLines(path, (h) => JSON.stringify(h) === JSON.stringify(header)));
    await build(1);
    // Two large records, one kept: the file is less than twice what is kept, and the new one is appended.
    expect((await stat(path)).ino).toBe(inode);
    expect(await keys()).toEqual([...small.map(([key]) => key), 'whole-0', 'whole-1']);
    await build(2);
    // Three large records, one kept: 7 of the 9 lines are kept, but two thirds of the bytes are not.
    expect(await keys()).toEqual([...small.map(([key]) => key), 'whole-2']);
    expect((await stat(path)).size).toBeLessThan(25_000);
  });

  it('counts each line as one for entries it was not given the lengths of', async () => {
    const path = join(dir, 'fragments.jsonl');
    await writeKeyedLines(path, { v: 1 }, [['a', 'x'], ['b', 'y']], new Map());
    // A stored map not read from the file: a and b stored, a and c kept: 3 lines of 2 kept, appended.
    await writeKeyedLines(path, { v: 1 }, [['a', 'x'], ['c', 'z']], new Map([['a', 'x'], ['b', 'y']]));
    expect((await readFile(path, 'utf8')).trim().split('\n')).toHaveLength(4);
  });
});

describe('readKeyedLines', () => {
  const header = { version: 1 };
  const accepts = (h: unknown) => JSON.stringify(h) === JSON.stringify(header);

  it('parses a record only when it is asked for, and copies the kept lines as they were when the file is written anew', async () => {
    const path = join(dir, 'rendered.jsonl');
    // A key with a quote and a backslash in it, a value written with spaces, and a value that is not JSON.
    const lines = [JSON.stringify(header), `["a\\"b\\\\",{"html": "<p>${'a'.repeat(500)}</p>"}]`, '["broken",{"html": <p>]', '["c","<p>c</p>"]'];
    await writeFile(path, `${lines.join('\n')}\n`);
    const stored = await readKeyedLines<unknown>(path, accepts);
    expect([...stored.keys()]).toEqual(['a"b\\', 'broken', 'c']);
    expect(stored.get('a"b\\')).toEqual({ html: `<p>${'a'.repeat(500)}</p>` });
    expect(stored.get('c')).toBe('<p>c</p>');
    expect(stored.get('missing')).toBeUndefined();
    expect(() => stored.get('broken')).toThrow(/cache record cannot be read/);
    // Only "c" is kept, and a new record: most of the file's bytes are not kept, so it is written anew, "c" as it was read.
    await writeKeyedLines(path, header, [['c'], ['d', 'x'.repeat(100)]], stored);
    expect((await readFile(path, 'utf8')).split('\n')).toEqual([lines[0], lines[3], `["d","${'x'.repeat(100)}"]`, '']);
  });

  it('reads nothing of a file whose last line was cut short, or with a line that is not a keyed record', async () => {
    const path = join(dir, 'reports.jsonl');
    for (const text of ['["a",1]\n["b",2', '["a",1]\n["b",2\n', '["a",1]\n{"b":2}\n', '["a",1]\n["b" ,2]\n', '["a",1]\n["b]\n', '["a",1]\n["b\\\\"]\n', '["a",1]\n\n']) {
      await writeFile(path, `${JSON.stringify(header)}\n${text}`);
      expect((await readKeyedLines(path, accepts)).size, text).toBe(0);
    }
    await writeFile(path, `${JSON.stringify(header)}\n["a",1]\n["b",2]\n`);
    expect((await readKeyedLines(path, accepts)).size).toBe(2);
    expect((await readKeyedLines(path, () => false)).size).toBe(0);
  });
});
