/**
 * The site's search index (Pagefind), made from the output folder once every page is in it.
 *
 * The index comes in shards, one Pagefind bundle each: one per year, for the pages of the days,
 * weeks, quarters, year and objectives of that year (`dist/pagefind/2025/`), one for the 1:1 series
 * (`dist/pagefind/one-on-ones/`), and one for the pages of no entry (the dashboard, the lists,
 * patterns: `dist/pagefind/`, whose scripts the search page loads). The search page merges them
 * (`mergeIndex`, the list in `dist/pagefind/shards.json`). An incremental build indexes again only
 * the shards holding a page it rendered or removed, and keeps the other shards' files from the
 * previous output (src/site/manifest.ts). The pages of no entry render in every build, so their
 * shard is made every time: it holds nothing else, so that an edit costs the index of its year
 * (and of the 1:1s, when it reaches one), not of every objective and 1:1 page.
 *
 * Pages are added to a shard in the order of their paths: Pagefind's files depend on the order pages
 * are added in, so a shard's files are the same however its pages came to be in the folder (rendered
 * in parallel, or kept from the previous build). Pagefind indexes in processes of its own, two shards
 * at a time, sent only the part of each page it reads (src/site/searchable.ts).
 */
import { copyFile, link, mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { dirname, join } from 'node:path';
import * as pagefind from 'pagefind';
import { searchable } from './searchable.ts';

type Pagefind = typeof pagefind;

/** The most of one page the search index reads, in characters (ordinary pages are far smaller). */
const MAX_INDEXED_CHARS = 1_000_000;
/** Pages sent to Pagefind and not yet indexed, at most: the rest wait on disk, not in memory. */
const IN_FLIGHT = 32;
/**
 * Pagefind processes, each indexing a shard at a time. A Pagefind process handles its requests one
 * after another, whatever index they are for, so shards are indexed side by side only in processes
 * of their own: one per core, two at most (the shards are indexed once every page is written, when
 * the build's other work is done).
 */
const PROCESSES = Math.min(2, availableParallelism());
/** The shard of the pages of no entry (the bundle the search page loads, into which it merges the others). */
const SITE_SHARD = '';
/** The shard of the 1:1 series' pages (they span years). */
const ONE_ON_ONES_SHARD = 'one-on-ones';

/**
 * The shard of a page by its path in the output folder: the year of a day, week, quarter, year or
 * objective page ("days/2025-03-04/index.html", "okrs/2025-Q1/latency/index.html" → "2025"), the 1:1
 * shard for a series' page ("one-on-ones/ana/index.html" → "one-on-ones"), else the site's own shard
 * (""), which the lists of objectives and 1:1s are in. A page's shard depends on its path alone, so
 * it is the same in every build.
 */
export function shardOf(path: string): string {
  const year = /^(?:(?:days|weeks|quarters|years)\/|okrs\/(?=\d{4}-Q\d\/[^/]+\/))(\d{4})\b/.exec(path)?.[1];
  if (year) return year;
  return /^one-on-ones\/[^/]+\//.test(path) ? ONE_ON_ONES_SHARD : SITE_SHARD;
}

/** What an incremental build may keep of the previous output's index. */
export interface Reuse {
  /** The previous output folder. */
  previous: string;
  /** Whether a shard holds a page this build rendered or removed (its files must be made again). */
  changed: (shard: string) => boolean;
  /** The shards whose files are already in the folder being indexed (a reused folder's: src/site/previous.ts). */
  inPlace?: ReadonlySet<string>;
}

/**
 * Pagefind's Node API runs one process per instance of its module, so the n-th process (from 0) is
 * the module's n-th instance: the same file imported under another URL (a query of its own).
 */
const processes = new Map<number, Promise<Pagefind>>();
function pagefindProcess(n: number): Promise<Pagefind> {
  let found = processes.get(n);
  if (!found) processes.set(n, (found = n === 0 ? Promise.resolve(pagefind) : (import(`${import.meta.resolve('pagefind')}?process=${n}`) as Promise<Pagefind>)));
  return found;
}

export class SearchIndex {
  private constructor() {}

  /** Starts Pagefind's processes (they take a moment: start them early). */
  static async open(): Promise<SearchIndex> {
    await Promise.all(Array.from({ length: PROCESSES }, async (_, n) => {
      const { index, errors } = await (await pagefindProcess(n)).createIndex({});
      if (!index) throw new Error(`pagefind could not start: ${errors.join('; ')}`);
      await index.deleteIndex();
    }));
    return new SearchIndex();
  }

  /**
   * Indexes every page of the built site in `dir` (`index.html` files, and no 404 page: it is no
   * search result) into `dir/pagefind/`, shard by shard; `base` is the site's base path, e.g. "/" or
   * "/journal/". With `reuse`, a shard no page of which changed is hard-linked from the previous
   * output, unless it is in place already. With `sharded: false`, every page goes into the site's shard (an index made once and
   * never updated, such as an encrypted site's index of one reader's pages, which may hold no page of
   * the site's own shard). `files`, when the caller knows them, are the files in `dir` (relative), so
   * that the folder is not read again (at ten years, 10,000 entries: 0.1–0.2 s of CPU). Returns the
   * number of pages the index holds.
   */
  async write(dir: string, base: string, reuse?: Reuse, { sharded = true, files }: { sharded?: boolean; files?: string[] } = {}): Promise<number> {
    const pages = (files ?? (await readdir(dir, { recursive: true }))).filter((path) => path === 'index.html' || path.endsWith('/index.html')).sort();
    const shards = Map.groupBy(pages, sharded ? shardOf : () => SITE_SHARD);
    const names = [...shards.keys()].filter((name) => name !== SITE_SHARD).sort();
    const output = join(dir, 'pagefind');
    // Each Pagefind process takes the next shard to index (a shard's pages still go in the order of
    // their paths, so its files are the same whichever process made them).
    const queue = [SITE_SHARD, ...names];
    const next = async (n: number): Promise<void> => {
      for (let name = queue.shift(); name !== undefined; name = queue.shift()) {
        const target = join(output, name);
        const kept = reuse && name !== SITE_SHARD && !reuse.changed(name) && (reuse.inPlace?.has(name) || (await linkTree(join(reuse.previous, 'pagefind', name), target)));
        if (!kept) await indexShard(await pagefindProcess(n), dir, shards.get(name) ?? [], base, target);
      }
    };
    await Promise.all(Array.from({ length: PROCESSES }, (_, n) => next(n)));
    await writeFile(join(output, 'shards.json'), JSON.stringify(names));
    return pages.length;
  }

  /** Stops Pagefind's process. */
  async close(): Promise<void> {
    await SearchIndex.closeAll();
  }

  /** Stops Pagefind's processes, which every open index shares. */
  static async closeAll(): Promise<void> {
    await Promise.all([pagefind.close(), ...[...processes.values()].map(async (found) => (await found).close())]);
  }
}

/** Indexes `pages` (paths under `dir`) into a Pagefind bundle at `outputPath`, in the process of `pagefind`. */
async function indexShard(pagefind: Pagefind, dir: string, pages: string[], base: string, outputPath: string): Promise<void> {
  const { index, errors: started } = await pagefind.createIndex({});
  if (!index) throw new Error(`pagefind could not start: ${started.join('; ')}`);
  try {
    const pending: Promise<void>[] = [];
    for (const path of pages) {
      if (pending.length >= IN_FLIGHT) await pending[pending.length - IN_FLIGHT];
      const url = base + path.slice(0, -'index.html'.length);
      let html = await readFile(join(dir, path), 'utf8');
      // A page beyond MAX_INDEXED_CHARS is indexed up to there (cut before a tag): Pagefind takes
      // minutes over the 10 MB page of a day with 130,000 wins.
      if (html.length > MAX_INDEXED_CHARS) html = html.slice(0, html.lastIndexOf('<', MAX_INDEXED_CHARS));
      // Pagefind is sent only what it reads of the page (a third as many bytes: src/site/searchable.ts).
      const added = index.addHTMLFile({ url, content: searchable(html) }).then(({ errors }) => {
        if (errors.length > 0) throw new Error(`pagefind could not index ${url}: ${errors.join('; ')}`);
      });
      added.catch(() => {}); // reported below
      pending.push(added);
    }
    await Promise.all(pending);
    const { errors } = await index.writeFiles({ outputPath });
    if (errors.length > 0) throw new Error(`pagefind could not write its index: ${errors.join('; ')}`);
  } finally {
    await index.deleteIndex();
  }
}

/** Hard-links (or copies) every file under `from` to the same place under `to`; false when `from` is missing. */
async function linkTree(from: string, to: string): Promise<boolean> {
  let files: string[];
  try {
    files = (await readdir(from, { recursive: true, withFileTypes: true })).filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name).slice(from.length + 1));
  } catch {
    return false;
  }
  // Each folder made once (a bundle's few hundred files are in three or four).
  for (const folder of new Set(files.map((file) => dirname(join(to, file))))) await mkdir(folder, { recursive: true });
  await Promise.all(files.map((file) => link(join(from, file), join(to, file)).catch(() => copyFile(join(from, file), join(to, file)))));
  return true;
}
