/**
 * The shape of the code: no import cycles in src/ (no file imports a file that imports it, however
 * indirectly, type imports included), and no test helper shipped in src/.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = new URL('../src/', import.meta.url).pathname;
const files = readdirSync(SRC, { recursive: true, encoding: 'utf8' }).filter((f) => /\.(ts|astro)$/.test(f)).map((f) => join(SRC, f));
const code = files.filter((f) => !f.endsWith('.test.ts'));

/** The src files a file imports by a relative path. */
function imports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/(?:from|import)\s*\(?\s*['"](\.{1,2}\/[^'"]+)['"]/g)].map((m) => normalize(join(dirname(file), m[1])));
}

describe('the code', () => {
  it('has no import cycle in src/', () => {
    // Tarjan's strongly connected components: any component of more than one file is a cycle.
    const graph = new Map(code.map((f) => [f, imports(f).filter((d) => code.includes(d))]));
    let index = 0;
    const order = new Map<string, number>(), low = new Map<string, number>(), stack: string[] = [], on = new Set<string>();
    const cycles: string[][] = [];
    const visit = (v: string) => {
      order.set(v, index); low.set(v, index++); stack.push(v); on.add(v);
      for (const w of graph.get(v) ?? []) {
        if (!order.has(w)) { visit(w); low.set(v, Math.min(low.get(v)!, low.get(w)!)); }
        else if (on.has(w)) low.set(v, Math.min(low.get(v)!, order.get(w)!));
      }
      if (low.get(v) === order.get(v)) {
        const component: string[] = [];
        let w: string;
        do { w = stack.pop()!; on.delete(w); component.push(relative(SRC, w)); } while (w !== v);
        if (component.length > 1 || (graph.get(v) ?? []).includes(v)) cycles.push(component.sort());
      }
    };
    for (const f of code) if (!order.has(f)) visit(f);
    expect(cycles).toEqual([]);
  });

  it('ships no test helper in src/', () => {
    const helpers = code.filter((f) => /test-server|fixture|mock/i.test(relative(SRC, f)) || /startLlmServer|from 'vitest'/.test(readFileSync(f, 'utf8')));
    expect(helpers.map((f) => relative(SRC, f))).toEqual([]);
  });
});
