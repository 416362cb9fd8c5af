/**
 * Commands load what they use (issue 15): a capture or a check never loads the site, the browser or
 * the model client. Each command runs as a real child process whose every loaded module is recorded
 * (test/support/record-modules.ts), and the packages behind those modules are compared.
 */
import { execFile } from 'node:child_process';
import { cp, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const MAIN = new URL('../src/cli/main.ts', import.meta.url).pathname;
const RECORDER = new URL('./support/record-modules.ts', import.meta.url).pathname;
const SAMPLE = new URL('../journal/', import.meta.url).pathname;

/** What only the site, the browser, documents or a model call need. */
const HEAVY = ['astro', 'vite', 'playwright-core', 'openai', 'docx', 'pagefind', 'vega', 'vega-lite', 'chokidar'];

let dir: string;
let journal: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'turbowork-graph-'));
  journal = join(dir, 'journal');
  await cp(SAMPLE, journal, { recursive: true });
});
afterAll(() => rm(dir, { recursive: true, force: true }));

/** The npm packages whose modules `turbowork ...argv` loaded, e.g. ["@duckdb/node-api", "zod"]. */
async function packagesLoaded(argv: string[]): Promise<Set<string>> {
  const record = join(dir, `modules-${Math.random().toString(36).slice(2)}.txt`);
  await run(process.execPath, ['--import', RECORDER, MAIN, ...argv], {
    cwd: dir, env: { ...process.env, RECORD_MODULES: record, TURBOWORK_CACHE: join(dir, 'cache') },
  }).catch((error: { code?: number }) => {
    if (typeof error.code !== 'number') throw error; // a content exit code (1) still recorded the graph
  });
  const urls = (await readFile(record, 'utf8')).split('\n');
  return new Set(urls.map((url) => [...url.matchAll(/node_modules\/((?:@[^/]+\/)?[^/]+)\//g)].at(-1)?.[1]).filter((name) => name !== undefined));
}

describe('the modules a command loads', () => {
  it.each([
    ['log', ['log', 'Shipped the retry queue #perf', '--journal', 'journal', '--date', '2026-11-20']],
    ['log --help', ['log', '--help']],
    ['--help', ['--help']],
    ['new weekly', ['new', 'weekly', '--journal', 'journal', '--date', '2026-11-20']],
    ['new daily', ['new', 'daily', '--journal', 'journal', '--date', '2026-11-21']], // the last log alone, parsed
  ])('%s loads neither DuckDB nor the site, the browser or the model client', async (_, argv) => {
    const loaded = await packagesLoaded(argv);
    expect(loaded.has('leven')).toBe(true); // the recorder saw the CLI's own dependencies
    expect([...loaded].filter((name) => HEAVY.includes(name) || name.startsWith('@duckdb/'))).toEqual([]);
  }, 180_000);

  it('log loads no zod either (diagnostics are plain values; only settings are validated by schema)', async () => {
    const loaded = await packagesLoaded(['log', 'Shipped the retry queue #perf', '--journal', 'journal', '--date', '2026-11-20']);
    expect(loaded.has('js-yaml')).toBe(true); // the recorder saw the front matter's parser
    expect(loaded.has('zod')).toBe(false);
  }, 180_000);

  it('check parses without any Markdown writer (mdast-util-to-markdown, which the task-list package\'s module imports)', async () => {
    const loaded = await packagesLoaded(['check', '--journal', 'journal']); // the sample journal has bodies simpleTree leaves to remark
    expect(loaded.has('micromark-extension-gfm-task-list-item')).toBe(true); // the recorder saw the parser
    expect([...loaded].filter((name) => name.startsWith('mdast-util-to-markdown') || name === 'mdast-util-gfm-task-list-item')).toEqual([]);
  }, 180_000);

  it.each([
    ['log', ['log', 'Shipped the retry queue #perf', '--journal', 'journal', '--date', '2026-11-20']],
    ['new daily', ['new', 'daily', '--journal', 'journal', '--date', '2026-11-21']],
  ])('%s on a log of headings and plain bullets loads no Markdown parser (simpleTree reads it)', async (_, argv) => {
    const loaded = await packagesLoaded(argv);
    expect(loaded.has('mdast-util-to-string')).toBe(true); // the recorder saw the body's sections read
    expect([...loaded].filter((name) => name.startsWith('micromark') || name.startsWith('remark') || name === 'unified')).toEqual([]);
  }, 180_000);

  it.each([
    ['check', ['check', '--journal', 'journal']],
    ['query', ['query', 'SELECT count(*) FROM days', '--journal', 'journal']],
  ])('%s loads DuckDB, and none of the site, the browser or the model client', async (_, argv) => {
    const loaded = await packagesLoaded(argv);
    expect(loaded.has('@duckdb/node-api')).toBe(true);
    expect([...loaded].filter((name) => HEAVY.includes(name))).toEqual([]);
  }, 180_000);

  it('assess loads the model client (the recorder sees what a command really uses)', async () => {
    const loaded = await packagesLoaded(['assess', 'week', '2026-W47', '--dry-run', '--journal', 'journal']);
    expect(loaded.has('openai')).toBe(true);
  }, 180_000);
});

describe('the modules a render process loads', () => {
  /** The npm packages loaded by a process that renders `sources` as a render process does (src/site/render.ts: renderFragment). */
  async function packagesRendering(sources: unknown[]): Promise<Set<string>> {
    const record = join(dir, `modules-${Math.random().toString(36).slice(2)}.txt`);
    const render = new URL('../src/site/render.ts', import.meta.url).href;
    const script = `const { renderFragment } = await import(${JSON.stringify(render)}); for (const source of ${JSON.stringify(sources)}) await renderFragment(source);`;
    await run(process.execPath, ['--import', RECORDER, '--input-type=module', '-e', script], { env: { ...process.env, RECORD_MODULES: record } });
    const urls = (await readFile(record, 'utf8')).split('\n');
    return new Set(urls.map((url) => [...url.matchAll(/node_modules\/((?:@[^/]+\/)?[^/]+)\//g)].at(-1)?.[1]).filter((name) => name !== undefined));
  }
  const MARKDOWN = (name: string) => name === 'unified' || name.startsWith('remark') || name.startsWith('rehype') || name.startsWith('micromark');
  const chart = { chart: 'velocity', rows: [{ sprint: 'S1', velocity: 0.9 }], label: 'Velocity' };

  it('one that draws charts and simple bodies loads Vega but neither vega-lite (specs are compiled ahead) nor a Markdown parser', async () => {
    const loaded = await packagesRendering([chart, { markdown: '## Done\n\n- Shipped [[okr-1]]\n- [ ] Review\n', links: { 'okr-1': '/okrs/okr-1/' } }]);
    expect(loaded.has('vega')).toBe(true); // the recorder saw the chart drawn
    expect([...loaded].filter((name) => MARKDOWN(name) || name === 'vega-lite')).toEqual([]);
  }, 180_000);

  it('one that renders a body with other Markdown loads the pipeline (the recorder sees it)', async () => {
    const loaded = await packagesRendering([{ markdown: 'Shipped **it** <b>now</b>', links: {} }]);
    expect(loaded.has('unified')).toBe(true);
    expect(loaded.has('rehype-sanitize')).toBe(true);
  }, 180_000);
});
