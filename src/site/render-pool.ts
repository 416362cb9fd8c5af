/**
 * Renders fragments on worker threads, so the main thread goes on assembling and building the site
 * while charts are drawn (about 2.5 ms of CPU each with Vega, 850 of them in a ten-year journal).
 * Workers start only for work worth a thread: a worker loads its own copy of the renderers (0.3–0.5 s
 * of CPU), so a few Markdown fragments (an incremental build's edited log) render on this thread,
 * which has the Markdown renderer loaded already (data.ts renders inline Markdown). Sources are
 * gathered until the thread is free (setImmediate), then sent as one batch: a build that reuses every
 * fragment starts no worker, one that renders a few logs starts none, and a cold build starts them all.
 * Close the pool when done: its workers keep the process alive.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { renderFragment, type FragmentSource } from './render.ts';

interface Pending {
  resolve: (html: string) => void;
  reject: (error: Error) => void;
}

/** The most Markdown fragments a batch renders on this thread, while no worker runs (a few milliseconds each). */
const IN_THREAD = 32;

export class RenderPool {
  readonly #size: number;
  readonly #workers: Worker[] = [];
  readonly #pending = new Map<number, Pending>();
  /** Sources added since the last batch was sent. */
  #batch: { id: number; source: FragmentSource }[] = [];
  #next = 0;
  #closed = false;

  /** `size` workers at most; by default one per core but one, which the main thread keeps. */
  constructor(size = Math.max(1, Math.min(availableParallelism() - 1, 4))) {
    this.#size = size;
  }

  render(source: FragmentSource): Promise<string> {
    const id = this.#next++;
    if (this.#batch.length === 0) setImmediate(() => this.#send());
    this.#batch.push({ id, source });
    return new Promise((resolve, reject) => this.#pending.set(id, { resolve, reject }));
  }

  /** How many worker threads have started. */
  get workers(): number {
    return this.#workers.length;
  }

  /** Stops the workers; fragments still rendering are rejected. */
  async close(): Promise<void> {
    this.#closed = true;
    await Promise.all(this.#workers.splice(0).map((worker) => worker.terminate()));
    this.#fail(new Error('the render pool was closed'));
  }

  /** Renders the batch: a few Markdown sources here while no worker runs, the rest (and charts, whose Vega loads on a worker) on the workers. */
  #send(): void {
    const batch = this.#batch;
    this.#batch = [];
    if (this.#closed) return this.#fail(new Error('the render pool was closed'));
    const here = this.#workers.length === 0 && batch.filter(({ source }) => 'markdown' in source).length <= IN_THREAD;
    for (const { id, source } of batch) {
      if (here && 'markdown' in source) {
        renderFragment(source).then((html) => this.#settle(id, html), (error: unknown) => this.#settle(id, undefined, error instanceof Error ? error.message : String(error)));
        continue;
      }
      if (this.#workers.length < this.#size) this.#workers.push(this.#start());
      this.#workers[id % this.#workers.length].postMessage({ id, source });
    }
  }

  #start(): Worker {
    const worker = new Worker(new URL('./render-worker.ts', import.meta.url));
    worker.on('message', ({ id, html, error }: { id: number; html?: string; error?: string }) => this.#settle(id, html, error));
    worker.on('error', (error) => this.#fail(error));
    return worker;
  }

  #settle(id: number, html: string | undefined, error?: string): void {
    const pending = this.#pending.get(id);
    if (!pending) return; // the pool was closed meanwhile
    this.#pending.delete(id);
    if (error === undefined) pending.resolve(html!);
    else pending.reject(new Error(error));
  }

  #fail(error: Error): void {
    for (const pending of this.#pending.values()) pending.reject(error);
    this.#pending.clear();
  }
}
