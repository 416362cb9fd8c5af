/**
 * The site's search index (Pagefind), made from the output folder once every page is in it, in the
 * order of the pages' paths: Pagefind's files depend on the order pages are added in, so a site's
 * index is the same however its pages were rendered (in parallel, or some kept from the previous
 * build; src/site/manifest.ts). Pagefind indexes in its own process.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as pagefind from 'pagefind';

/** The most of one page the search index reads, in characters (ordinary pages are far smaller). */
const MAX_INDEXED_CHARS = 1_000_000;
/** Pages sent to Pagefind and not yet indexed, at most: the rest wait on disk, not in memory. */
const IN_FLIGHT = 32;

export class SearchIndex {
  readonly #index: pagefind.PagefindIndex;
  readonly #pending: Promise<void>[] = [];

  private constructor(index: pagefind.PagefindIndex) {
    this.#index = index;
  }

  static async open(): Promise<SearchIndex> {
    const { index, errors } = await pagefind.createIndex({});
    if (!index) throw new Error(`pagefind could not start: ${errors.join('; ')}`);
    return new SearchIndex(index);
  }

  /**
   * Indexes every page of a built site (`index.html` files, and no 404 page: it is no search result),
   * in the order of their paths; `base` is the site's base path, e.g. "/" or "/journal/".
   */
  async addSite(dir: string, base: string): Promise<void> {
    const pages = (await readdir(dir, { recursive: true })).filter((path) => path === 'index.html' || path.endsWith('/index.html')).sort();
    for (const path of pages) {
      if (this.#pending.length >= IN_FLIGHT) await this.#pending[this.#pending.length - IN_FLIGHT];
      this.add(base + path.slice(0, -'index.html'.length), await readFile(join(dir, path), 'utf8'));
    }
  }

  /**
   * Indexes one rendered page; `url` is its path on the site, e.g. "/days/2026-03-02/". A page
   * beyond MAX_INDEXED_CHARS is indexed up to there (cut before a tag): Pagefind takes minutes over
   * the 10 MB page of a day with 130,000 wins.
   */
  add(url: string, html: string): void {
    if (html.length > MAX_INDEXED_CHARS) html = html.slice(0, html.lastIndexOf('<', MAX_INDEXED_CHARS));
    const added = this.#index.addHTMLFile({ url, content: html }).then(({ errors }) => {
      if (errors.length > 0) throw new Error(`pagefind could not index ${url}: ${errors.join('; ')}`);
    });
    added.catch(() => {}); // reported by write()
    this.#pending.push(added);
  }

  /** Writes the index to `outputPath`; returns the number of pages added. */
  async write(outputPath: string): Promise<number> {
    await Promise.all(this.#pending);
    const { errors } = await this.#index.writeFiles({ outputPath });
    if (errors.length > 0) throw new Error(`pagefind could not write its index: ${errors.join('; ')}`);
    return this.#pending.length;
  }

  /** Stops Pagefind's process. */
  async close(): Promise<void> {
    await pagefind.close();
  }
}
