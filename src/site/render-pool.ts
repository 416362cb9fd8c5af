/**
 * Renders fragments in child processes, so the CLI goes on assembling and building the site while
 * charts are drawn (about 2.5 ms of CPU each with Vega, 850 of them in a ten-year journal).
 * Processes, not worker threads: a process's memory goes back to the system when it ends, with the
 * fragments settled, and it runs with V8's flags for a smaller heap (HEAP). A worker thread's heap
 * grew to 270–390 MB with 50 MB live at thirty years, and stayed in the CLI's resident set while
 * Astro rendered (docs/benchmarks.md). No limit is set: a huge journal file still gets the memory it needs.
 * Processes start only for work worth one: a process loads its own copy of the renderers (0.3–0.5 s
 * of CPU), so a few Markdown fragments (an incremental build's edited log) render on this thread,
 * which keeps one copy of the Markdown renderer (data.ts renders inline Markdown). So does every
 * simple body (render.ts: renderPlain), at any count: it renders in less time than it takes to send
 * it and its HTML between two processes (a cold ten-year build's 3,114 bodies, docs/benchmarks.md).
 * Sources are gathered until the thread is free (setImmediate), then sent as one batch: a build that
 * reuses every fragment starts no process, one that renders a few logs starts none, and a cold build
 * starts them all for its charts.
 * Close the pool when done: its processes keep the CLI alive.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { getCompileCacheDir } from 'node:module';
import { availableParallelism } from 'node:os';
import { dirname } from 'node:path';
import { HEAP_GROWTH } from './memory.ts';
import { renderFragment, renderPlain, type FragmentSource } from './render.ts';

/**
 * A render process's heap: its old generation grows by a fifth past what its last full collection
 * kept (HEAP_GROWTH, memory.ts), and its young generation stays small (by default up to
 * three 32 MB semi-spaces on a machine with memory to spare). Thirty years' fragments rendered in
 * 270 MB this way, and in 146 MB with both (docs/benchmarks.md). Neither is a limit.
 */
const HEAP = [HEAP_GROWTH, '--max-semi-space-size=4'];

/** A source to render, and the id its HTML is sent back with. */
interface Job {
  id: number;
  source: FragmentSource;
}

interface Pending {
  resolve: (html: string) => void;
  reject: (error: Error) => void;
}

/** The most Markdown fragments a batch renders on this thread, while no render process runs (a few milliseconds each). */
const IN_THREAD = 32;
/**
 * The most sources a render process is sent ahead of its answers: the rest wait here, where they are
 * held anyway. Sent all at once, a cold build's 11,856 sources at thirty years sat in the process as
 * messages and started rendering together, and its heap grew to 250 MB.
 */
const IN_FLIGHT = 32;

export class RenderPool {
  readonly #size: number;
  readonly #workers: ChildProcess[] = [];
  readonly #pending = new Map<number, Pending>();
  /** Sources added since the last batch was sent. */
  #batch: Job[] = [];
  /** Sources waiting for a render process, the next one at #head. */
  #queue: Job[] = [];
  #head = 0;
  /** How many sources each render process was sent and has not answered yet. */
  readonly #sent = new Map<ChildProcess, number>();
  #next = 0;
  #closed = false;

  /** `size` processes at most; by default one per core but one, which the CLI keeps. */
  constructor(size = Math.max(1, Math.min(availableParallelism() - 1, 4))) {
    this.#size = size;
  }

  render(source: FragmentSource): Promise<string> {
    const id = this.#next++;
    if (this.#batch.length === 0) setImmediate(() => this.#send());
    this.#batch.push({ id, source });
    return new Promise((resolve, reject) => this.#pending.set(id, { resolve, reject }));
  }

  /** How many render processes have started. */
  get workers(): number {
    return this.#workers.length;
  }

  /** Stops the render processes; fragments still rendering are rejected. */
  async close(): Promise<void> {
    this.#closed = true;
    [this.#queue, this.#head] = [[], 0];
    await Promise.all(this.#workers.splice(0).map(stop));
    this.#fail(new Error('the render pool was closed'));
  }

  /** Renders the batch: simple bodies here, and a few other Markdown sources while no render process runs; the rest (and charts, whose Vega loads in a render process) in the processes. */
  #send(): void {
    const sources = this.#batch;
    this.#batch = [];
    if (this.#closed) return this.#fail(new Error('the render pool was closed'));
    const batch: Job[] = [];
    for (const job of sources) {
      let html: string | null;
      try {
        html = renderPlain(job.source);
      } catch (error) {
        this.#settle(job.id, undefined, error instanceof Error ? error.message : String(error));
        continue;
      }
      if (html === null) batch.push(job);
      else this.#settle(job.id, html);
    }
    const here = this.#workers.length === 0 && batch.filter(({ source }) => 'markdown' in source).length <= IN_THREAD;
    for (const { id, source } of batch) {
      if (here && 'markdown' in source) {
        renderFragment(source).then((html) => this.#settle(id, html), (error: unknown) => this.#settle(id, undefined, error instanceof Error ? error.message : String(error)));
        continue;
      }
      this.#queue.push({ id, source });
    }
    const waiting = this.#queue.length - this.#head;
    while (this.#workers.length < Math.min(this.#size, waiting)) this.#workers.push(this.#start());
    for (const worker of this.#workers) this.#feed(worker);
  }

  /** Sends a render process what it may render next. */
  #feed(worker: ChildProcess): void {
    let sent = this.#sent.get(worker) ?? 0;
    for (; sent < IN_FLIGHT && this.#head < this.#queue.length; sent++) worker.send(this.#queue[this.#head++]);
    this.#sent.set(worker, sent);
    if (this.#head === this.#queue.length) [this.#queue, this.#head] = [[], 0];
  }

  #start(): ChildProcess {
    // The CLI's module compile cache, which Node does not pass on by itself (as astro.ts does for Astro's process).
    const compileCache = getCompileCacheDir();
    const child = fork(new URL('./render-worker.ts', import.meta.url), [], {
      env: compileCache ? { ...process.env, NODE_COMPILE_CACHE: dirname(compileCache) } : process.env,
      // The CLI's own flags (an inspector, say) are not the render process's.
      execArgv: [...process.execArgv.filter((arg) => !arg.startsWith('--inspect')), ...HEAP],
      serialization: 'advanced',
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    child.on('message', ({ id, html, error }: { id: number; html?: string; error?: string }) => {
      this.#sent.set(child, this.#sent.get(child)! - 1);
      this.#settle(id, html, error);
      if (!this.#closed) this.#feed(child);
    });
    child.on('error', (error) => this.#fail(error));
    child.on('exit', (code, signal) => this.#closed || this.#fail(new Error(`a render process stopped (${signal ?? `exit code ${code}`})`)));
    return child;
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

/** Ends a render process, and resolves once it is gone. */
async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGKILL');
  await exited;
}
