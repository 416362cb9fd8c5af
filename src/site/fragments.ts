/**
 * Rendered fragments: Markdown as HTML and charts as SVG. Page data refers to a fragment by key,
 * and pages look the HTML up as Astro renders them (components/Rendered.astro), so the bulky
 * markup stays out of the content layer, and a fragment still rendering (a chart on the worker
 * thread) holds up only the pages that show it.
 *
 * Fragments are kept between builds in one file under the cache folder, keyed by a hash of what
 * they were rendered from: a warm build renders only what changed, and appends them to the file.
 * Fragments no build used are dropped when the file is written anew (json-lines.ts: writeKeyedLines).
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { KeyedLines, readKeyedLines, writeKeyedLines } from './json-lines.ts';
import type { FragmentSource } from './render.ts';

/** The key of a rendered fragment, e.g. on `DayPage.body`. */
export type FragmentKey = string;

/** Renders a fragment: renderFragment (render.ts) in this thread, or a RenderPool's workers. */
export type Renderer = (source: FragmentSource) => string | Promise<string>;

/** What rendered fragments depend on besides their source: our renderers and the locked packages. */
const RENDERER_VERSION = createHash('sha1')
  .update(['./render.ts', './markdown.ts', './routes.ts', '../charts/render.ts', '../charts/specs.ts', '../charts/vega-specs.json', '../../package-lock.json'].map((file) => readFileSync(new URL(file, import.meta.url), 'utf8')).join('\n'))
  .digest('hex');

export class Fragments {
  readonly #stored: KeyedLines<string>;
  readonly #render: Renderer;
  /** The fragments this build's pages show: rendering or rendered, or null when a build before rendered it (its HTML is read from the cache file when asked for). */
  readonly #used = new Map<FragmentKey, string | Promise<string> | null>();
  #rendered = 0;

  private constructor(stored: KeyedLines<string>, render: Renderer) {
    this.#stored = stored;
    this.#render = render;
  }

  /**
   * Reads the cache file (JSON Lines: the renderers' version, then a key and its HTML a line); a
   * missing or unreadable one, or one written by other rendering code (the sources of the renderers
   * and the locked dependencies: RENDERER_VERSION), is empty. A null path keeps nothing between builds.
   */
  static async read(path: string | null, render: Renderer): Promise<Fragments> {
    const stored = path ? await readKeyedLines<string>(path, (header) => (header as { version?: unknown }).version === RENDERER_VERSION) : new KeyedLines<string>();
    return new Fragments(stored, render);
  }

  /** The key of the fragment rendered from `source`; rendering starts only when no build has rendered it. */
  add(source: FragmentSource): FragmentKey {
    const key = createHash('sha1').update(JSON.stringify(source)).digest('base64url');
    if (!this.#used.has(key)) {
      if (this.#stored.has(key)) {
        this.#used.set(key, null);
      } else {
        this.#rendered++;
        const fragment = this.#render(source);
        // A failure surfaces where the fragment is used (a page, or write()), not as an unhandled rejection.
        if (fragment instanceof Promise) fragment.catch(() => {});
        this.#used.set(key, fragment);
      }
    }
    return key;
  }

  /** Whether page data of this build may refer to the fragment. */
  has(key: FragmentKey): boolean {
    return this.#used.has(key);
  }

  /** The fragment's HTML, once rendered. */
  async html(key: FragmentKey): Promise<string> {
    const fragment = this.#used.get(key);
    if (fragment === undefined) throw new Error(`No fragment ${key}: page data and fragments are from different builds.`);
    return fragment ?? this.#stored.get(key)!;
  }

  /** How many fragments this build rendered rather than reused. */
  get rendered(): number {
    return this.#rendered;
  }

  /** Resolves once every fragment added so far is rendered (or failed). */
  async settled(): Promise<void> {
    await Promise.allSettled(this.#used.values());
  }

  /** Keeps the fragments this build used in the cache file, once all are rendered (json-lines.ts: writeKeyedLines); the ones read from it stay as they are. */
  async write(path: string | null): Promise<void> {
    const keys = [...this.#used.keys()];
    const html = await Promise.all(this.#used.values());
    if (path) await writeKeyedLines(path, { version: RENDERER_VERSION }, keys.map((key, i): readonly [string, string?] => (html[i] === null ? [key] : [key, html[i]])), this.#stored);
  }
}
