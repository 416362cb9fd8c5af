/**
 * Rendered fragments (Markdown as HTML, charts as SVG) kept between builds in one file under the
 * cache folder, keyed by a hash of what they were rendered from. A warm build renders only what
 * changed; entries no build used are dropped when the file is written back.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';

/** What rendered fragments depend on besides their input: our renderers and the locked packages. */
const RENDERER_VERSION = createHash('sha1')
  .update(['./markdown.ts', '../charts/render.ts', '../charts/specs.ts', '../../package-lock.json'].map((file) => readFileSync(new URL(file, import.meta.url), 'utf8')).join('\n'))
  .digest('hex');

export class RenderCache {
  readonly #stored: Map<string, string>;
  readonly #used = new Map<string, string>();
  #rendered = 0;

  private constructor(stored: Map<string, string>) {
    this.#stored = stored;
  }

  /**
   * Reads the cache file; a missing or unreadable one, or one written by other rendering code
   * (the sources of the renderers and the locked dependencies: RENDERER_VERSION), is empty.
   */
  static async read(path: string | null): Promise<RenderCache> {
    const text = path ? await readFile(path, 'utf8').catch(() => null) : null;
    try {
      const { version, fragments } = text ? (JSON.parse(text) as { version: string; fragments: Record<string, string> }) : { version: '', fragments: {} };
      return new RenderCache(new Map(version === RENDERER_VERSION ? Object.entries(fragments) : []));
    } catch {
      return new RenderCache(new Map());
    }
  }

  /** The fragment rendered from `input`, rendering it only when no build has. */
  async get(input: string, render: () => string | Promise<string>): Promise<string> {
    const key = createHash('sha1').update(input).digest('base64url');
    let fragment = this.#used.get(key) ?? this.#stored.get(key);
    if (fragment === undefined) {
      fragment = await render();
      this.#rendered++;
    }
    this.#used.set(key, fragment);
    return fragment;
  }

  /** How many fragments this build rendered rather than reused. */
  get rendered(): number {
    return this.#rendered;
  }

  /** Writes back the fragments this build used, atomically, unless nothing changed. */
  async write(path: string | null): Promise<void> {
    if (!path || (this.#rendered === 0 && this.#used.size === this.#stored.size)) return;
    await mkdir(dirname(path), { recursive: true });
    const temporary = `${path}.${process.pid}.tmp`;
    await writeFile(temporary, JSON.stringify({ version: RENDERER_VERSION, fragments: Object.fromEntries(this.#used) }));
    await rename(temporary, path);
  }
}
