/**
 * The site's search index (Pagefind). Pages are added as Astro renders them (src/middleware.ts), so
 * Pagefind indexes in its own process while the build goes on, instead of reading every page back
 * from disk afterwards.
 */
import * as pagefind from 'pagefind';

/** The most of one page the search index reads, in characters (ordinary pages are far smaller). */
const MAX_INDEXED_CHARS = 1_000_000;

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
    await SearchIndex.closeAll();
  }

  /** Stops Pagefind's process, which every open index shares. */
  static async closeAll(): Promise<void> {
    await pagefind.close();
  }
}
