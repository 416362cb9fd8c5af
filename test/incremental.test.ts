/**
 * Incremental builds (src/site/manifest.ts): after each of a series of edits to a copy of the sample
 * journal, a build that keeps the previous output's unchanged pages, and renders the others with the
 * bundle a previous build kept (src/site/bundle.ts), writes the same site, byte for byte and file
 * for file (search index, manifest and all), as a full build of the same journal into an empty
 * folder, which Astro bundles (and whose pages render from that new bundle). Each step also checks that the build was incremental (it
 * rendered fewer entry pages than there are) or that it was full, and whether it rendered with the
 * kept bundle or had Astro bundle the site (after a settings change). After a change to the site's
 * code (in a copy of the package), the kept bundle is not used: the pages show the change.
 *
 * Each build writes into the output the build before it replaced, kept aside (src/site/previous.ts),
 * while its own output shares files with the one it replaces: before each build, files no build
 * writes (a stale page, asset and search shard, a link to a folder elsewhere) are put into the output,
 * and must be gone when that folder is written into again; and the output a build replaces must be
 * kept aside exactly as it was served, no file of it written through a link.
 */
import { cp, mkdir, mkdtemp, readdir, readFile, rm, stat, symlink, unlink, writeFile } from 'node:fs/promises';
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildSite, type BuildResult } from '../src/site/build.ts';

const root = new URL('../', import.meta.url).pathname;
const run = promisify(execFile);
const AS_OF = '2026-11-20';
let work: string;
let journal: string;

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'turbowork-incremental-'));
  journal = join(work, 'journal');
  await cp(join(root, 'journal'), journal, { recursive: true });
});
afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

function build(outDir: string, cacheDir: string, full = false): Promise<BuildResult> {
  return buildSite({ journalDir: journal, outDir, cacheDir, asOf: AS_OF, public: false, full, command: 'turbowork', log: () => {} });
}

/** Every file under a folder, by relative path. */
async function tree(dir: string): Promise<Map<string, Buffer>> {
  const files = (await readdir(dir, { recursive: true, withFileTypes: true })).filter((entry) => entry.isFile());
  return new Map(await Promise.all(files.map(async (entry) => [join(entry.parentPath, entry.name).slice(dir.length + 1), await readFile(join(entry.parentPath, entry.name))] as const)));
}

/** The paths whose content differs between two trees, or that only one has. */
function differences(a: Map<string, Buffer>, b: Map<string, Buffer>): string[] {
  const paths = [...new Set([...a.keys(), ...b.keys()])].sort();
  return paths.filter((path) => !a.has(path) || !b.has(path) || !a.get(path)!.equals(b.get(path)!));
}

async function edit(path: string, change: (text: string) => string): Promise<void> {
  const file = join(journal, path);
  const before = await readFile(file, 'utf8');
  const after = change(before);
  expect(after, `the edit of ${path} changes it`).not.toBe(before);
  await writeFile(file, after);
}

/**
 * What a user or another tool may leave in the output (`n` tells each round's apart): a page of no
 * entry, an asset, a file in the site's search shard, a shard of no page, a link to a folder of
 * the user's. The link is read through by `tree` (readdir's `recursive` follows it), so it shows as
 * a difference if it is left in place.
 */
async function litter(outDir: string, n: number): Promise<void> {
  const files = [`stale-${n}.html`, `_astro/Stale-${n}.css`, `pagefind/fragment/stale-${n}.pf_fragment`, 'pagefind/1999/pagefind-entry.json', `days/1999-01-${String(n + 1).padStart(2, '0')}/index.html`];
  for (const path of files) {
    await mkdir(join(outDir, path, '..'), { recursive: true });
    await writeFile(join(outDir, path), `left by someone, round ${n}`);
  }
  const photos = join(work, `photos-${n}`);
  await mkdir(photos);
  await writeFile(join(photos, 'holiday.txt'), 'a user’s file');
  await symlink(photos, join(outDir, `photos-${n}`));
}

/** Each edit, whether the build after it renders only some entry pages or all, and whether it renders with the kept bundle or Astro bundles the site. */
const EDITS: [string, () => Promise<void>, 'incremental' | 'full', 'kept' | 'bundled'][] = [
  // A new year (and week, quarter) changes what every page's navigation lists: every page renders.
  // From then on the search index has two year shards, and each edit below keeps 2025's.
  ['add a day in a year the journal had none of', async () => {
    await mkdir(join(journal, 'daily/2025'));
    await writeFile(join(journal, 'daily/2025/2025-12-30.md'), '---\nhours: 6\n---\n\n## Wins\n\n- Closed the year with the backlog under 20 #cleanup\n');
  }, 'full', 'kept'],
  ['add a day (a Saturday in a logged week)', async () => {
    const file = join(journal, 'daily/2026/2026-09-05.md');
    expect(existsSync(file)).toBe(false);
    await writeFile(file, '---\nhours: 2\nenergy: 4\n---\n\n## Wins\n\n- Fixed the flaky replay test over the weekend #testing\n');
  }, 'incremental', 'kept'],
  ['edit a day (a win’s wording)', () => edit('daily/2026/2026-09-09.md', (t) => t.replace('Go/no-go doc for the cutover', 'Go/no-go memo for the cutover')), 'incremental', 'kept'],
  ['delete a day', () => unlink(join(journal, 'daily/2026/2026-09-08.md')), 'incremental', 'kept'],
  ['change an OKR check-in', () => edit('okrs/2026-Q3/mentoring.md', (t) => t.replace('{ date: 2026-08-26, value: 6,', '{ date: 2026-08-26, value: 5,')), 'incremental', 'kept'],
  ['change a 1:1', () => edit('one-on-ones/ingrid-solberg/2026-09-09.md', (t) => t.replace('Dry run with her team is booked for 30 September.', 'Dry run with her team moved to 2 October.')), 'incremental', 'kept'],
  ['make an entry private', () => edit('daily/2026/2026-09-03.md', (t) => t.replace(/^---\n/, '---\nprivate: true\n')), 'incremental', 'kept'],
  // No page shows the company: only the build key (src/site/manifest.ts) makes this build full.
  ['change a setting no page shows (the company)', () => edit('journal.yml', (t) => t.replace('company: Larkspur Freight', 'company: Larkspur Freight AS')), 'full', 'bundled'],
  ['edit a day after the full build', () => edit('daily/2026/2026-09-09.md', (t) => t.replace('Go/no-go memo for the cutover', 'Go/no-go note for the cutover')), 'incremental', 'kept'],
];

it('an incremental build writes the same files as a full build, after each of a series of edits', async () => {
  const incremental = join(work, 'incremental');
  const first = await build(incremental, join(work, 'cache-incremental'));
  const entryPages = first.rendered;
  expect(entryPages).toBeGreaterThan(200);
  expect(first.bundled, 'the first build: Astro bundles the site').toBe(true);
  for (const [i, [label, change, kind, bundle]] of EDITS.entries()) {
    await change();
    await litter(incremental, i);
    const served = await tree(incremental);
    const shard = join(incremental, 'pagefind/2025/pagefind-entry.json');
    const shardBefore = existsSync(shard) ? (await stat(shard)).ino : null;
    // The 1:1 series' pages are a shard of their own (src/site/search.ts): made again only when a 1:1 page is.
    const series = join(incremental, 'pagefind/one-on-ones/pagefind-entry.json');
    const seriesBefore = (await stat(series)).ino;
    const result = await build(incremental, join(work, 'cache-incremental'));
    if (kind === 'incremental') {
      expect(result.rendered, `${label}: renders some entry pages`).toBeGreaterThan(0);
      expect(result.rendered, `${label}: renders fewer entry pages than there are`).toBeLessThan(entryPages / 4);
      // No page of 2025 changed: its search shard is the previous build's file, linked.
      expect((await stat(shard)).ino, `${label}: keeps the 2025 search shard`).toBe(shardBefore);
      if (label === 'change a 1:1') expect((await stat(series)).ino, `${label}: makes the 1:1 search shard again`).not.toBe(seriesBefore);
      else expect((await stat(series)).ino, `${label}: keeps the 1:1 search shard`).toBe(seriesBefore);
    } else {
      expect(result.rendered, `${label}: renders every entry page`).toBeGreaterThanOrEqual(entryPages - 2);
    }
    expect(result.bundled, `${label}: ${bundle === 'kept' ? 'renders with the kept bundle' : 'Astro bundles the site'}`).toBe(bundle === 'bundled');
    // The output this build replaced is kept aside as it was served (the next build writes into it).
    expect(differences(await tree(`${incremental}.previous`), served), `${label}: files of the replaced output that changed`).toEqual([]);
    for (let n = 0; n <= i; n++) expect(await readFile(join(work, `photos-${n}`, 'holiday.txt'), 'utf8'), `${label}: a file a link in an output led to`).toBe('a user’s file');
    const full = join(work, `full-${i}`);
    expect((await build(full, join(work, 'cache-full'), true)).bundled, 'a full build: Astro bundles the site').toBe(true);
    const [a, b] = await Promise.all([tree(incremental), tree(full)]);
    expect(a.size, label).toBeGreaterThan(500);
    expect(differences(a, b), `${label}: files that differ from a full build's`).toEqual([]);
    await rm(full, { recursive: true, force: true });
  }
}, 1_800_000);

it('a build after a change to the site code bundles it again, and its pages show the change', async () => {
  // A copy of the package (the code, prompts, schemas, Astro's settings, the version, the lock and the public
  // folder, with the same dependencies) whose code this test changes, as an upgrade would. Each
  // build is the copy's CLI in a process of its own, as a user runs it.
  const pkg = join(work, 'package');
  for (const path of ['src', 'prompts', 'schemas', 'public', 'astro.config.ts', 'package.json', 'package-lock.json', 'tsconfig.json']) await cp(join(root, path), join(pkg, path), { recursive: true });
  await symlink(join(root, 'node_modules'), join(pkg, 'node_modules'));
  const [outDir, cacheDir] = [join(work, 'code-out'), join(work, 'code-cache')];
  const cli = async () => {
    const { stderr } = await run(process.execPath, [join(pkg, 'src/cli/main.ts'), 'build', '--no-llm', '--journal', journal, '--out', outDir, '--as-of', AS_OF], { env: { ...process.env, TURBOWORK_CACHE: cacheDir } });
    return stderr;
  };
  const KEPT = 'with the bundle kept from a previous build';
  try {
    expect(await cli(), 'the first build: Astro bundles the site').not.toContain(KEPT);
    await edit('daily/2026/2026-09-10.md', (t) => `${t}\n- Wrote up the cutover checklist\n`);
    expect(await cli(), 'an edit to the journal: the kept bundle renders').toContain(KEPT);

    const layout = join(pkg, 'src/layouts/Base.astro');
    const before = await readFile(layout, 'utf8');
    expect(before).toContain('Built by turbowork from');
    await writeFile(layout, before.replace('Built by turbowork from', 'Made by turbowork from'));
    expect(await cli(), 'a change to the code: Astro bundles the site again').not.toContain(KEPT);
    const pages = [...(await tree(outDir))].filter(([path]) => path.endsWith('.html'));
    expect(pages.length).toBeGreaterThan(250);
    const stale = pages.filter(([, html]) => !html.toString().includes('Made by turbowork from')).map(([path]) => path);
    expect(stale, 'pages without the changed footer').toEqual([]);
  } finally {
    await rm(pkg, { recursive: true, force: true });
  }
}, 900_000);
